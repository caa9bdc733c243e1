package dev.usercluster.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A login flood larger than the followers' hashing queues: the excess is refused at once
 * as 503 {@code overloaded}, marked safe to repeat, which the gateway tries on another
 * follower; every call ends 201 or 503, and no refused login leaves a session behind.
 */
class OverloadThroughGatewayIntegrationTests {

	private static final int USERS = 16;

	private static final String PASSWORD = "right password 1";

	private static final JsonMapper json = JsonMapper.builder().build();

	private static Cluster cluster;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String run = "o" + UUID.randomUUID().toString().substring(0, 8);

	@BeforeAll
	static void startCluster() {
		// each follower hashes one password at once and lets one more wait: 4 in all
		cluster = new Cluster(2,
				Map.of("user-cluster.passwords.max-concurrent-hashes", "1", "user-cluster.passwords.max-queued-hashes",
						"1", "user-cluster.passwords.max-hash-wait", "300ms"),
				Map.of("user-cluster.routing.read-timeout", "30s"));
	}

	@AfterAll
	static void stopCluster() {
		cluster.close();
	}

	@Test
	void floodBeyondTheQueuesIsOverloadedElsewhereToAndLeavesNoSession() throws Exception {
		List<String> names = new ArrayList<>();
		for (int i = 0; i < USERS; i++) {
			String name = this.run + "u" + i;
			// one at a time, so registration is never overloaded
			assertThat(post("/api/v1/users", name, "198.18.7." + (i + 1)).join().statusCode()).isEqualTo(201);
			names.add(name);
		}
		int callsBefore = followerCalls();
		Map<String, CompletableFuture<Timed>> logins = new LinkedHashMap<>();
		for (int i = 0; i < USERS; i++) {
			long start = System.nanoTime();
			logins.put(names.get(i), post("/api/v1/sessions", names.get(i), "198.18.8." + (i + 1))
				.thenApply((response) -> new Timed(response, Duration.ofNanos(System.nanoTime() - start))));
		}
		List<String> refused = new ArrayList<>();
		String token = null;
		Duration slowestRefusal = Duration.ZERO;
		for (Map.Entry<String, CompletableFuture<Timed>> login : logins.entrySet()) {
			Timed answer = login.getValue().join();
			HttpResponse<String> response = answer.response();
			if (response.statusCode() == 201) {
				token = json.readTree(response.body()).get("token").asString();
				continue;
			}
			assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
			assertThat(response.body()).contains("\"code\":\"overloaded\"");
			assertThat(response.headers().firstValue("Retry-After")).isPresent();
			refused.add(login.getKey());
			slowestRefusal = (answer.took().compareTo(slowestRefusal) > 0) ? answer.took() : slowestRefusal;
		}
		int calls = followerCalls() - callsBefore;
		System.out.printf("%d concurrent logins, queues for 4: %d refused as overloaded (slowest refusal %d ms), "
				+ "%d follower calls%n", USERS, refused.size(), slowestRefusal.toMillis(), calls);
		assertThat(refused).isNotEmpty();
		assertThat(token).as("some logins got through").isNotNull();
		// refused calls were tried on the other follower before the client saw them
		assertThat(calls).isGreaterThan(USERS);
		for (String name : refused) {
			HttpResponse<String> presence = this.http
				.send(HttpRequest.newBuilder(cluster.uri("/api/v1/users/" + name + "/session"))
					.header("Authorization", "Bearer " + token)
					.timeout(Duration.ofSeconds(30))
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(presence.statusCode()).as("%s has no session: %s", name, presence.body()).isEqualTo(404);
		}
	}

	private int followerCalls() {
		return cluster.followers().stream().mapToInt(Cluster.Follower::calls).sum();
	}

	private CompletableFuture<HttpResponse<String>> post(String path, String name, String clientAddress) {
		URI uri = cluster.uri(path);
		return this.http.sendAsync(HttpRequest.newBuilder(uri)
			.timeout(Duration.ofSeconds(60))
			.header("Content-Type", "application/json")
			.header("X-Forwarded-For", clientAddress)
			.POST(HttpRequest.BodyPublishers
				.ofString(json.writeValueAsString(Map.of("name", name, "password", PASSWORD))))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	record Timed(HttpResponse<String> response, Duration took) {
	}

}
