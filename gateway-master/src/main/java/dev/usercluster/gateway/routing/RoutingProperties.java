package dev.usercluster.gateway.routing;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How the gateway reaches followers.
 *
 * @param connectTimeout how long to wait for a TCP connection to a follower
 * @param readTimeout how long to wait for a follower's answer once the request is sent
 * @param instanceWait how long a call waits for a follower to appear when none is
 * registered, before it is answered 503 {@code no-instances}
 */
@Validated
@ConfigurationProperties("user-cluster.routing")
public record RoutingProperties(@DefaultValue("1s") Duration connectTimeout, @DefaultValue("10s") Duration readTimeout,
		@DefaultValue("3s") Duration instanceWait) {

}
