package dev.usercluster.gateway.routing;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.http.HttpConnectTimeoutException;

import org.springframework.cloud.client.loadbalancer.LoadBalancedRetryContext;
import org.springframework.cloud.client.loadbalancer.LoadBalancerProperties;
import org.springframework.cloud.client.loadbalancer.RetryableStatusCodeException;
import org.springframework.cloud.loadbalancer.blocking.retry.BlockingLoadBalancedRetryPolicy;
import org.springframework.http.HttpMethod;

/**
 * When a failed call may go to another follower: after a connect failure, for every
 * method (the follower never saw the request); after a follower's 503 (draining or its
 * store down, nothing was done); after a read timeout or a broken connection only for GET
 * and DELETE, whose repetition is harmless. Anything else (a POST whose connection broke
 * mid-flight, say) might have taken effect and is not repeated.
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
		if (failure == null || failure instanceof RetryableStatusCodeException || isConnectFailure(failure)) {
			return true;
		}
		HttpMethod method = context.getRequest().getMethod();
		return (HttpMethod.GET.equals(method) || HttpMethod.DELETE.equals(method)) && failure instanceof IOException;
	}

	@Override
	public boolean retryableException(Throwable failure) {
		return failure == null || failure instanceof RetryableStatusCodeException || failure instanceof IOException;
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
