package dev.usercluster.gateway.routing;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.http.HttpConnectTimeoutException;

import dev.usercluster.api.ApiException;

import org.springframework.cloud.client.loadbalancer.LoadBalancedRetryContext;
import org.springframework.cloud.client.loadbalancer.LoadBalancerProperties;
import org.springframework.cloud.client.loadbalancer.RetryableStatusCodeException;
import org.springframework.cloud.loadbalancer.blocking.retry.BlockingLoadBalancedRetryPolicy;
import org.springframework.http.HttpMethod;
import org.springframework.http.client.ClientHttpResponse;

/**
 * When a failed call may go to another follower: after a connect failure, for every
 * method (the follower never saw the request); after a follower's 503, for a GET always,
 * but for a POST, PUT, PATCH or DELETE only when the follower marked the answer as given
 * before it wrote anything ({@code X-Retry-Safe: true}, as for 503 {@code overloaded});
 * after a read timeout or a broken connection only for GET and DELETE, whose repetition
 * is harmless. Anything else (a POST whose connection broke mid-flight, a 503 raised
 * after a session was written) might have taken effect and goes to the client.
 *
 * <p>
 * The counting of attempts stays with Spring Cloud LoadBalancer's policy
 * ({@code spring.cloud.loadbalancer.retry.*}).
 */
class FollowerRetryPolicy extends BlockingLoadBalancedRetryPolicy {

	FollowerRetryPolicy(LoadBalancerProperties properties) {
		super(properties);
	}

	@Override
	public boolean canRetry(LoadBalancedRetryContext context) {
		Throwable failure = context.getLastThrowable();
		if (failure == null || isConnectFailure(failure)) {
			return true;
		}
		HttpMethod method = context.getRequest().getMethod();
		if (failure instanceof RetryableStatusCodeException answer) {
			return isReadOnly(method) || isMarkedRetrySafe(answer);
		}
		return (HttpMethod.GET.equals(method) || HttpMethod.DELETE.equals(method)) && failure instanceof IOException;
	}

	@Override
	public boolean retryableException(Throwable failure) {
		return failure == null || failure instanceof RetryableStatusCodeException || failure instanceof IOException;
	}

	private static boolean isReadOnly(HttpMethod method) {
		return HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method) || HttpMethod.OPTIONS.equals(method);
	}

	private static boolean isMarkedRetrySafe(RetryableStatusCodeException answer) {
		return answer.getResponse() instanceof ClientHttpResponse response
				&& "true".equalsIgnoreCase(response.getHeaders().getFirst(ApiException.RETRY_SAFE));
	}

	static boolean isConnectFailure(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException
					|| cause instanceof NoRouteToHostException) {
				return true;
			}
		}
		return false;
	}

}
