package dev.usercluster.api;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A live session, as anyone may see it (never its token).
 *
 * @param name the display form of the user's name
 * @param endpoint {@code host:port} of the connection server, or {@code null}
 * @param createdAt when the user logged in
 * @param expiresAt when the session ends unless refreshed
 */
public record SessionView(String name, @Nullable String endpoint, Instant createdAt, Instant expiresAt) {
}
