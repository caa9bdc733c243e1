package dev.usercluster.gateway.routing;

import java.util.List;

import reactor.core.publisher.Flux;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;

/**
 * Feeds the load balancer from the watched {@link FollowerInstances}, in place of Spring
 * Cloud LoadBalancer's discovery query behind a 35 s cache.
 */
record WatchedInstanceListSupplier(FollowerInstances instances) implements ServiceInstanceListSupplier {

	@Override
	public String getServiceId() {
		return this.instances.serviceId();
	}

	@Override
	public Flux<List<ServiceInstance>> get() {
		return this.instances.whenAvailable();
	}

}
