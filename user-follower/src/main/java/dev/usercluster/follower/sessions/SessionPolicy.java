package dev.usercluster.follower.sessions;

/**
 * What a login with the right password does while the user already has a live session.
 */
enum SessionPolicy {

	/** Refuse the new login with 409 {@code already-logged-in}; the default. */
	REJECT,

	/** End the old session: its token stops working, the new login gets a fresh one. */
	REPLACE

}
