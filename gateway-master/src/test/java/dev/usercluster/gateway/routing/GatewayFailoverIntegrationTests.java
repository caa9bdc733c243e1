package dev.usercluster.gateway.routing;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.usercluster.gateway.CallStream;
import dev.usercluster.gateway.Calls;
import dev.usercluster.gateway.Cluster;
import dev.usercluster.gateway.Scenarios;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Followers leaving under load: gracefully (deregistered first, then drained) and by
 * crashing (its port closed while ZooKeeper still lists it).
 */
class GatewayFailoverIntegrationTests {

	private static ConfigurableApplicationContext gateway;

	private static Calls calls;

	private ConfigurableApplicationContext leaving;

	private ConfigurableApplicationContext staying;

	@BeforeAll
	static void startGateway() {
		gateway = Cluster.gateway();
		calls = new Calls(Cluster.port(gateway));
	}

	@AfterAll
	static void stopGateway() {
		Cluster.close(gateway);
	}

	@BeforeEach
	void startFollowers() {
		this.leaving = Cluster.follower();
		this.staying = Cluster.follower();
		await().atMost(Duration.ofSeconds(5))
			.until(() -> gateway.getBean(FollowerInstances.class).current().size() == 2);
	}

	@AfterEach
	void stopFollowers() {
		Cluster.close(this.leaving, this.staying);
	}

	@Test
	void followerClosedGracefullyUnderLoadCostsNoCall() throws Exception {
		CallStream stream = new CallStream(4, Scenarios.visit(calls));
		try {
			awaitMoreCalls(stream, 40);
			awaitCallsReceived(this.leaving);
			this.leaving.close();
			awaitMoreCalls(stream, 40);
		}
		finally {
			stream.close();
		}
		assertThat(stream.failures()).isEmpty();
	}

	@Test
	void crashedFollowerCostsNoCallThatFailedToConnect() throws Exception {
		CallStream stream = new CallStream(4, Scenarios.visit(calls));
		try {
			awaitMoreCalls(stream, 40);
			awaitCallsReceived(this.leaving);
			// calls in flight at the moment of a crash may fail; this is about the ones
			// after
			stream.betweenCalls(() -> Cluster.crash(this.leaving));
			awaitMoreCalls(stream, 80);
			assertThat(gateway.getBean(FollowerInstances.class).current()).as("still registered").hasSize(2);
		}
		finally {
			stream.close();
		}
		assertThat(stream.failures()).isEmpty();
	}

	private static void awaitMoreCalls(CallStream stream, int more) {
		long target = stream.calls() + more;
		await().atMost(Duration.ofSeconds(60)).until(() -> stream.calls() >= target);
	}

	private static void awaitCallsReceived(ConfigurableApplicationContext follower) {
		await().atMost(Duration.ofSeconds(10)).until(() -> Cluster.apiCallsReceived(follower) > 0);
	}

}
