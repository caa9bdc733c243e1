package dev.usercluster.gateway.web;

import java.util.List;

import dev.usercluster.api.ApiException;
import dev.usercluster.api.ProblemCode;
import dev.usercluster.gateway.routing.NoFollowerAvailableException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

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
 * Relays a follower's error answer to the client as it was given (status, body,
 * {@code Content-Type}, {@code Retry-After}); a follower that could not be reached or
 * broke off, once failover has given up, becomes 502 {@code follower-failed}; none at
 * all, 503 {@code no-instances}. Each answer sets its {@code Content-Type}, so that the
 * client's {@code Accept} cannot empty it.
 *
 * <p>
 * Ordered before the shared catch-all problem handler.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class FollowerErrorAdvice {

	private static final Log logger = LogFactory.getLog(FollowerErrorAdvice.class);

	private static final List<String> RELAYED_HEADERS = List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.RETRY_AFTER,
			HttpHeaders.WWW_AUTHENTICATE);

	@ExceptionHandler(RestClientResponseException.class)
	ResponseEntity<?> relay(RestClientResponseException answer) {
		HttpHeaders headers = new HttpHeaders();
		HttpHeaders received = answer.getResponseHeaders();
		MediaType type = (received != null) ? received.getContentType() : null;
		if (type == null || !MediaType.APPLICATION_PROBLEM_JSON.isCompatibleWith(type)) {
			// not an API answer (Tomcat's bare 503 while it pauses, an HTML page): every
			// error the API gives is a problem detail
			logger.warn("A follower answered " + answer.getStatusCode() + " without a problem detail");
			ApiException problem = new ApiException(ProblemCode.FOLLOWER_FAILED,
					"The request could not be completed by a follower.");
			return ResponseEntity.status(problem.getStatusCode())
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(problem.getBody());
		}
		if (received != null) {
			RELAYED_HEADERS.forEach((name) -> {
				List<String> values = received.get(name);
				if (values != null) {
					headers.put(name, values);
				}
			});
		}
		return ResponseEntity.status(answer.getStatusCode()).headers(headers).body(answer.getResponseBodyAsByteArray());
	}

	@ExceptionHandler(NoFollowerAvailableException.class)
	ResponseEntity<ProblemDetail> noFollower(NoFollowerAvailableException unavailable) {
		logger.warn("No follower available");
		return ResponseEntity.status(unavailable.getStatusCode())
			.headers(unavailable.getHeaders())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(unavailable.getBody());
	}

	@ExceptionHandler(ResourceAccessException.class)
	ResponseEntity<ProblemDetail> followerFailed(ResourceAccessException failure) {
		logger.warn("No follower answered: " + failure.getMessage());
		ApiException problem = new ApiException(ProblemCode.FOLLOWER_FAILED,
				"The request could not be completed by a follower.");
		return ResponseEntity.status(problem.getStatusCode())
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem.getBody());
	}

}
