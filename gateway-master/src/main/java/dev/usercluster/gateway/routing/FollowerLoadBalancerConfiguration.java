package dev.usercluster.gateway.routing;

import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;
import org.springframework.context.annotation.Bean;

/**
 * The load balancer's own (child context) configuration for the followers. Deliberately
 * not a {@code @Configuration}, so that component scanning leaves it to the load
 * balancer. Spring Cloud LoadBalancer wraps this supplier so that a retry avoids the
 * instance that just failed.
 */
class FollowerLoadBalancerConfiguration {

	@Bean
	ServiceInstanceListSupplier watchedInstanceListSupplier(FollowerInstances instances) {
		return new WatchedInstanceListSupplier(instances);
	}

}
