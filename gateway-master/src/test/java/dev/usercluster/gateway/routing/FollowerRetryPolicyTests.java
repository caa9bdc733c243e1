package dev.usercluster.gateway.routing;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;

import dev.usercluster.api.ApiException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.cloud.client.loadbalancer.ClientHttpResponseStatusCodeException;
import org.springframework.cloud.client.loadbalancer.LoadBalancedRetryContext;
import org.springframework.cloud.client.loadbalancer.LoadBalancerProperties;
import org.springframework.cloud.client.loadbalancer.RetryableStatusCodeException;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.client.MockClientHttpRequest;
import org.springframework.mock.http.client.MockClientHttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

class FollowerRetryPolicyTests {

	private final FollowerRetryPolicy policy = new FollowerRetryPolicy(new LoadBalancerProperties());

	@ParameterizedTest
	@ValueSource(strings = { "GET", "POST", "PATCH", "DELETE" })
	void connectFailureIsRetriedForEveryMethod(String method) {
		assertThat(this.policy.canRetry(failed(method, new ConnectException("Connection refused")))).isTrue();
		assertThat(this.policy.canRetry(failed(method, new HttpConnectTimeoutException("connect timed out")))).isTrue();
		assertThat(this.policy.canRetry(failed(method, new IOException(new ConnectException("refused"))))).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "GET", "POST", "PUT", "PATCH", "DELETE" })
	void followerUnavailableMarkedRetrySafeIsRetriedForEveryMethod(String method) throws IOException {
		RetryableStatusCodeException unavailable = unavailable("true");
		assertThat(this.policy.retryableException(unavailable)).isTrue();
		assertThat(this.policy.canRetry(failed(method, unavailable))).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "POST", "PUT", "PATCH", "DELETE" })
	void followerUnavailableNotMarkedRetrySafeGoesToTheClientForWrites(String method) throws IOException {
		assertThat(this.policy.canRetry(failed(method, unavailable(null)))).isFalse();
		assertThat(this.policy.canRetry(failed(method, unavailable("false")))).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "GET", "HEAD" })
	void followerUnavailableIsRetriedForReadsEvenUnmarked(String method) throws IOException {
		assertThat(this.policy.canRetry(failed(method, unavailable(null)))).isTrue();
	}

	private static RetryableStatusCodeException unavailable(String retrySafe) throws IOException {
		MockClientHttpResponse response = new MockClientHttpResponse(new byte[0], HttpStatus.SERVICE_UNAVAILABLE);
		if (retrySafe != null) {
			response.getHeaders().set(ApiException.RETRY_SAFE, retrySafe);
		}
		return new ClientHttpResponseStatusCodeException("user-follower", response, new byte[0]);
	}

	@ParameterizedTest
	@ValueSource(strings = { "GET", "DELETE" })
	void readTimeoutIsRetriedForGetAndDelete(String method) {
		assertThat(this.policy.canRetry(failed(method, new HttpTimeoutException("request timed out")))).isTrue();
		assertThat(this.policy.canRetry(failed(method, new SocketException("Connection reset")))).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "POST", "PATCH" })
	void readTimeoutOrBrokenConnectionIsNotRetriedForOtherMethods(String method) {
		assertThat(this.policy.canRetry(failed(method, new HttpTimeoutException("request timed out")))).isFalse();
		assertThat(this.policy.canRetry(failed(method, new SocketException("Connection reset")))).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "GET", "POST" })
	void otherFailuresAreNotRetried(String method) {
		assertThat(this.policy.retryableException(new IllegalStateException("bug"))).isFalse();
		assertThat(this.policy.canRetry(failed(method, new IllegalStateException("bug")))).isFalse();
	}

	private static LoadBalancedRetryContext failed(String method, Throwable failure) {
		LoadBalancedRetryContext context = new LoadBalancedRetryContext(null,
				new MockClientHttpRequest(HttpMethod.valueOf(method), URI.create("http://user-follower/api/v1/users")));
		context.registerThrowable(failure);
		return context;
	}

}
