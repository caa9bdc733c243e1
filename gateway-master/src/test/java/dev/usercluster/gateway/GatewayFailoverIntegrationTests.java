package dev.usercluster.gateway;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;

import dev.usercluster.api.RegisterRequest;
import dev.usercluster.gateway.Cluster.Follower;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Routing and failover through the gateway over real followers (two unless a test changes
 * that; each test leaves two behind).
 */
class GatewayFailoverIntegrationTests {

	private static Cluster cluster;

	@BeforeAll
	static void startCluster() {
		cluster = new Cluster(2);
	}

	@AfterAll
	static void stopCluster() {
		cluster.close();
	}

	@AfterEach
	void keepTwoFollowers() {
		cluster.resize(2);
	}

	@Test
	void bothFollowersServeCallsInTurn() throws Exception {
		Follower first = cluster.followers().get(0);
		Follower second = cluster.followers().get(1);
		int firstBefore = first.calls();
		int secondBefore = second.calls();
		for (int i = 0; i < 10; i++) {
			assertThat(cluster.get(Cluster.FOLLOWER_GET).statusCode()).isEqualTo(Cluster.FOLLOWER_GET_STATUS);
		}
		await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
			assertThat(first.calls() - firstBefore).isEqualTo(5);
			assertThat(second.calls() - secondBefore).isEqualTo(5);
		});
	}

	@Test
	void followerStoppedGracefullyUnderLoadCostsNoCall() throws Exception {
		Follower leaving = cluster.followers().get(0);
		MixedLoad load = new MixedLoad(cluster, 4);
		await().atMost(Duration.ofSeconds(10)).until(() -> load.succeeded() >= 40);
		cluster.stop(leaving);
		int atStop = load.succeeded();
		await().atMost(Duration.ofSeconds(10)).until(() -> load.succeeded() >= atStop + 40);
		load.close();
		assertThat(load.failures()).isEmpty();
	}

	@Test
	void callsToAFollowerThatDiedWithoutLeavingGoElsewhere() throws Exception {
		Follower dead = cluster.followers().get(0);
		dead.stopServingWithoutLeaving();
		MixedLoad load = new MixedLoad(cluster, 4);
		await().atMost(Duration.ofSeconds(10)).until(() -> load.succeeded() >= 80);
		load.close();
		assertThat(load.failures()).isEmpty();
		assertThat(cluster.knownFollowers()).as("the dead follower is still registered").isEqualTo(2);
	}

	@Test
	void callsAnsweredWith503ByOneFollowerAreServedByAnother() throws Exception {
		// its MySQL refuses connections, so every registration there is 503
		// store-unavailable
		Follower broken = cluster.startFollower(Cluster.followerProperties()
			.mysql("jdbc:mysql://127.0.0.1:1/none?connectTimeout=500", "root", "")
			.with("spring.flyway.enabled", "false"));
		cluster.awaitKnown(3);
		for (int i = 0; i < 6; i++) {
			String name = "u" + UUID.randomUUID().toString().substring(0, 12);
			HttpResponse<String> response = cluster.post("/api/v1/users", new RegisterRequest(name, "pass-word-1"));
			assertThat(response.statusCode()).isEqualTo(201);
		}
		assertThat(broken.calls()).as("calls the broken follower answered with 503").isPositive();
		cluster.stop(broken);
	}

	@Test
	void readTimeoutOfAGetIsRetriedOnAnotherFollower() throws Exception {
		Follower slow = cluster.followers().get(0);
		slow.recorder().slowDown(Cluster.READ_TIMEOUT.multipliedBy(2));
		int before = slow.calls();
		for (int i = 0; i < 3; i++) {
			assertThat(cluster.get(Cluster.FOLLOWER_GET).statusCode()).isEqualTo(Cluster.FOLLOWER_GET_STATUS);
		}
		assertThat(slow.calls()).as("calls that timed out on the slow follower").isGreaterThan(before);
		cluster.stop(slow);
	}

	@Test
	void readTimeoutOfAPostIsNotRepeatedButAnswered502() throws Exception {
		Follower slow = cluster.followers().get(0);
		slow.recorder().slowDown(Cluster.READ_TIMEOUT.multipliedBy(2));
		HttpResponse<String> response = null;
		for (int attempt = 0; attempt < 10 && response == null; attempt++) {
			int before = slow.calls();
			String name = "t" + UUID.randomUUID().toString().substring(0, 12);
			HttpResponse<String> answer = cluster.post("/api/v1/users", new RegisterRequest(name, "pass-word-1"));
			if (slow.calls() > before) {
				response = answer;
			}
			else {
				assertThat(answer.statusCode()).isEqualTo(201);
			}
		}
		assertThat(response).as("a registration sent to the slow follower").isNotNull();
		assertThat(response.statusCode()).isEqualTo(502);
		assertThat(response.body()).contains("\"code\":\"follower-failed\"");
		cluster.stop(slow);
	}

	@Test
	void newFollowerGetsTrafficWithinASecondOfRegistering() {
		Follower newcomer = cluster.startFollower();
		await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20)).until(() -> {
			cluster.get(Cluster.FOLLOWER_GET);
			return newcomer.calls() > 0;
		});
	}

	@Test
	void withoutFollowersCallsGet503NoInstancesUntilOneRegisters() throws Exception {
		cluster.resize(0);
		HttpResponse<String> refused = cluster.get(Cluster.FOLLOWER_GET);
		assertThat(refused.statusCode()).isEqualTo(503);
		assertThat(refused.body()).contains("\"code\":\"no-instances\"");
		assertThat(refused.headers().firstValue("Retry-After")).isPresent();
		assertThat(cluster.get("/actuator/health/readiness").statusCode()).isEqualTo(503);

		cluster.startFollower();
		await().atMost(Duration.ofSeconds(1))
			.pollInterval(Duration.ofMillis(20))
			.until(() -> cluster.get(Cluster.FOLLOWER_GET).statusCode() == Cluster.FOLLOWER_GET_STATUS);
		assertThat(cluster.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
	}

}
