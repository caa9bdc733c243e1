package dev.usercluster.gateway.routing;

import org.springframework.cloud.loadbalancer.core.RetryAwareServiceInstanceListSupplier;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.context.annotation.Bean;

/**
 * Load balancer configuration for the followers, in the load balancer's own child context
 * (hence no {@code @Configuration}, so that component scanning leaves it out): the
 * watch-driven list in place of the discovery client and its 35 s cache, and a retry
 * avoids the follower that just failed.
 */
class FollowerLoadBalancerConfiguration {

	@Bean
	ServiceInstanceListSupplier followerInstanceListSupplier(FollowerInstances instances,
			RoutingProperties properties) {
		return new RetryAwareServiceInstanceListSupplier(
				new FollowerInstanceListSupplier(instances, properties.instanceWait()));
	}

}
