package dev.usercluster.gateway.routing;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.cloud.client.loadbalancer.ClientHttpResponseStatusCodeException;
import org.springframework.cloud.client.loadbalancer.InterceptorRetryPolicy;
import org.springframework.cloud.client.loadbalancer.LoadBalancerProperties;
import org.springframework.cloud.client.loadbalancer.ServiceInstanceChooser;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.client.MockClientHttpRequest;
import org.springframework.mock.http.client.MockClientHttpResponse;
import org.springframework.retry.RetryContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * The retry policy as Spring Cloud LoadBalancer's retrying interceptor drives it.
 */
class FollowerRetryPolicyTests {

	@Test
	void connectFailureIsRetriedElsewhereForEveryMethod() {
		for (HttpMethod method : Set.of(HttpMethod.POST, HttpMethod.PATCH, HttpMethod.GET, HttpMethod.DELETE)) {
			assertThat(retriedAfter(method, new ConnectException("Connection refused"))).as(method.name()).isTrue();
			assertThat(retriedAfter(method, new HttpConnectTimeoutException("connect timed out"))).as(method.name())
				.isTrue();
		}
	}

	@Test
	void readTimeoutIsRetriedForGetAndDeleteOnly() {
		assertThat(retriedAfter(HttpMethod.GET, new HttpTimeoutException("request timed out"))).isTrue();
		assertThat(retriedAfter(HttpMethod.DELETE, new HttpTimeoutException("request timed out"))).isTrue();
		assertThat(retriedAfter(HttpMethod.POST, new HttpTimeoutException("request timed out"))).isFalse();
		assertThat(retriedAfter(HttpMethod.PATCH, new HttpTimeoutException("request timed out"))).isFalse();
	}

	@Test
	void connectionResetMidCallIsNotRetriedForPost() {
		assertThat(retriedAfter(HttpMethod.POST, new IOException("Connection reset"))).isFalse();
		assertThat(retriedAfter(HttpMethod.GET, new IOException("Connection reset"))).isTrue();
	}

	@Test
	void followerUnavailableIsRetriedElsewhereForEveryMethod() throws IOException {
		MockClientHttpResponse unavailable = new MockClientHttpResponse(new byte[0], HttpStatus.SERVICE_UNAVAILABLE);
		assertThat(retriedAfter(HttpMethod.POST,
				new ClientHttpResponseStatusCodeException("user-follower", unavailable, new byte[0])))
			.isTrue();
	}

	@Test
	void retriesStopAfterTheConfiguredNumberOfOtherInstances() {
		InterceptorRetryPolicy policy = policy(HttpMethod.POST);
		RetryContext context = policy.open(null);
		for (int attempt = 0; attempt < 2; attempt++) {
			policy.registerThrowable(context, new ConnectException("Connection refused"));
			assertThat(policy.canRetry(context)).isTrue();
		}
		policy.registerThrowable(context, new ConnectException("Connection refused"));
		assertThat(policy.canRetry(context)).isFalse();
	}

	private static boolean retriedAfter(HttpMethod method, Throwable failure) {
		InterceptorRetryPolicy policy = policy(method);
		RetryContext context = policy.open(null);
		assertThat(policy.canRetry(context)).as("first attempt").isTrue();
		policy.registerThrowable(context, failure);
		return policy.canRetry(context);
	}

	private static InterceptorRetryPolicy policy(HttpMethod method) {
		LoadBalancerProperties properties = new LoadBalancerProperties();
		properties.getRetry().setMaxRetriesOnNextServiceInstance(2);
		properties.getRetry().setRetryableStatusCodes(Set.of(503));
		MockClientHttpRequest request = new MockClientHttpRequest(method, URI.create("http://user-follower/api/v1"));
		return new InterceptorRetryPolicy(request, new FollowerRetryPolicy(properties),
				mock(ServiceInstanceChooser.class), "user-follower");
	}

}
