package dev.usercluster.gateway;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A run of every auth call through the gateway and a follower in one JVM, whose whole log
 * output (both services, from their start) holds no password, token or token digest.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretsNeverLoggedIntegrationTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static Cluster cluster;

	private final String prefix = "n" + UUID.randomUUID().toString().substring(0, 8);

	@BeforeAll
	static void startCluster() {
		cluster = new Cluster(1, Cluster.followerProperties(), Duration.ofSeconds(20));
	}

	@AfterAll
	static void stopCluster() {
		cluster.close();
	}

	@Test
	void noPasswordOrTokenReachesAnyLogLine(CapturedOutput output) throws Exception {
		String name = this.prefix + "Zed";
		String password = "marigold " + UUID.randomUUID();
		String wrong = "not marigold " + UUID.randomUUID();
		List<String> secrets = new ArrayList<>(List.of(password, wrong, Cluster.ADMIN_TOKEN));
		assertThat(call("POST", "/api/v1/users", Map.of("name", name, "password", password), null, "n-reg"))
			.isEqualTo(201);
		assertThat(call("POST", "/api/v1/users", Map.of("name", this.prefix + "y", "password", "iloveyou"), null,
				"n-common"))
			.isEqualTo(400);
		assertThat(call("POST", "/api/v1/sessions", Map.of("name", name, "password", wrong), null, "n-wrong"))
			.isEqualTo(401);
		HttpResponse<String> login = send("POST", "/api/v1/sessions", Map.of("name", name, "password", password), null,
				"n-login");
		assertThat(login.statusCode()).isEqualTo(201);
		String token = json.readTree(login.body()).get("token").asString();
		secrets.add(token);
		// the digest Redis keeps (the first 16 bytes of SHA-256), so also any longer one
		secrets.add(HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(Base64.getUrlDecoder().decode(token)), 0, 16));
		secrets.add(HexFormat.of()
			.formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8))));
		assertThat(call("GET", "/api/v1/sessions/current", null, token, "n-whoami")).isEqualTo(200);
		assertThat(call("PATCH", "/api/v1/sessions/current", null, token, "n-heartbeat")).isEqualTo(200);
		assertThat(call("DELETE", "/api/v1/admin/users/" + name + "/session", null, Cluster.ADMIN_TOKEN, "n-admin"))
			.isEqualTo(204);
		assertThat(call("DELETE", "/api/v1/sessions/current", null, token, "n-logout")).isEqualTo(401);

		assertThat(output.getAll()).doesNotContain(secrets);
	}

	private int call(String method, String path, Map<String, String> body, String token, String step) throws Exception {
		return send(method, path, body, token, step).statusCode();
	}

	private HttpResponse<String> send(String method, String path, Map<String, String> body, String token, String step)
			throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(cluster.uri(path))
			.timeout(Duration.ofSeconds(30))
			.header("X-Request-Id", this.prefix + "-" + step)
			.method(method, (body != null) ? HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))
					: HttpRequest.BodyPublishers.noBody());
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return cluster.send(request);
	}

}
