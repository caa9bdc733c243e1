package dev.usercluster.gateway;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several sessions per user ({@code max-per-user=3}, {@code reject}), bulk presence, the
 * presence event stream, endpoint eviction, password change and account deletion, through
 * the gateway over two followers on the real servers.
 */
class PresenceThroughGatewayIntegrationTests {

	static final String PASSWORD = "presence pass 1";

	static final JsonMapper json = JsonMapper.builder().build();

	private static Cluster cluster;

	private final String run = "p" + UUID.randomUUID().toString().substring(0, 6);

	@BeforeAll
	static void startCluster() {
		cluster = new Cluster(2, followerOverrides("reject"), Map.of("user-cluster.routing.read-timeout", "30s"));
	}

	static Map<String, String> followerOverrides(String policy) {
		// 50 logins of one name at once: the name throttle lets through only as many
		// attempts at a time as could still fail before its lock (5 by default), the
		// others get 429; these tests are about the session limit, so it is raised
		return Map.of("user-cluster.throttle.name.failures", "100", "user-cluster.sessions.max-per-user", "3",
				"user-cluster.sessions.policy", policy, "user-cluster.throttle.registration.attempts", "100000",
				"user-cluster.passwords.max-hash-wait", "60s", "user-cluster.passwords.max-queued-hashes", "1000",
				"spring.data.redis.timeout", "30s");
	}

	@AfterAll
	static void stopCluster() {
		cluster.close();
	}

	@Test
	void ofFiftyConcurrentLoginsOfOneUserExactlyThreeSucceed() throws Exception {
		String name = this.run + "many";
		register(cluster, name);
		List<HttpResponse<String>> answers = concurrentLogins(cluster, name, 50);
		Map<Integer, Long> statuses = answers.stream()
			.collect(Collectors.groupingBy(HttpResponse::statusCode, Collectors.counting()));
		assertThat(statuses).containsEntry(201, 3L).containsEntry(409, 47L).hasSize(2);
		assertThat(answers.stream().filter((answer) -> answer.statusCode() == 409))
			.allSatisfy((answer) -> assertThat(answer.body()).contains("\"code\":\"already-logged-in\""));
		String token = token(answers.stream().filter((answer) -> answer.statusCode() == 201).findFirst().orElseThrow());
		assertThat(items(get(cluster, "/api/v1/users/" + name + "/sessions", token))).hasSize(3);
	}

	@Test
	void aUsersSessionsAreListedNewestFirstAndTheSingularCallGivesTheNewest() throws Exception {
		String name = this.run + "devices";
		register(cluster, name);
		String phone = token(login(cluster, name, "10.1.0.1:7000"));
		Thread.sleep(1100);
		token(login(cluster, name, "10.1.0.2:7000"));
		JsonNode sessions = items(get(cluster, "/api/v1/users/" + name.toUpperCase() + "/sessions", phone));
		assertThat(sessions).extracting((session) -> session.get("endpoint").asString())
			.containsExactly("10.1.0.2:7000", "10.1.0.1:7000");
		assertThat(sessions.get(0).propertyNames()).containsExactlyInAnyOrder("name", "endpoint", "createdAt",
				"expiresAt");
		assertThat(json.readTree(get(cluster, "/api/v1/users/" + name + "/session", phone).body())
			.get("endpoint")
			.asString()).isEqualTo("10.1.0.2:7000");
		assertThat(items(get(cluster, "/api/v1/users/" + this.run + "nobody/sessions", phone))).isEmpty();
	}

	@Test
	void presenceOfFiveHundredNamesIsOneCallInRequestOrder() throws Exception {
		String online = this.run + "on";
		String offline = this.run + "off";
		register(cluster, online);
		register(cluster, offline);
		String token = token(login(cluster, online, "10.2.0.1:7000"));
		login(cluster, online, "10.2.0.2:7000");
		List<String> names = new ArrayList<>();
		for (int i = 0; i < 497; i++) {
			names.add(this.run + "unknown" + i);
		}
		names.add(100, online.toUpperCase());
		names.add(200, offline);
		names.add(this.run + "unknown-last");
		HttpResponse<String> answer = post(cluster, "/api/v1/presence/lookup", Map.of("names", names), token);
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		JsonNode items = json.readTree(answer.body()).get("items");
		assertThat(items).hasSize(500);
		for (int i = 0; i < 500; i++) {
			assertThat(items.get(i).get("name").asString()).isEqualTo(names.get(i));
		}
		assertThat(items.get(100).get("sessions")).extracting((session) -> session.get("endpoint").asString())
			.containsExactlyInAnyOrder("10.2.0.1:7000", "10.2.0.2:7000");
		assertThat(items.get(100).get("sessions").get(0).propertyNames()).containsExactlyInAnyOrder("endpoint",
				"createdAt", "expiresAt");
		assertThat(items.get(200).get("sessions")).isEmpty();
		assertThat(items.get(0).get("sessions")).isEmpty();
		// 501 names, or none, are refused before any follower sees them
		names.add("one too many");
		assertProblem(post(cluster, "/api/v1/presence/lookup", Map.of("names", names), token), 400, "invalid-request");
		assertProblem(post(cluster, "/api/v1/presence/lookup", Map.of("names", List.of()), token), 400,
				"invalid-request");
		assertProblem(post(cluster, "/api/v1/presence/lookup", Map.of("names", List.of("x")), null), 401,
				"invalid-session");
	}

	@Test
	void theEventStreamReportsEveryChangeOnceAndInOrder() throws Exception {
		String watcher = this.run + "watcher";
		register(cluster, watcher);
		String watcherToken = token(login(cluster, watcher, null));
		String user = this.run + "Moving";
		register(cluster, user);
		try (EventStream events = new EventStream(cluster.uri("/api/v1/presence/events"), watcherToken, null)) {
			assertThat(events.awaitStatus(Duration.ofSeconds(10))).isEqualTo(200);
			// logout
			String first = token(login(cluster, user, "10.3.0.1:1"));
			assertThat(delete(cluster, "/api/v1/sessions/current", first).statusCode()).isEqualTo(204);
			// force logout by an admin
			login(cluster, user, "10.3.0.1:2");
			assertThat(delete(cluster, "/api/v1/admin/users/" + user + "/session", Cluster.ADMIN_TOKEN).statusCode())
				.isEqualTo(204);
			// a password change ends the other session, not the one that made it
			String keeper = token(login(cluster, user, "10.3.0.1:3"));
			String other = token(login(cluster, user, "10.3.0.1:4"));
			HttpResponse<String> changed = put(cluster, "/api/v1/users/" + user + "/password",
					Map.of("currentPassword", PASSWORD, "newPassword", "another pass 2"), keeper);
			assertThat(changed.statusCode()).as(changed.body()).isEqualTo(204);
			assertProblem(get(cluster, "/api/v1/sessions/current", other), 401, "invalid-session");
			assertThat(get(cluster, "/api/v1/sessions/current", keeper).statusCode()).isEqualTo(200);
			// a connection server died
			HttpResponse<String> evicted = delete(cluster, "/api/v1/admin/endpoints/10.3.0.1:3/sessions",
					Cluster.ADMIN_TOKEN);
			assertThat(evicted.statusCode()).isEqualTo(200);
			assertThat(json.readTree(evicted.body()).get("ended").asInt()).isEqualTo(1);
			assertProblem(get(cluster, "/api/v1/sessions/current", keeper), 401, "invalid-session");
			// the user deletes the account
			String last = token(login(cluster, user, "another pass 2", "10.3.0.1:5"));
			assertThat(delete(cluster, "/api/v1/users/" + user, last).statusCode()).isEqualTo(204);
			List<EventStream.Event> seen = events.until(
					(event) -> event.name().equals(user) && event.reason().equals("deleted"), Duration.ofSeconds(20));
			seen.addAll(events.during(Duration.ofSeconds(1)));
			List<EventStream.Event> mine = seen.stream().filter((event) -> event.name().equals(user)).toList();
			assertThat(mine).extracting(EventStream.Event::change)
				.containsExactly("online/login", "offline/logout", "online/login", "offline/forced", "online/login",
						"online/login", "offline/password-changed", "offline/endpoint-down", "online/login",
						"offline/deleted");
			assertThat(mine).extracting(EventStream.Event::endpoint)
				.containsExactly("10.3.0.1:1", "10.3.0.1:1", "10.3.0.1:2", "10.3.0.1:2", "10.3.0.1:3", "10.3.0.1:4",
						"10.3.0.1:4", "10.3.0.1:3", "10.3.0.1:5", "10.3.0.1:5");
			assertThat(mine).allSatisfy((event) -> {
				// a position: the last stream id seen in each of the 16 shards
				assertThat(event.id()).matches("\\d+-\\d+(\\.\\d+-\\d+){15}");
				assertThat(event.data().get("at").asString()).endsWith("Z");
			});
			// resuming after any position gives exactly what came after it
			String position = mine.get(4).id();
			try (EventStream resumed = new EventStream(cluster.uri("/api/v1/presence/events"), watcherToken,
					position)) {
				List<EventStream.Event> again = resumed.until(
						(event) -> event.name().equals(user) && event.reason().equals("deleted"),
						Duration.ofSeconds(20));
				assertThat(again.stream().filter((event) -> event.name().equals(user)))
					.extracting(EventStream.Event::id)
					.containsExactlyElementsOf(
							mine.subList(5, mine.size()).stream().map(EventStream.Event::id).toList());
			}
		}
		// the name is free again
		assertThat(register(cluster, user).statusCode()).isEqualTo(201);
	}

	@Test
	void theEventStreamRefusesWhatItCannotServe() throws Exception {
		HttpResponse<String> noSession = cluster.send(HttpRequest.newBuilder(cluster.uri("/api/v1/presence/events"))
			.timeout(Duration.ofSeconds(10))
			.header("Accept", "text/event-stream"));
		assertProblem(noSession, 401, "invalid-session");
		String name = this.run + "sse";
		register(cluster, name);
		String token = token(login(cluster, name, null));
		HttpResponse<String> badPosition = cluster.send(HttpRequest.newBuilder(cluster.uri("/api/v1/presence/events"))
			.timeout(Duration.ofSeconds(10))
			.header("Accept", "text/event-stream")
			.header("Authorization", "Bearer " + token)
			.header("Last-Event-ID", "yesterday"));
		assertProblem(badPosition, 400, "invalid-request");
		HttpResponse<String> json = cluster.send(HttpRequest.newBuilder(cluster.uri("/api/v1/presence/events"))
			.timeout(Duration.ofSeconds(10))
			.header("Accept", "application/json")
			.header("Authorization", "Bearer " + token));
		assertThat(json.statusCode()).isEqualTo(406);
		// a position whose events the stream no longer keeps:
		// PresenceEventRetentionIntegrationTests
	}

	@Test
	void endingAnEndpointsSessionsEndsExactlyThoseAndTheirTokensAtOnce() throws Exception {
		String endpoint = "10.4." + (int) (Math.random() * 250) + ".9:7000";
		List<String> doomed = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			String name = this.run + "e" + i;
			register(cluster, name);
			doomed.add(token(login(cluster, name, endpoint)));
		}
		String survivorName = this.run + "e-other";
		register(cluster, survivorName);
		String survivor = token(login(cluster, survivorName, "10.4.255.1:7000"));
		String alsoSurvives = token(login(cluster, this.run + "e0", "10.4.255.2:7000"));
		assertProblem(delete(cluster, "/api/v1/admin/endpoints/" + endpoint + "/sessions", survivor), 403, "forbidden");
		HttpResponse<String> ended = delete(cluster, "/api/v1/admin/endpoints/" + endpoint + "/sessions",
				Cluster.ADMIN_TOKEN);
		assertThat(ended.statusCode()).isEqualTo(200);
		assertThat(json.readTree(ended.body()).get("ended").asInt()).isEqualTo(3);
		for (String token : doomed) {
			assertProblem(get(cluster, "/api/v1/sessions/current", token), 401, "invalid-session");
		}
		assertThat(get(cluster, "/api/v1/sessions/current", survivor).statusCode()).isEqualTo(200);
		assertThat(get(cluster, "/api/v1/sessions/current", alsoSurvives).statusCode()).isEqualTo(200);
		assertThat(json
			.readTree(delete(cluster, "/api/v1/admin/endpoints/" + endpoint + "/sessions", Cluster.ADMIN_TOKEN).body())
			.get("ended")
			.asInt()).isZero();
		assertProblem(delete(cluster, "/api/v1/admin/endpoints/not an endpoint/sessions", Cluster.ADMIN_TOKEN), 400,
				"invalid-request");
	}

	@Test
	void passwordChangeIsTheUsersOwnAndChecksTheCurrentPassword() throws Exception {
		String name = this.run + "pw";
		String other = this.run + "pw-other";
		register(cluster, name);
		register(cluster, other);
		String token = token(login(cluster, name, null));
		String otherToken = token(login(cluster, other, null));
		assertProblem(
				put(cluster, "/api/v1/users/" + name + "/password",
						Map.of("currentPassword", PASSWORD, "newPassword", "brand new pass 3"), otherToken),
				403, "forbidden");
		assertProblem(
				put(cluster, "/api/v1/users/" + name + "/password",
						Map.of("currentPassword", "wrong one", "newPassword", "brand new pass 3"), token),
				401, "invalid-credentials");
		assertProblem(put(cluster, "/api/v1/users/" + name + "/password",
				Map.of("currentPassword", PASSWORD, "newPassword", "short"), token), 400, "invalid-request");
		assertProblem(put(cluster, "/api/v1/users/" + name + "/password",
				Map.of("currentPassword", PASSWORD, "newPassword", "password"), token), 400, "invalid-request");
		assertThat(put(cluster, "/api/v1/users/" + name + "/password",
				Map.of("currentPassword", PASSWORD, "newPassword", "brand new pass 3"), token)
			.statusCode()).isEqualTo(204);
		assertThat(login(cluster, name, PASSWORD, null).statusCode()).isEqualTo(401);
		assertThat(login(cluster, name, "brand new pass 3", null).statusCode()).isEqualTo(201);
	}

	@Test
	void deletionNeedsTheUsersRecentSessionOrTheAdmin() throws Exception {
		String name = this.run + "del";
		String other = this.run + "del-other";
		register(cluster, name);
		register(cluster, other);
		String otherToken = token(login(cluster, other, null));
		assertProblem(delete(cluster, "/api/v1/users/" + name, otherToken), 403, "forbidden");
		assertProblem(delete(cluster, "/api/v1/users/" + name, null), 401, "invalid-session");
		String token = token(login(cluster, name, null));
		assertThat(delete(cluster, "/api/v1/users/" + name, Cluster.ADMIN_TOKEN).statusCode()).isEqualTo(204);
		assertProblem(get(cluster, "/api/v1/sessions/current", token), 401, "invalid-session");
		assertProblem(get(cluster, "/api/v1/users/" + name, otherToken), 404, "user-not-found");
		assertProblem(delete(cluster, "/api/v1/users/" + name, Cluster.ADMIN_TOKEN), 404, "user-not-found");
		assertThat(login(cluster, name, PASSWORD, null).statusCode()).isEqualTo(401);
	}

	static void assertProblem(HttpResponse<String> answer, int status, String code) {
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(status);
		assertThat(answer.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(json.readTree(answer.body()).get("code").asString()).isEqualTo(code);
	}

	static HttpResponse<String> register(Cluster cluster, String name) throws Exception {
		HttpResponse<String> answer = cluster.postJson("/api/v1/users",
				json.writeValueAsString(Map.of("name", name, "password", PASSWORD)));
		assertThat(answer.statusCode()).as(answer.body()).isIn(201, 409);
		return answer;
	}

	static HttpResponse<String> login(Cluster cluster, String name, String endpoint) throws Exception {
		HttpResponse<String> answer = login(cluster, name, PASSWORD, endpoint);
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201);
		return answer;
	}

	static HttpResponse<String> login(Cluster cluster, String name, String password, String endpoint) throws Exception {
		Map<String, String> body = (endpoint != null) ? Map.of("name", name, "password", password, "endpoint", endpoint)
				: Map.of("name", name, "password", password);
		return cluster.postJson("/api/v1/sessions", json.writeValueAsString(body));
	}

	static List<HttpResponse<String>> concurrentLogins(Cluster cluster, String name, int count) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(count);
		try {
			java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
			List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				String endpoint = "10.9.0.1:" + (1000 + i);
				answers.add(CompletableFuture.supplyAsync(() -> {
					try {
						start.await();
						return login(cluster, name, PASSWORD, endpoint);
					}
					catch (Exception ex) {
						throw new IllegalStateException(ex);
					}
				}, pool));
			}
			start.countDown();
			return answers.stream().map(CompletableFuture::join).toList();
		}
		finally {
			pool.shutdownNow();
		}
	}

	static String token(HttpResponse<String> login) {
		assertThat(login.statusCode()).as(login.body()).isEqualTo(201);
		return json.readTree(login.body()).get("token").asString();
	}

	static JsonNode items(HttpResponse<String> answer) {
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		return json.readTree(answer.body()).get("items");
	}

	static HttpResponse<String> get(Cluster cluster, String path, String token) throws Exception {
		return cluster.send(authorized(cluster, path, token).GET());
	}

	static HttpResponse<String> delete(Cluster cluster, String path, String token) throws Exception {
		return cluster.send(authorized(cluster, path, token).DELETE());
	}

	static HttpResponse<String> post(Cluster cluster, String path, Object body, String token) throws Exception {
		return cluster.send(authorized(cluster, path, token).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))));
	}

	static HttpResponse<String> put(Cluster cluster, String path, Object body, String token) throws Exception {
		return cluster.send(authorized(cluster, path, token).header("Content-Type", "application/json")
			.PUT(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))));
	}

	private static HttpRequest.Builder authorized(Cluster cluster, String path, String token) {
		HttpRequest.Builder request = HttpRequest.newBuilder(cluster.uri(path.replace(" ", "%20")))
			.timeout(Duration.ofSeconds(30));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return request;
	}

}
