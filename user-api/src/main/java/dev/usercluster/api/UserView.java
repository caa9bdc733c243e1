package dev.usercluster.api;

import java.time.Instant;

/**
 * A newly registered account.
 *
 * @param id the account id
 * @param name the display form of the name, as registered (NFC)
 * @param createdAt when it was registered
 */
public record UserView(long id, String name, Instant createdAt) {
}
