package dev.usercluster.follower.users;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of accounts in name-key order.
 *
 * @param items the accounts
 * @param next opaque cursor for the next page, {@code null} on the last page
 */
record AccountPage(List<Account> items, @Nullable String next) {
}
