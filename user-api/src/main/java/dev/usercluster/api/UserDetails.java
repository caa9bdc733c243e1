package dev.usercluster.api;

import java.time.Instant;

/**
 * An account and whether its user is online.
 *
 * @param id the account id
 * @param name the display form of the name
 * @param createdAt when it was registered
 * @param online whether a session lives
 */
public record UserDetails(long id, String name, Instant createdAt, boolean online) {
}
