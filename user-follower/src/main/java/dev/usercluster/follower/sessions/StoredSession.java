package dev.usercluster.follower.sessions;

import java.time.Instant;
import java.util.Map;

import dev.usercluster.api.SessionView;
import org.jspecify.annotations.Nullable;

/**
 * A session as Redis holds it.
 *
 * @param nameKey the user's name key
 * @param digest the session token's digest (the first 16 bytes of its SHA-256, hex)
 * @param view what anyone may see of it
 */
record StoredSession(String nameKey, String digest, SessionView view) {

	/**
	 * The session in a session hash, or {@code null} when the hash is empty.
	 * @param digest the digest of the session's token (its key)
	 * @param hash the hash's fields
	 */
	static @Nullable StoredSession from(String digest, @Nullable Map<?, ?> hash) {
		if (hash == null || hash.get("nameKey") == null || hash.get("expiresAt") == null) {
			return null;
		}
		return new StoredSession((String) hash.get("nameKey"), digest, view((String) hash.get("name"),
				(String) hash.get("endpoint"), (String) hash.get("createdAt"), (String) hash.get("expiresAt")));
	}

	static SessionView view(String name, @Nullable String endpoint, String createdAt, String expiresAt) {
		return new SessionView(name, (endpoint == null || endpoint.isEmpty()) ? null : endpoint,
				Instant.ofEpochMilli(Long.parseLong(createdAt)), Instant.ofEpochMilli(Long.parseLong(expiresAt)));
	}

}
