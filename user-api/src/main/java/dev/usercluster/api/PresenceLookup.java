package dev.usercluster.api;

import java.util.List;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * Where to route a message to many users: their names, 1 to 500 of them.
 *
 * @param names any names (unknown ones are answered with no sessions)
 */
public record PresenceLookup(@NotNull @Size(min = 1, max = PresenceLookup.MAX_NAMES,
		message = "must hold 1 to {max} names") List<@NotNull @CodePoints(max = 32, nfc = true,
				message = "must have at most {max} characters") String> names) {

	/** Most names in one look-up. */
	public static final int MAX_NAMES = 500;

}
