package dev.usercluster.api;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of a keyset-paginated list.
 *
 * @param <T> the item type
 * @param items the items, in order
 * @param next opaque cursor for the next page ({@code after=}), {@code null} on the last
 * page
 */
public record Page<T>(List<T> items, @Nullable String next) {

	/** Smallest page size a client may ask for. */
	public static final int MIN_LIMIT = 1;

	/** Largest page size a client may ask for. */
	public static final int MAX_LIMIT = 500;

	/** Page size when the client names none. */
	public static final int DEFAULT_LIMIT = 50;

}
