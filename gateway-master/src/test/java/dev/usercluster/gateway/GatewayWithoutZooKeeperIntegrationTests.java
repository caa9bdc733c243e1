package dev.usercluster.gateway;

import dev.usercluster.embedded.ServerProperties;
import org.apache.curator.test.InstanceSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Without ZooKeeper the gateway could never find a follower: it does not start, and says
 * which ZooKeeper it tried.
 */
class GatewayWithoutZooKeeperIntegrationTests {

	@Test
	void gatewayDoesNotStartWithoutZooKeeperAndNamesIt() {
		String nobody = "127.0.0.1:" + InstanceSpec.getRandomPort();
		assertThatException()
			.isThrownBy(() -> GatewayApplication.builder()
				.run(Cluster.arguments(ServerProperties.none()
					.zooKeeper(nobody)
					.with("server.port", "0")
					.with("spring.cloud.zookeeper.block-until-connected-wait", "1"))))
			.withStackTraceContaining("ZooKeeper at " + nobody + " did not answer");
	}

}
