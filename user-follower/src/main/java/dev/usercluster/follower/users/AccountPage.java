package dev.usercluster.follower.users;

import java.util.List;

/**
 * One page of accounts in name-key order.
 *
 * @param items the accounts
 * @param next opaque cursor for the next page, {@code null} on the last page
 */
record AccountPage(List<Account> items, String next) {
}
