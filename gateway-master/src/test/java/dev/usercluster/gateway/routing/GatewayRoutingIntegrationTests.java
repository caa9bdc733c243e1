package dev.usercluster.gateway.routing;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.usercluster.gateway.CallStream;
import dev.usercluster.gateway.Calls;
import dev.usercluster.gateway.Cluster;
import dev.usercluster.gateway.Scenarios;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Round-robin over the followers found in ZooKeeper, and a new follower's first calls.
 */
class GatewayRoutingIntegrationTests {

	private static ConfigurableApplicationContext first;

	private static ConfigurableApplicationContext second;

	private static ConfigurableApplicationContext gateway;

	private static Calls calls;

	@BeforeAll
	static void startCluster() {
		first = Cluster.follower();
		second = Cluster.follower();
		gateway = Cluster.gateway();
		calls = new Calls(Cluster.port(gateway));
		await().atMost(Duration.ofSeconds(5))
			.until(() -> gateway.getBean(FollowerInstances.class).current().size() == 2);
	}

	@AfterAll
	static void stopCluster() {
		Cluster.close(gateway, first, second);
	}

	@Test
	void bothFollowersServeCallsInTurn() {
		long firstBefore = Cluster.apiCallsReceived(first);
		long secondBefore = Cluster.apiCallsReceived(second);
		for (int i = 0; i < 10; i++) {
			assertThat(Scenarios.register(calls, Scenarios.newName()).statusCode()).isEqualTo(201);
		}
		assertThat(Cluster.apiCallsReceived(first) - firstBefore).isEqualTo(5);
		assertThat(Cluster.apiCallsReceived(second) - secondBefore).isEqualTo(5);
	}

	@Test
	void newFollowerGetsCallsWithinASecondOfRegistering() throws Exception {
		CallStream stream = new CallStream(2, Scenarios.registration(calls));
		ConfigurableApplicationContext third = null;
		try {
			// the follower is registered when its start-up returns
			third = Cluster.follower();
			ConfigurableApplicationContext newcomer = third;
			await().atMost(Duration.ofSeconds(1))
				.pollInterval(Duration.ofMillis(10))
				.until(() -> Cluster.apiCallsReceived(newcomer) > 0);
		}
		finally {
			Cluster.close(third);
			stream.close();
		}
		assertThat(stream.failures()).isEmpty();
	}

}
