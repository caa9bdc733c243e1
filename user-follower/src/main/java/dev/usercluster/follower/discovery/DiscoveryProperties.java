package dev.usercluster.follower.discovery;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a follower leaves the rotation. (How soon a crashed one leaves is ZooKeeper's
 * session timeout, {@code spring.cloud.zookeeper.session-timeout}.)
 *
 * @param drainPause how long a stopping follower keeps serving after it deregistered, so
 * that gateways see it gone before its web server stops taking calls
 */
@ConfigurationProperties("user-cluster.follower.discovery")
public record DiscoveryProperties(@DefaultValue("1s") Duration drainPause) {
}
