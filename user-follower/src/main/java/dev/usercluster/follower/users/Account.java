package dev.usercluster.follower.users;

import java.time.Instant;

/**
 * A registered account, without its password hash.
 *
 * @param id the account id
 * @param name the display form (NFC, as registered)
 * @param nameKey the unique key (NFC, lower-cased)
 * @param createdAt when it was registered
 */
record Account(long id, String name, String nameKey, Instant createdAt) {
}
