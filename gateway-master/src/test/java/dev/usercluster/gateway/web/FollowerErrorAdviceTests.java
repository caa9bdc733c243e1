package dev.usercluster.gateway.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;

import static org.assertj.core.api.Assertions.assertThat;

class FollowerErrorAdviceTests {

	private final FollowerErrorAdvice advice = new FollowerErrorAdvice();

	@Test
	void followerProblemIsRelayedWithItsStatusBodyAndRetryAfter() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.CONTENT_TYPE, "application/problem+json");
		headers.set(HttpHeaders.RETRY_AFTER, "2");
		headers.set(HttpHeaders.CONNECTION, "keep-alive");
		byte[] body = "{\"code\":\"store-unavailable\",\"status\":503}".getBytes(StandardCharsets.UTF_8);
		ResponseEntity<?> relayed = this.advice.relay(HttpServerErrorException.create(HttpStatus.SERVICE_UNAVAILABLE,
				"Service Unavailable", headers, body, StandardCharsets.UTF_8));
		assertThat(relayed.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(relayed.getBody()).isEqualTo(body);
		assertThat(relayed.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("2");
		assertThat(relayed.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE)).isEqualTo("application/problem+json");
		assertThat(relayed.getHeaders().containsHeader(HttpHeaders.CONNECTION)).isFalse();
	}

	@Test
	void followerThatBrokeOffIsA502FollowerFailedWithoutDetailOfTheCause() {
		ResponseEntity<ProblemDetail> answer = this.advice
			.followerFailed(new ResourceAccessException("I/O error", new IOException("Connection reset by 10.0.0.7")));
		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_GATEWAY);
		assertThat(answer.getBody().getProperties()).containsEntry("code", "follower-failed");
		assertThat(answer.getBody().getDetail()).doesNotContain("10.0.0.7");
	}

	@Test
	void followerAnswerThatIsNotAProblemBecomesFollowerFailed() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.CONTENT_TYPE, "text/html");
		ResponseEntity<?> answer = this.advice.relay(HttpServerErrorException.create(HttpStatus.SERVICE_UNAVAILABLE,
				"Service Unavailable", headers, new byte[0], StandardCharsets.UTF_8));
		assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_GATEWAY);
		assertThat(((ProblemDetail) answer.getBody()).getProperties()).containsEntry("code", "follower-failed");
	}

}
