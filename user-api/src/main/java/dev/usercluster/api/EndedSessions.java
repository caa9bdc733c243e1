package dev.usercluster.api;

/**
 * How many sessions a call ended.
 *
 * @param ended the number of sessions
 */
public record EndedSessions(int ended) {
}
