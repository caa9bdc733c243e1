package dev.usercluster.follower.sessions;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
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
 * @param maxPerUser most live sessions of one user; a login beyond it is refused
 * ({@code reject}) or ends the user's oldest session ({@code replace})
 * @param events the presence event stream
 */
@Validated
@ConfigurationProperties("user-cluster.sessions")
record SessionProperties(@DefaultValue("5h") @NotNull Duration ttl,
		@DefaultValue("reject") @NotNull SessionPolicy policy, @DefaultValue("30s") @NotNull Duration sweepInterval,
		@DefaultValue("7d") @NotNull Duration maxLifetime, @DefaultValue("1") @Min(1) @Max(1000) int maxPerUser,
		@DefaultValue @NotNull @Valid Events events) {

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

	/**
	 * How long Redis keeps a session's record after it expired: the time the sweepers
	 * have to report its expiry (an {@code offline} event), many sweeps long.
	 */
	Duration expiredKept() {
		Duration sweeps = this.sweepInterval.multipliedBy(10);
		return (sweeps.compareTo(Duration.ofMinutes(10)) > 0) ? sweeps : Duration.ofMinutes(10);
	}

	/**
	 * The presence event stream: Redis keeps the last {@code retention} of events, and
	 * never more than {@code maxLength} (approximately: Redis trims whole nodes).
	 *
	 * @param maxLength most events kept
	 * @param retention how long an event is kept
	 */
	record Events(@DefaultValue("1000000") @Min(1000) long maxLength, @DefaultValue("1h") @NotNull Duration retention) {

		Events {
			if (retention.toMillis() < 1) {
				throw new IllegalArgumentException("user-cluster.sessions.events.retention must be positive");
			}
		}

	}

	/** How long a new session lives: the TTL, unless the maximum lifetime is shorter. */
	Duration firstTtl() {
		return (this.maxLifetime.compareTo(this.ttl) < 0) ? this.maxLifetime : this.ttl;
	}

}
