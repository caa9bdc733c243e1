package dev.usercluster.api;

import java.time.Duration;
import java.util.List;

import dev.usercluster.api.web.InvalidField;

import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A domain error that renders as an RFC 9457 problem detail carrying its
 * {@link ProblemCode}.
 */
public class ApiException extends ErrorResponseException {

	/**
	 * Response header by which a follower marks an error as given before it wrote
	 * anything, so that the gateway may send even a POST to another follower.
	 */
	public static final String RETRY_SAFE = "X-Retry-Safe";

	private final ProblemCode code;

	public ApiException(ProblemCode code, String detail) {
		this(code, detail, null);
	}

	public ApiException(ProblemCode code, String detail, Throwable cause) {
		super(code.status(), problem(code, detail), cause);
		this.code = code;
	}

	/**
	 * Build the problem detail for a code, with the {@code code} member set.
	 * @param code the problem code
	 * @param detail the human-readable detail
	 * @return a new problem detail
	 */
	public static ProblemDetail problem(ProblemCode code, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(code.status(), detail);
		problem.setType(code.type());
		problem.setTitle(code.title());
		problem.setProperty(ProblemCode.MEMBER, code.code());
		return problem;
	}

	/**
	 * A 400 {@code invalid-request} naming one invalid field, shaped like the answer to a
	 * failed constraint, for rules a constraint annotation cannot check (they need the
	 * service's data, say).
	 * @param field the field
	 * @param message what is wrong with it; never the rejected value
	 * @return the exception
	 */
	public static ApiException invalidField(String field, String message) {
		ApiException invalid = new ApiException(ProblemCode.INVALID_REQUEST, "The request has invalid fields.");
		invalid.getBody().setProperty(InvalidField.MEMBER, List.of(new InvalidField(field, message)));
		return invalid;
	}

	public ProblemCode code() {
		return this.code;
	}

	/**
	 * Add a {@code Retry-After} header, rounded up to whole seconds (at least one).
	 * @param delay how long the client should wait
	 * @return this exception
	 */
	public ApiException retryAfter(Duration delay) {
		long seconds = Math.max(1, (delay.toMillis() + 999) / 1000);
		getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
		return this;
	}

	/**
	 * Mark this error as given before anything was written ({@value #RETRY_SAFE}), so the
	 * call may be repeated elsewhere whatever its method.
	 * @return this exception
	 */
	public ApiException retrySafe() {
		getHeaders().set(RETRY_SAFE, "true");
		return this;
	}

}
