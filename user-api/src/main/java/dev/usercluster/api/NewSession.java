package dev.usercluster.api;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The answer to a successful login: the only time the bearer token is shown.
 *
 * @param token 43-character base64url bearer token
 * @param name the display form of the user's name
 * @param endpoint {@code host:port} of the connection server, or {@code null}
 * @param createdAt when the session started
 * @param expiresAt when it ends unless refreshed
 */
public record NewSession(String token, String name, @Nullable String endpoint, Instant createdAt, Instant expiresAt) {

	@Override
	public String toString() {
		return "NewSession[token=<hidden>, name=" + this.name + ", endpoint=" + this.endpoint + ", createdAt="
				+ this.createdAt + ", expiresAt=" + this.expiresAt + "]";
	}

}
