package dev.usercluster.follower.audit;

import dev.usercluster.api.ProblemCode;

/** How an audited event ended. */
public enum AuditOutcome {

	/** It was done. */
	SUCCESS("success"),
	/** Wrong name or password, or a missing or dead token. */
	BAD_CREDENTIALS("bad-credentials"),
	/** Refused by login throttling, before any password check. */
	THROTTLED("throttled"),
	/** Refused by the session rule (policy {@code reject} with a live session). */
	SESSION_RULE("refused-by-session-rule"),
	/** Refused because the request was invalid (a password the policy refuses, say). */
	INVALID("invalid"),
	/** Refused because the name is taken. */
	CONFLICT("conflict"),
	/** Refused for lack of permission (not the admin, another user's account). */
	FORBIDDEN("forbidden"),
	/** Nothing to act on (no such user, no live session). */
	NOT_FOUND("not-found"),
	/** Failed for another reason (a store was unavailable, say). */
	ERROR("error");

	private final String value;

	AuditOutcome(String value) {
		this.value = value;
	}

	/**
	 * The outcome an answered problem means.
	 * @param code the problem code
	 * @return the outcome
	 */
	public static AuditOutcome of(ProblemCode code) {
		return switch (code) {
			case INVALID_CREDENTIALS, INVALID_SESSION -> BAD_CREDENTIALS;
			case TOO_MANY_ATTEMPTS -> THROTTLED;
			case ALREADY_LOGGED_IN -> SESSION_RULE;
			case INVALID_REQUEST -> INVALID;
			case NAME_TAKEN -> CONFLICT;
			case FORBIDDEN -> FORBIDDEN;
			case USER_NOT_FOUND, OFFLINE -> NOT_FOUND;
			default -> ERROR;
		};
	}

	/** The value written in the {@code outcome} field. */
	public String value() {
		return this.value;
	}

}
