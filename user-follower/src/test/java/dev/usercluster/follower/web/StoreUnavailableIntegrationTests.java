package dev.usercluster.follower.web;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import dev.usercluster.testsupport.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A follower whose MySQL accepts connections but never answers (a listening socket that
 * is never read): registration ends in 503 {@code store-unavailable} within the bounded
 * timeouts instead of hanging or answering 500.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "spring.config.name=follower",
		"spring.flyway.enabled=false", "spring.datasource.hikari.initialization-fail-timeout=-1" })
class StoreUnavailableIntegrationTests {

	private static final ServerSocket silentMysql = silentServer();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void servers(DynamicPropertyRegistry registry) {
		TestServers.register(registry,
				TestServers.follower()
					.mysql("jdbc:mysql://127.0.0.1:" + silentMysql.getLocalPort()
							+ "/none?connectTimeout=1000&socketTimeout=1000", "root", ""));
	}

	@AfterAll
	static void close() throws Exception {
		silentMysql.close();
	}

	@Test
	void registrationWithMysqlUnreachableIsStoreUnavailable() throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/v1/users"))
			.header("Content-Type", "application/json")
			.timeout(Duration.ofSeconds(60))
			.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"alice\",\"password\":\"pass-word-1\"}"))
			.build();
		HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue("Retry-After")).contains("2");
		assertThat(response.body()).contains("\"code\":\"store-unavailable\"").doesNotContain("jdbc");
	}

	private static ServerSocket silentServer() {
		try {
			return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
