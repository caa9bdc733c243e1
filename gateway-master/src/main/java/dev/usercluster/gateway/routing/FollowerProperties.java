package dev.usercluster.gateway.routing;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the gateway reaches the followers. Retries are Spring Cloud LoadBalancer's
 * ({@code spring.cloud.loadbalancer.retry.*}).
 *
 * @param connectTimeout how long to wait for a follower to accept a connection before
 * trying another
 * @param readTimeout how long to wait for a follower's answer
 * @param instanceWait how long a call waits for a follower when none is registered before
 * it gets 503 {@code no-instances}
 * @param retryAfter the {@code Retry-After} sent with 503 {@code no-instances}
 */
@Validated
@ConfigurationProperties("user-cluster.gateway.followers")
public record FollowerProperties(@DefaultValue("1s") Duration connectTimeout, @DefaultValue("10s") Duration readTimeout,
		@DefaultValue("3s") Duration instanceWait, @DefaultValue("2s") Duration retryAfter) {
}
