package dev.usercluster.gateway;

import java.time.Duration;
import java.util.UUID;

import dev.usercluster.follower.FollowerApplication;
import dev.usercluster.gateway.routing.FollowerInstances;
import dev.usercluster.testsupport.TestServers;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.zookeeper.discovery.ZookeeperServiceWatch;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A gateway started on a ZooKeeper where no follower ever registered (its own discovery
 * root, absent at start) must see the first follower that registers afterwards.
 *
 * <p>
 * On a ZooKeeper 3.8 server (Debian's) it did not while Spring Cloud Zookeeper's
 * heartbeat {@code TreeCache} watched the same nodes with plain watches: they displaced
 * the persistent watch of the follower cache. The in-process test server is 3.9, which
 * keeps both, so the test also checks that the TreeCache stays off.
 */
class GatewayBeforeFollowersIntegrationTests {

	@Test
	void aGatewayStartedBeforeAnyFollowerSeesTheFirstOneThatRegisters() {
		String root = "/fresh-" + UUID.randomUUID().toString().substring(0, 8);
		try (ConfigurableApplicationContext gateway = GatewayApplication.builder()
			.run(Cluster.arguments(TestServers.gateway()
				.with("server.port", "0")
				.with("spring.cloud.zookeeper.discovery.root", root)))) {
			FollowerInstances instances = gateway.getBean(FollowerInstances.class);
			assertThat(instances.current()).isEmpty();
			gateway.getBeanProvider(ZookeeperServiceWatch.class)
				.ifAvailable((watch) -> assertThat(watch.getCache()).as("heartbeat TreeCache").isNull());
			try (ConfigurableApplicationContext follower = FollowerApplication.builder()
				.run(Cluster
					.arguments(Cluster.followerProperties().with("spring.cloud.zookeeper.discovery.root", root)))) {
				await().atMost(Duration.ofSeconds(5)).until(() -> instances.current().size() == 1);
			}
		}
	}

}
