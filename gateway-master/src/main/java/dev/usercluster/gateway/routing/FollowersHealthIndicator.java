package dev.usercluster.gateway.routing;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The gateway is ready only while it knows at least one follower (health contributor
 * {@code followers}, part of the readiness group).
 */
@Component("followersHealthIndicator")
class FollowersHealthIndicator implements HealthIndicator {

	private final FollowerInstances instances;

	FollowersHealthIndicator(FollowerInstances instances) {
		this.instances = instances;
	}

	@Override
	public Health health() {
		int count = this.instances.current().size();
		return ((count > 0) ? Health.up() : Health.outOfService()).withDetail("instances", count).build();
	}

}
