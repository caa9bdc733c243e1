package dev.usercluster.systemtests.load;

/** The API calls the load makes, with their method and success status. */
public enum Call {

	REGISTER("POST", 201, true, false),

	LOGIN("POST", 201, true, true),

	WHOAMI("GET", 200, false, true),

	HEARTBEAT("PATCH", 200, false, true),

	USER("GET", 200, true, true),

	USERS("GET", 200, true, true),

	SESSIONS("GET", 200, false, true),

	LOGOUT("DELETE", 204, false, true);

	private final String method;

	private final int success;

	private final boolean mysql;

	private final boolean redis;

	Call(String method, int success, boolean mysql, boolean redis) {
		this.method = method;
		this.success = success;
		this.mysql = mysql;
		this.redis = redis;
	}

	public String method() {
		return this.method;
	}

	public int success() {
		return this.success;
	}

	/**
	 * Whether the gateway may repeat it on another follower after a read timeout or a
	 * broken connection (SPEC: GET and DELETE only).
	 */
	public boolean isRetriedAfterTimeout() {
		return "GET".equals(this.method) || "DELETE".equals(this.method);
	}

	/** Whether answering it reads or writes MySQL. */
	public boolean needsMySql() {
		return this.mysql;
	}

	/** Whether answering it reads or writes Redis. */
	public boolean needsRedis() {
		return this.redis;
	}

}
