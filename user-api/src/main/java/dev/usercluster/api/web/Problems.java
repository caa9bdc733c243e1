package dev.usercluster.api.web;

import java.util.List;

import dev.usercluster.api.ApiException;
import dev.usercluster.api.ProblemCode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/**
 * Problem details for the errors the framework raises by status (404, 405, 415...), so
 * they carry a {@code code} like the ones the services raise themselves.
 */
final class Problems {

	/** The only detail a 5xx problem ever shows: the cause stays in the server log. */
	static final String INTERNAL_DETAIL = "The request could not be processed.";

	private Problems() {
	}

	static ProblemCode codeFor(HttpStatusCode status) {
		return switch (status.value()) {
			case 400 -> ProblemCode.INVALID_REQUEST;
			case 404 -> ProblemCode.NOT_FOUND;
			case 405 -> ProblemCode.METHOD_NOT_ALLOWED;
			case 406 -> ProblemCode.NOT_ACCEPTABLE;
			case 413 -> ProblemCode.PAYLOAD_TOO_LARGE;
			case 415 -> ProblemCode.UNSUPPORTED_MEDIA_TYPE;
			default -> status.is4xxClientError() ? ProblemCode.INVALID_REQUEST : ProblemCode.INTERNAL_ERROR;
		};
	}

	/**
	 * Give a framework problem the {@code code}, {@code type} and {@code title} of its
	 * status, unless it already has a code; hide the detail of a server error.
	 */
	static ProblemDetail withCode(ProblemDetail problem) {
		if (problem.getProperties() != null && problem.getProperties().containsKey(ProblemCode.MEMBER)) {
			return problem;
		}
		ProblemCode code = codeFor(HttpStatusCode.valueOf(problem.getStatus()));
		String detail = (problem.getStatus() >= 500) ? INTERNAL_DETAIL : problem.getDetail();
		ProblemDetail coded = ApiException.problem(code, (detail != null) ? detail : code.title() + ".");
		coded.setStatus(problem.getStatus());
		coded.setInstance(problem.getInstance());
		return coded;
	}

	/**
	 * A problem as the answer, with its {@code Content-Type} set: content negotiation
	 * then leaves it alone, so a client whose {@code Accept} is unparseable or names only
	 * other types still learns what went wrong, not just the status.
	 */
	static ResponseEntity<Object> answer(ProblemDetail problem, HttpHeaders headers) {
		HttpHeaders typed = new HttpHeaders();
		typed.putAll(headers);
		typed.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		return new ResponseEntity<>(problem, typed, HttpStatusCode.valueOf(problem.getStatus()));
	}

	static ProblemDetail invalid(String detail, List<InvalidField> errors) {
		ProblemDetail problem = ApiException.problem(ProblemCode.INVALID_REQUEST, detail);
		if (!errors.isEmpty()) {
			problem.setProperty(InvalidField.MEMBER, errors);
		}
		return problem;
	}

}
