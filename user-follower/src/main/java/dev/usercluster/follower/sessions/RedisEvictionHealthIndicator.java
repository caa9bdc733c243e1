package dev.usercluster.follower.sessions;

import java.util.Properties;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.stereotype.Component;

/**
 * Readiness contributor {@code redisEviction}: DOWN unless every Redis node runs with
 * {@code maxmemory-policy noeviction}. Under any other policy Redis may silently drop a
 * session lock or a throttle counter when memory runs short, which would let a second
 * login in or lift a lock; with {@code noeviction} it refuses the write (OOM), which the
 * follower answers as 503. Read through {@code INFO memory}, which managed services that
 * disable {@code CONFIG} still answer; on a cluster, INFO's keys carry each node's
 * address as a prefix.
 */
@Component
class RedisEvictionHealthIndicator extends AbstractHealthIndicator {

	private static final String POLICY = "maxmemory_policy";

	private final RedisConnectionFactory redis;

	RedisEvictionHealthIndicator(RedisConnectionFactory redis) {
		super("Redis eviction policy check failed");
		this.redis = redis;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Properties info;
		try (RedisConnection connection = this.redis.getConnection()) {
			info = connection.serverCommands().info("memory");
		}
		boolean found = false;
		for (String key : (info != null) ? info.stringPropertyNames() : java.util.Set.<String>of()) {
			if (key.equals(POLICY) || key.endsWith("." + POLICY)) {
				found = true;
				if (!"noeviction".equals(info.getProperty(key))) {
					builder.down().withDetail("maxmemory-policy", info.getProperty(key));
					return;
				}
			}
		}
		if (!found) {
			builder.down().withDetail("maxmemory-policy", "unknown");
			return;
		}
		builder.up();
	}

}
