package dev.usercluster.gateway.routing;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.LoadBalancedRetryFactory;
import org.springframework.cloud.client.loadbalancer.LoadBalancedRetryPolicy;
import org.springframework.cloud.client.loadbalancer.ServiceInstanceChooser;
import org.springframework.cloud.client.loadbalancer.reactive.ReactiveLoadBalancer;

/**
 * Gives Spring Cloud LoadBalancer's retrying interceptor the {@link FollowerRetryPolicy}
 * instead of its default, which retries GET only (or every method on every failure).
 */
class FollowerRetryFactory implements LoadBalancedRetryFactory {

	private final ReactiveLoadBalancer.Factory<ServiceInstance> loadBalancers;

	FollowerRetryFactory(ReactiveLoadBalancer.Factory<ServiceInstance> loadBalancers) {
		this.loadBalancers = loadBalancers;
	}

	@Override
	public LoadBalancedRetryPolicy createRetryPolicy(String service, ServiceInstanceChooser chooser) {
		return new FollowerRetryPolicy(this.loadBalancers.getProperties(service));
	}

}
