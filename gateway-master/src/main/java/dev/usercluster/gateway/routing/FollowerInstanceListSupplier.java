package dev.usercluster.gateway.routing;

import java.time.Duration;
import java.util.List;

import dev.usercluster.api.ApiException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.loadbalancer.core.ServiceInstanceListSupplier;

/**
 * Gives the load balancer the followers UP right now; when there is none, waits for one
 * up to a bound and then fails the call with 503 {@code no-instances}, so that a call
 * never hangs and never busy-waits.
 */
class FollowerInstanceListSupplier implements ServiceInstanceListSupplier {

	private final FollowerInstances instances;

	private final Duration wait;

	FollowerInstanceListSupplier(FollowerInstances instances, Duration wait) {
		this.instances = instances;
		this.wait = wait;
	}

	@Override
	public String getServiceId() {
		return this.instances.serviceId();
	}

	@Override
	public Flux<List<ServiceInstance>> get() {
		List<ServiceInstance> current = this.instances.current();
		if (!current.isEmpty()) {
			// the common case, without the timer that the wait below schedules per call
			return Flux.just(current);
		}
		return this.instances.changes()
			.filter((list) -> !list.isEmpty())
			.next()
			.timeout(this.wait, Mono.error(this::noInstances))
			.flux();
	}

	private ApiException noInstances() {
		return new NoFollowerAvailableException(this.wait);
	}

}
