package dev.usercluster.gateway.web;

import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.usercluster.api.ApiException;
import dev.usercluster.api.ProblemCode;
import dev.usercluster.gateway.routing.FollowerProperties;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;

import static org.assertj.core.api.Assertions.assertThat;

class FollowerAnswerAdviceTests {

	private final FollowerAnswerAdvice advice = new FollowerAnswerAdvice(new FollowerProperties(Duration.ofSeconds(1),
			Duration.ofSeconds(10), Duration.ofSeconds(3), Duration.ofSeconds(2)));

	@Test
	void followerProblemPassesThroughWithStatusBodyAndRetryAfter() {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		headers.set(HttpHeaders.RETRY_AFTER, "7");
		headers.set(HttpHeaders.CONNECTION, "keep-alive");
		byte[] body = "{\"code\":\"too-many-attempts\",\"status\":429}".getBytes(StandardCharsets.UTF_8);
		ResponseEntity<?> response = this.advice.followerAnswered(HttpClientErrorException
			.create(HttpStatus.TOO_MANY_REQUESTS, "Too Many Requests", headers, body, StandardCharsets.UTF_8));
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
		assertThat(response.getBody()).isEqualTo(body);
		assertThat(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("7");
		assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(response.getHeaders().containsHeader(HttpHeaders.CONNECTION)).isFalse();
	}

	@Test
	void followerAnswerThatIsNotAProblemBecomesFollowerFailed() {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.TEXT_HTML);
		ResponseEntity<?> response = this.advice.followerAnswered(HttpServerErrorException.create(
				HttpStatus.SERVICE_UNAVAILABLE, "Service Unavailable", headers, new byte[0], StandardCharsets.UTF_8));
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_GATEWAY);
		assertThat(((ProblemDetail) response.getBody()).getProperties()).containsEntry("code", "follower-failed");
	}

	@Test
	void followerThatCouldNotBeReachedIsNoInstancesWithRetryAfter() {
		ResponseEntity<ProblemDetail> response = this.advice
			.followerUnreachable(new ResourceAccessException("I/O error", new ConnectException("Connection refused")));
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(response.getBody().getProperties()).containsEntry("code", "no-instances");
		assertThat(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("2");
	}

	@Test
	void followerFailingMidCallIsFollowerFailed() {
		ResponseEntity<ProblemDetail> response = this.advice
			.followerUnreachable(new ResourceAccessException("I/O error", new IOException("Connection reset")));
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_GATEWAY);
		assertThat(response.getBody().getProperties()).containsEntry("code", "follower-failed");
		assertThat(response.getBody().getDetail()).doesNotContain("reset");
	}

	@Test
	void gatewayRefusalKeepsItsRetryAfter() {
		ResponseEntity<ProblemDetail> response = this.advice
			.refused(new ApiException(ProblemCode.NO_INSTANCES, "none").retryAfter(Duration.ofSeconds(2)));
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("2");
	}

}
