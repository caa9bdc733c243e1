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
 * A follower whose MySQL accepts connections but never answers (a listening socket that
 * is never read): registration ends in 503 {@code store-unavailable} within the bounded
 * timeouts instead of hanging or answering 500.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "spring.config.name=follower",
		"spring.flyway.enabled=false", "spring.datasource.hikari.initialization-fail-timeout=-1" })
class StoreUnavailableIntegrationTests {

	private static final SilentServer silentMysql = SilentServer.start();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		TestServers.register(registry, TestServers.follower()
			.mysql("jdbc:mysql://127.0.0.1:" + silentMysql.port() + "/none?connectTimeout=1000&socketTimeout=1000",
					"root", ""));
	}

	@AfterAll
	static void close() throws Exception {
		silentMysql.close();
	}

	@Test
	void registrationWithMysqlUnreachableIsStoreUnavailable() {
		Answer response = new ApiClient(this.port, "10.7.7.8").register("alice", "pass-word-1");
		assertProblem(response, 503, "store-unavailable");
		assertThat(response.header("Retry-After")).contains("2");
		assertThat(response.body()).doesNotContain("jdbc");
	}

}
