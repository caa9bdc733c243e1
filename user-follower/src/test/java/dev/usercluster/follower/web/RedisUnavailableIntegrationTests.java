package dev.usercluster.follower.web;

import dev.usercluster.testsupport.JsonClient.Answer;
import dev.usercluster.testsupport.SilentServer;
import dev.usercluster.testsupport.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static dev.usercluster.testsupport.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A follower whose Redis accepts connections but never answers: session calls fail closed
 * with 503 {@code store-unavailable} within the bounded timeouts; a login never succeeds
 * without its session lock.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "spring.config.name=follower")
class RedisUnavailableIntegrationTests {

	private static final SilentServer silentRedis = SilentServer.start();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		TestServers.register(registry, TestServers.follower().redis("127.0.0.1", silentRedis.port(), 0));
	}

	@AfterAll
	static void close() throws Exception {
		silentRedis.close();
	}

	@Test
	void loginWithRedisUnreachableIsStoreUnavailable() {
		ApiClient api = new ApiClient(this.port, "10.7.7.7");
		String name = "u" + java.util.UUID.randomUUID().toString().substring(0, 8);
		// registration is throttled in Redis too, so it fails closed as well
		assertProblem(api.register(name, "pass-word-1"), 503, "store-unavailable");
		Answer response = api.login(name, "pass-word-1");
		assertProblem(response, 503, "store-unavailable");
		assertThat(response.headers().firstValue("Retry-After")).isPresent();
		assertThat(response.body()).doesNotContain("token");
	}

	@Test
	void whoamiWithRedisUnreachableIsStoreUnavailable() {
		ApiClient api = new ApiClient(this.port, "10.7.7.7");
		assertProblem(api.send("GET", "/sessions/current", "Bearer " + "A".repeat(43)), 503, "store-unavailable");
	}

}
