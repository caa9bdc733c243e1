package dev.usercluster.follower.sessions;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.resource.Delay;

import org.springframework.boot.data.redis.autoconfigure.ClientResourcesBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How soon Lettuce reconnects to a Redis that went away: every 100 ms at first, doubling,
 * but never more than 1 s apart. Lettuce's default doubles up to 30 s, so after a 10 s
 * outage a follower tried again only 7.6 s after Redis was back and answered 503 all that
 * time (measured by system-tests' {@code DependencyFaultsIntegrationTests}, which wants
 * every call answering within 5 s of a store's return).
 */
@Configuration(proxyBeanMethods = false)
class RedisReconnectConfiguration {

	static final Duration MAX_RECONNECT_DELAY = Duration.ofSeconds(1);

	@Bean
	ClientResourcesBuilderCustomizer boundedRedisReconnectDelay() {
		return (resources) -> resources
			.reconnectDelay(Delay.exponential(Duration.ofMillis(100), MAX_RECONNECT_DELAY, 2, TimeUnit.MILLISECONDS));
	}

}
