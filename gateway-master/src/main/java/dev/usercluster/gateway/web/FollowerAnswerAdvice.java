package dev.usercluster.gateway.web;

import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import dev.usercluster.api.ApiException;
import dev.usercluster.api.ProblemCode;
import dev.usercluster.gateway.routing.ConnectFailure;
import dev.usercluster.gateway.routing.FollowerProperties;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClientResponseException;

/**
 * A follower's error answer goes to the client as the follower gave it (status, problem
 * body, {@code Retry-After}); a follower that could not answer becomes a problem too,
 * never a 500. Ordered before the shared catch-all handler.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class FollowerAnswerAdvice {

	private static final Log logger = LogFactory.getLog(FollowerAnswerAdvice.class);

	private static final List<String> PASSED_HEADERS = List.of(HttpHeaders.RETRY_AFTER, HttpHeaders.WWW_AUTHENTICATE,
			HttpHeaders.LOCATION);

	private final FollowerProperties properties;

	FollowerAnswerAdvice(FollowerProperties properties) {
		this.properties = properties;
	}

	@ExceptionHandler(RestClientResponseException.class)
	ResponseEntity<?> followerAnswered(RestClientResponseException ex) {
		HttpHeaders received = ex.getResponseHeaders();
		MediaType type = (received != null) ? received.getContentType() : null;
		if (type == null || !MediaType.APPLICATION_PROBLEM_JSON.isCompatibleWith(type)) {
			// not one of the API's answers (a container page, say): say so in the API's
			// terms
			logger.warn("A follower answered " + ex.getStatusCode() + " without a problem detail");
			return problem(new ApiException(ProblemCode.FOLLOWER_FAILED, "A follower could not answer the request."));
		}
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(type);
		for (String name : PASSED_HEADERS) {
			List<String> values = received.get(name);
			if (values != null) {
				headers.addAll(name, values);
			}
		}
		return new ResponseEntity<>(ex.getResponseBodyAsByteArray(), headers, ex.getStatusCode());
	}

	@ExceptionHandler(ApiException.class)
	ResponseEntity<ProblemDetail> refused(ApiException ex) {
		// the gateway's own refusals (no follower, body too large) are expected: no trace
		if (ex.getStatusCode().is5xxServerError()) {
			logger.warn(ex.code() + ": " + ex.getBody().getDetail());
		}
		return problem(ex);
	}

	@ExceptionHandler(ResourceAccessException.class)
	ResponseEntity<ProblemDetail> followerUnreachable(ResourceAccessException ex) {
		logger.warn("A call to a follower failed: " + ex.getMessage());
		if (ConnectFailure.isCause(ex)) {
			// nothing was done: the client may safely call again
			return problem(
					new ApiException(ProblemCode.NO_INSTANCES, "No follower could be reached; try again shortly.")
						.retryAfter(this.properties.retryAfter()));
		}
		return problem(new ApiException(ProblemCode.FOLLOWER_FAILED,
				"The follower handling the request failed; it may or may not have taken effect."));
	}

	private static ResponseEntity<ProblemDetail> problem(ApiException ex) {
		return ResponseEntity.status(ex.getStatusCode()).headers(ex.getHeaders()).body(ex.getBody());
	}

}
