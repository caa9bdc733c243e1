package dev.usercluster.api;

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The answer to a {@link PresenceLookup}: one item per name asked, in the same order.
 *
 * @param items each name with its live sessions
 */
public record PresenceResult(List<UserPresence> items) {

	/**
	 * One user's live sessions.
	 *
	 * @param name the name as asked
	 * @param sessions the live sessions, newest first; empty for an unknown or offline
	 * name
	 */
	public record UserPresence(String name, List<Device> sessions) {
	}

	/**
	 * One live session, where the user is connected.
	 *
	 * @param endpoint {@code host:port} of the connection server, or {@code null}
	 * @param createdAt when the user logged in
	 * @param expiresAt when the session ends unless refreshed
	 */
	public record Device(@Nullable String endpoint, Instant createdAt, Instant expiresAt) {
	}

}
