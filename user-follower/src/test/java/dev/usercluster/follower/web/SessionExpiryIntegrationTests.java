package dev.usercluster.follower.web;

import java.time.Duration;
import java.util.UUID;

import dev.usercluster.testsupport.TestServers;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static dev.usercluster.testsupport.Problems.assertProblem;
import static dev.usercluster.follower.web.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sessions end by themselves when their TTL runs out.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=follower", "user-cluster.sessions.ttl=2s" })
@Import(TestServers.class)
class SessionExpiryIntegrationTests {

	@LocalServerPort
	private int port;

	@Test
	void sessionEndsWhenItsTtlRunsOutAndTheNameIsFreeAgain() {
		ApiClient api = new ApiClient(this.port, "10.8.8.8");
		String name = "e" + UUID.randomUUID().toString().substring(0, 8);
		assertThat(api.register(name, "pass-word-1").statusCode()).isEqualTo(201);
		String token = api.token(name, "pass-word-1");
		await().atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> api.send("GET", "/sessions/current", bearer(token)).statusCode() == 401);
		assertProblem(api.send("PATCH", "/sessions/current", bearer(token)), 401, "invalid-session");
		assertThat(api.login(name, "pass-word-1").statusCode()).isEqualTo(201);
	}

}
