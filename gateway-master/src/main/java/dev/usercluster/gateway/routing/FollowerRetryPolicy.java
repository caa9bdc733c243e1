package dev.usercluster.gateway.routing;

import java.util.Set;

import org.springframework.cloud.client.loadbalancer.LoadBalancedRetryContext;
import org.springframework.cloud.client.loadbalancer.LoadBalancerProperties;
import org.springframework.cloud.client.loadbalancer.RetryableStatusCodeException;
import org.springframework.cloud.loadbalancer.blocking.retry.BlockingLoadBalancedRetryPolicy;
import org.springframework.http.HttpMethod;

/**
 * Spring Cloud LoadBalancer's retry policy, narrowed to what is safe for each failure: a
 * call that never reached a follower (connection refused or timed out) and a follower's
 * 503 (it refused the call) are retried on another instance whatever the method; any
 * other I/O failure (read timeout, connection reset) only for GET and DELETE, since a
 * POST or PATCH may have taken effect.
 */
class FollowerRetryPolicy extends BlockingLoadBalancedRetryPolicy {

	private static final Set<HttpMethod> IDEMPOTENT = Set.of(HttpMethod.GET, HttpMethod.DELETE);

	FollowerRetryPolicy(LoadBalancerProperties properties) {
		super(properties);
	}

	@Override
	public boolean canRetry(LoadBalancedRetryContext context) {
		Throwable failure = context.getLastThrowable();
		if (failure != null && (ConnectFailure.isCause(failure) || failure instanceof RetryableStatusCodeException)) {
			return true;
		}
		return IDEMPOTENT.contains(context.getRequest().getMethod());
	}

}
