package dev.usercluster.gateway.routing;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.usercluster.gateway.CallStream;
import dev.usercluster.gateway.Calls;
import dev.usercluster.gateway.Cluster;
import dev.usercluster.gateway.Scenarios;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * No follower registered: calls wait a bounded time for one, then get 503
 * {@code no-instances}; the gateway is not ready; traffic resumes when one registers.
 */
class GatewayWithoutFollowersIntegrationTests {

	private ConfigurableApplicationContext gateway;

	private ConfigurableApplicationContext follower;

	@AfterEach
	void stop() {
		Cluster.close(this.gateway, this.follower);
	}

	@Test
	void callGetsNoInstancesAfterTheBoundedWaitAndTrafficResumesWhenAFollowerRegisters() throws Exception {
		this.gateway = Cluster.gateway("--user-cluster.gateway.followers.instance-wait=500ms",
				"--user-cluster.gateway.followers.retry-after=3s");
		Calls calls = new Calls(Cluster.port(this.gateway));
		assertThat(this.gateway.getBean(FollowerInstances.class).current()).isEmpty();

		HttpResponse<String> refused = Scenarios.register(calls, Scenarios.newName());
		assertThat(refused.statusCode()).isEqualTo(503);
		assertThat(refused.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(Calls.body(refused).get("code").asString()).isEqualTo("no-instances");
		assertThat(refused.headers().firstValue("Retry-After")).contains("3");
		assertThat(calls.get("/actuator/health/readiness", null).statusCode()).isEqualTo(503);

		this.follower = Cluster.follower();
		ConfigurableApplicationContext registered = this.follower;
		try (CallStream stream = new CallStream(1, Scenarios.registration(calls))) {
			await().atMost(Duration.ofSeconds(1)).until(() -> Cluster.apiCallsReceived(registered) > 0);
			await().atMost(Duration.ofSeconds(30)).until(() -> stream.calls() >= 3);
			assertThat(stream.failures()).isEmpty();
		}
		assertThat(calls.get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
	}

	@Test
	void callWaitingForAFollowerIsServedWhenOneRegisters() throws Exception {
		this.gateway = Cluster.gateway("--user-cluster.gateway.followers.instance-wait=60s");
		Calls calls = new Calls(Cluster.port(this.gateway));
		assertThat(this.gateway.getBean(FollowerInstances.class).current()).isEmpty();

		CompletableFuture<HttpResponse<String>> waiting = CompletableFuture
			.supplyAsync(() -> Scenarios.register(calls, Scenarios.newName()));
		this.follower = Cluster.follower();
		assertThat(waiting.get().statusCode()).isEqualTo(201);
	}

}
