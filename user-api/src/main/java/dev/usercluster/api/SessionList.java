package dev.usercluster.api;

import java.util.List;

/**
 * Every live session of one user, newest first.
 *
 * @param items the sessions; empty when the user is offline or unknown
 */
public record SessionList(List<SessionView> items) {
}
