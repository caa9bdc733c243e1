package dev.usercluster.api;

/**
 * One row of the list of registered users.
 *
 * @param id the account id
 * @param name the display form of the name
 * @param online whether a session lives
 */
public record UserSummary(long id, String name, boolean online) {
}
