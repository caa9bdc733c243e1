package dev.usercluster.follower.sessions;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Session rules.
 *
 * @param ttl how long a session lives after login or its last heartbeat
 * @param policy what a login does while the user has a live session
 * @param sweepInterval pause between runs that clear ended sessions from the online index
 * @param maxLifetime absolute lifetime of a session from its login; heartbeats never
 * extend it further
 */
@Validated
@ConfigurationProperties("user-cluster.sessions")
record SessionProperties(@DefaultValue("5h") @NotNull Duration ttl,
		@DefaultValue("reject") @NotNull SessionPolicy policy, @DefaultValue("30s") @NotNull Duration sweepInterval,
		@DefaultValue("7d") @NotNull Duration maxLifetime) {

	SessionProperties {
		if (ttl.toMillis() < 1) {
			throw new IllegalArgumentException("user-cluster.sessions.ttl must be positive");
		}
		if (maxLifetime.toMillis() < 1) {
			throw new IllegalArgumentException("user-cluster.sessions.max-lifetime must be positive");
		}
		if (sweepInterval.toMillis() < 1) {
			throw new IllegalArgumentException("user-cluster.sessions.sweep-interval must be positive");
		}
	}

	/** How long a new session lives: the TTL, unless the maximum lifetime is shorter. */
	Duration firstTtl() {
		return (this.maxLifetime.compareTo(this.ttl) < 0) ? this.maxLifetime : this.ttl;
	}

}
