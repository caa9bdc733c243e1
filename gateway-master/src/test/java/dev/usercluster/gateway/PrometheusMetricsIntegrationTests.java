package dev.usercluster.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import dev.usercluster.api.LoginRequest;
import dev.usercluster.api.RegisterRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A few calls through the gateway, then both services' {@code /actuator/prometheus} show
 * the cluster's own metrics with their tags.
 */
class PrometheusMetricsIntegrationTests {

	private static Cluster cluster;

	private final HttpClient http = HttpClient.newHttpClient();

	@BeforeAll
	static void startCluster() {
		cluster = new Cluster(0);
		// cheap hashes: the metrics are the point here, and every call must stay inside
		// the gateway's short test read timeout even on a busy machine
		cluster.startFollower(Cluster.followerProperties()
			.with(Map.of("user-cluster.passwords.memory-kib", "1024", "user-cluster.passwords.iterations", "1")));
		cluster.awaitKnown(1);
	}

	@AfterAll
	static void stopCluster() {
		cluster.close();
	}

	@Test
	void bothServicesExposeTheirMetricsAfterAFewCalls() throws Exception {
		String name = "metrics" + UUID.randomUUID().toString().substring(0, 8);
		RegisterRequest account = new RegisterRequest(name, "metrics password");
		LoginRequest login = new LoginRequest(name, "metrics password", null);
		assertThat(cluster.post("/api/v1/users", account).statusCode()).isEqualTo(201);
		String token = PresenceThroughGatewayIntegrationTests.token(cluster.post("/api/v1/sessions", login));
		// the single-session rule refuses a second login
		assertThat(cluster.post("/api/v1/sessions", login).statusCode()).isEqualTo(409);
		assertThat(
				PresenceThroughGatewayIntegrationTests.delete(cluster, "/api/v1/sessions/current", token).statusCode())
			.isEqualTo(204);
		// five wrong passwords lock the name
		LoginRequest wrong = new LoginRequest(name + "x", "wrong password", null);
		for (int i = 0; i < 5; i++) {
			assertThat(cluster.post("/api/v1/sessions", wrong).statusCode()).isEqualTo(401);
		}
		assertThat(cluster.post("/api/v1/sessions", wrong).statusCode()).isEqualTo(429);

		String follower = scrape(URI
			.create("http://127.0.0.1:" + Cluster.port(cluster.followers().get(0).context()) + "/actuator/prometheus"));
		assertThat(follower).contains("user_cluster_logins_total{application=\"user-follower\",outcome=\"success\"")
			.contains("outcome=\"invalid-credentials\"")
			.contains("outcome=\"already-logged-in\"")
			.contains("outcome=\"too-many-attempts\"")
			.contains("user_cluster_sessions_refused_total{application=\"user-follower\",policy=\"reject\"}")
			.contains("user_cluster_throttle_locks_total{application=\"user-follower\",scope=\"name\"}")
			.contains("user_cluster_password_hash_seconds_bucket")
			.contains("operation=\"verify\"")
			.contains("operation=\"hash\"")
			.contains("user_cluster_password_hash_queue{");
		assertThat(metricValue(follower, "user_cluster_throttle_locks_total", "scope=\"name\""))
			.isGreaterThanOrEqualTo(1);
		// the presence events the follower's scripts wrote: one login, one logout (its
		// sweeper may also end other tests' expired sessions in the shared Redis)
		assertThat(follower).contains(
				"user_cluster_presence_events_total{application=\"user-follower\",reason=\"login\",type=\"online\"} 1.0")
			.contains(
					"user_cluster_presence_events_total{application=\"user-follower\",reason=\"logout\",type=\"offline\"} 1.0")
			.doesNotContain("reason=\"replaced\"");

		String gateway = scrape(cluster.uri("/actuator/prometheus"));
		assertThat(gateway).contains("user_cluster_follower_instances{application=\"gateway-master\"} 1.0")
			.contains("user_cluster_follower_calls_total{")
			.contains("instance_id=\"127.0.0.1:" + Cluster.port(cluster.followers().get(0).context()) + "\"")
			.contains("outcome=\"answered\"")
			// Boot's RestClient observations on the follower client
			.contains("http_client_requests_seconds_count{")
			.contains("client_name=\"user-follower\"");
	}

	private String scrape(URI uri) throws Exception {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	private static double metricValue(String scrape, String name, String tag) {
		return scrape.lines()
			.filter((line) -> line.startsWith(name + "{") && line.contains(tag))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

}
