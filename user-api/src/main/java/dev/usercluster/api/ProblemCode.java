package dev.usercluster.api;

import java.net.URI;

import org.springframework.http.HttpStatus;

/**
 * The stable machine-readable {@code code} member of every problem detail the API
 * returns, with the HTTP status and title that go with it.
 */
public enum ProblemCode {

	INVALID_REQUEST(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request"),

	NAME_TAKEN(HttpStatus.CONFLICT, "name-taken", "Name taken"),

	INVALID_CREDENTIALS(HttpStatus.UNAUTHORIZED, "invalid-credentials", "Invalid credentials"),

	ALREADY_LOGGED_IN(HttpStatus.CONFLICT, "already-logged-in", "Already logged in"),

	TOO_MANY_ATTEMPTS(HttpStatus.TOO_MANY_REQUESTS, "too-many-attempts", "Too many attempts"),

	INVALID_SESSION(HttpStatus.UNAUTHORIZED, "invalid-session", "Invalid session"),

	FORBIDDEN(HttpStatus.FORBIDDEN, "forbidden", "Forbidden"),

	REAUTHENTICATION_REQUIRED(HttpStatus.FORBIDDEN, "reauthentication-required", "Reauthentication required"),

	USER_NOT_FOUND(HttpStatus.NOT_FOUND, "user-not-found", "User not found"),

	OFFLINE(HttpStatus.NOT_FOUND, "offline", "User offline"),

	NOT_FOUND(HttpStatus.NOT_FOUND, "not-found", "Not found"),

	METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "method-not-allowed", "Method not allowed"),

	NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "not-acceptable", "Not acceptable"),

	PAYLOAD_TOO_LARGE(HttpStatus.CONTENT_TOO_LARGE, "payload-too-large", "Payload too large"),

	UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "unsupported-media-type", "Unsupported media type"),

	STORE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "store-unavailable", "Store unavailable"),

	OVERLOADED(HttpStatus.SERVICE_UNAVAILABLE, "overloaded", "Overloaded"),

	NO_INSTANCES(HttpStatus.SERVICE_UNAVAILABLE, "no-instances", "No follower available"),

	FOLLOWER_FAILED(HttpStatus.BAD_GATEWAY, "follower-failed", "Follower failed"),

	INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error");

	/** Name of the extension member that carries the code in a problem detail. */
	public static final String MEMBER = "code";

	private static final String TYPE_PREFIX = "urn:user-cluster:problem:";

	private final HttpStatus status;

	private final String code;

	private final String title;

	ProblemCode(HttpStatus status, String code, String title) {
		this.status = status;
		this.code = code;
		this.title = title;
	}

	public HttpStatus status() {
		return this.status;
	}

	public String code() {
		return this.code;
	}

	public String title() {
		return this.title;
	}

	public URI type() {
		return URI.create(TYPE_PREFIX + this.code);
	}

	@Override
	public String toString() {
		return this.code;
	}

}
