package dev.usercluster.gateway.routing;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The gateway is ready only while it knows at least one follower to send calls to (health
 * contributor {@code followers}, in the readiness group).
 */
class FollowersHealthIndicator implements HealthIndicator {

	private final FollowerInstances instances;

	FollowersHealthIndicator(FollowerInstances instances) {
		this.instances = instances;
	}

	@Override
	public Health health() {
		int count = this.instances.current().size();
		Health.Builder health = (count > 0) ? Health.up() : Health.outOfService();
		return health.withDetail("instances", count).build();
	}

}
