package dev.usercluster.follower.audit;

/** What an audit line is about. */
public enum AuditEvent {

	/** {@code POST /users}. */
	REGISTER("register"),
	/** {@code POST /sessions}. */
	LOGIN("login"),
	/** {@code DELETE /sessions/current}. */
	LOGOUT("logout"),
	/** {@code PATCH /sessions/current} (audited when refused). */
	HEARTBEAT("heartbeat"),
	/** {@code PUT /users/{name}/password}. */
	PASSWORD_CHANGE("password-change"),
	/** {@code DELETE /users/{name}}. */
	ACCOUNT_DELETION("account-deletion"),
	/** An admin call; the name is the user it acted on. */
	ADMIN_END_SESSION("admin-end-session"),
	/** {@code DELETE /admin/endpoints/{endpoint}/sessions}. */
	ADMIN_END_ENDPOINT("admin-end-endpoint");

	private final String value;

	AuditEvent(String value) {
		this.value = value;
	}

	/** The value written in the {@code event} field. */
	public String value() {
		return this.value;
	}

}
