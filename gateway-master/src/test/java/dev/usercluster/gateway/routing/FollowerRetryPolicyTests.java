package dev.usercluster.gateway.routing;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.cloud.client.loadbalancer.LoadBalancedRetryContext;
import org.springframework.cloud.client.loadbalancer.LoadBalancerProperties;
import org.springframework.cloud.client.loadbalancer.RetryableStatusCodeException;
import org.springframework.http.HttpMethod;
import org.springframework.mock.http.client.MockClientHttpRequest;

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
	@ValueSource(strings = { "GET", "POST", "PATCH", "DELETE" })
	void followerUnavailableIsRetriedForEveryMethod(String method) {
		RetryableStatusCodeException unavailable = new RetryableStatusCodeException("user-follower", 503, null, null);
		assertThat(this.policy.retryableException(unavailable)).isTrue();
		assertThat(this.policy.canRetry(failed(method, unavailable))).isTrue();
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
