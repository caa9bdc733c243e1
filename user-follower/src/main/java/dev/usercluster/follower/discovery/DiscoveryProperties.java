package dev.usercluster.follower.discovery;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a follower leaves the cluster.
 *
 * @param drainPause how long a stopping follower keeps serving after it has left
 * ZooKeeper, so that gateways see it gone before it stops accepting calls
 */
@ConfigurationProperties("user-cluster.discovery")
record DiscoveryProperties(@DefaultValue("1s") Duration drainPause) {

}
