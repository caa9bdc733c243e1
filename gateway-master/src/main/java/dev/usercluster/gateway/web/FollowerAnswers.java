package dev.usercluster.gateway.web;

import org.springframework.http.ResponseEntity;

/**
 * What of a follower's answer the gateway relays.
 */
final class FollowerAnswers {

	private FollowerAnswers() {
	}

	/**
	 * Keep the status, {@code Location} and body of a follower's answer, but none of its
	 * connection headers, which describe the follower's hop, not this one.
	 */
	static <T> ResponseEntity<T> created(ResponseEntity<T> answer) {
		ResponseEntity.BodyBuilder relayed = ResponseEntity.status(answer.getStatusCode());
		if (answer.getHeaders().getLocation() != null) {
			relayed.location(answer.getHeaders().getLocation());
		}
		return relayed.body(answer.getBody());
	}

	/** A follower's 204 without its headers. */
	static ResponseEntity<Void> noContent() {
		return ResponseEntity.noContent().build();
	}

}
