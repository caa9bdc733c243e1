package dev.usercluster.follower.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.usercluster.testsupport.JsonClient.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.usercluster.testsupport.Problems.assertProblem;
import static dev.usercluster.follower.web.ApiClient.bearer;
import static dev.usercluster.follower.web.ApiClient.body;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sessions over HTTP against a follower on real MySQL, Redis and ZooKeeper, under the
 * default {@code reject} policy, with a clock the tests move.
 */
@FollowerWithTestClock
class SessionIntegrationTests {

	private static final String ADMIN = FollowerWithTestClock.ADMIN;

	private static final String PASSWORD = "pass-word-1";

	private final String prefix = "s" + UUID.randomUUID().toString().substring(0, 8);

	@LocalServerPort
	private int port;

	@Autowired
	private MutableClock clock;

	private ApiClient api;

	@BeforeEach
	void client() {
		this.api = new ApiClient(this.port, ApiClient.randomClientAddress());
	}

	@Test
	void loginAnswersTheSessionWithAFortyThreeCharacterToken() {
		String name = user("Login");
		Answer response = this.api.login(name, PASSWORD, "10.0.0.7:9000");
		assertThat(response.statusCode()).isEqualTo(201);
		JsonNode session = body(response);
		assertThat(session.get("token").asString()).matches("[A-Za-z0-9_-]{43}");
		assertThat(session.get("name").asString()).isEqualTo(name);
		assertThat(session.get("endpoint").asString()).isEqualTo("10.0.0.7:9000");
		Instant createdAt = Instant.parse(session.get("createdAt").asString());
		assertThat(session.get("createdAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
		assertThat(Instant.parse(session.get("expiresAt").asString())).isEqualTo(createdAt.plus(Duration.ofHours(5)));
		// the endpoint is stored with the session: both reads of it answer it
		String token = session.get("token").asString();
		Answer whoami = this.api.send("GET", "/sessions/current", bearer(token));
		assertThat(body(whoami).get("endpoint").asString()).isEqualTo("10.0.0.7:9000");
		Answer presence = this.api.send("GET", "/users/" + name + "/session", bearer(token));
		assertThat(body(presence).get("endpoint").asString()).isEqualTo("10.0.0.7:9000");
	}

	@Test
	void firstEightBytesOfATokenAreTheUsersTag() throws Exception {
		String name = user("TaG");
		byte[] token = Base64.getUrlDecoder().decode(this.api.token(name.toUpperCase(), PASSWORD));
		byte[] nameKeyHash = MessageDigest.getInstance("SHA-256")
			.digest(name.toLowerCase().getBytes(StandardCharsets.UTF_8));
		assertThat(token).hasSize(32);
		assertThat(Arrays.copyOf(token, 8)).isEqualTo(Arrays.copyOf(nameKeyHash, 8));
	}

	@Test
	void exactlyOneOfFiftyConcurrentLoginsOfOneUserWins() throws Exception {
		String name = user("race");
		int attempts = 50;
		ExecutorService pool = Executors.newFixedThreadPool(attempts);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Integer>> results = new ArrayList<>();
			for (int i = 0; i < attempts; i++) {
				results.add(pool.submit(() -> {
					start.await();
					return this.api.login(name, PASSWORD).statusCode();
				}));
			}
			start.countDown();
			List<Integer> statuses = new ArrayList<>();
			for (Future<Integer> result : results) {
				statuses.add(result.get(120, TimeUnit.SECONDS));
			}
			Map<Integer, Long> counts = statuses.stream()
				.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
			// the throttle reserves an attempt before the password is checked: beyond the
			// name's failure limit in flight at once, logins are 429 without a check
			assertThat(counts).containsEntry(201, 1L).containsKey(409);
			assertThat(counts.keySet()).containsOnly(201, 409, 429);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void secondLoginIsRejectedWhileTheFirstLivesAndTheFirstKeepsWorking() {
		String name = user("twice");
		String token = this.api.token(name, PASSWORD);
		assertProblem(this.api.login(name, PASSWORD), 409, "already-logged-in");
		assertThat(this.api.send("GET", "/sessions/current", bearer(token)).statusCode()).isEqualTo(200);
	}

	@Test
	void wrongPasswordIsUnauthorisedEvenWhileASessionLives() {
		String name = user("live");
		this.api.token(name, PASSWORD);
		assertProblem(this.api.login(name, "wrong-password"), 401, "invalid-credentials");
	}

	@Test
	void unknownNameAndWrongPasswordGetTheSameReply() {
		String name = user("known");
		Answer wrongPassword = this.api.login(name, "wrong-password");
		Answer unknownName = this.api.login(this.prefix + "nobody", "wrong-password");
		assertProblem(wrongPassword, 401, "invalid-credentials");
		assertThat(unknownName.statusCode()).isEqualTo(wrongPassword.statusCode());
		assertThat(unknownName.body()).isEqualTo(wrongPassword.body());
	}

	@Test
	void whoamiAnswersTheSessionOfTheToken() {
		String name = user("Who");
		String token = this.api.token(name.toLowerCase(), PASSWORD);
		Answer response = this.api.send("GET", "/sessions/current", bearer(token));
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(body(response).get("name").asString()).isEqualTo(name);
		assertThat(body(response).propertyNames()).containsExactlyInAnyOrder("name", "endpoint", "createdAt",
				"expiresAt");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "Bearer", "Bearer ", "Bearer abc", "Basic dXNlcjpwYXNz",
			"Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+", "Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
			"Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB",
			"Bearer ' OR 1=1 --" })
	void malformedOrUnknownTokensAreInvalidSessions(String authorization) {
		for (String method : List.of("GET", "PATCH", "DELETE")) {
			assertProblem(this.api.send(method, "/sessions/current", authorization.isEmpty() ? null : authorization),
					401, "invalid-session");
		}
	}

	@Test
	void logoutEndsTheSessionAndFreesTheName() {
		String name = user("bye");
		String token = this.api.token(name, PASSWORD);
		assertThat(this.api.send("DELETE", "/sessions/current", bearer(token)).statusCode()).isEqualTo(204);
		assertProblem(this.api.send("GET", "/sessions/current", bearer(token)), 401, "invalid-session");
		assertProblem(this.api.send("DELETE", "/sessions/current", bearer(token)), 401, "invalid-session");
		assertThat(this.api.login(name, PASSWORD).statusCode()).isEqualTo(201);
	}

	@Test
	void heartbeatExtendsTheSessionToNowPlusTheTtl() {
		String name = user("beat");
		Answer login = this.api.login(name, PASSWORD);
		String token = body(login).get("token").asString();
		Instant firstExpiry = Instant.parse(body(login).get("expiresAt").asString());
		this.clock.advance(Duration.ofMinutes(10));
		Answer beat = this.api.send("PATCH", "/sessions/current", bearer(token));
		assertThat(beat.statusCode()).isEqualTo(200);
		Instant extended = Instant.parse(body(beat).get("expiresAt").asString());
		assertThat(extended).isAfterOrEqualTo(firstExpiry.plus(Duration.ofMinutes(10)));
		assertThat(body(beat).get("createdAt").asString()).isEqualTo(body(login).get("createdAt").asString());
		Answer whoami = this.api.send("GET", "/sessions/current", bearer(token));
		assertThat(Instant.parse(body(whoami).get("expiresAt").asString())).isEqualTo(extended);
	}

	@Test
	void presenceAnswersTheSessionOfALiveUserAndOfflineOtherwise() {
		String online = user("here");
		String offline = user("away");
		String token = this.api.token(online, PASSWORD);
		this.api.send("DELETE", "/sessions/current", bearer(this.api.token(offline, PASSWORD)));
		this.api.login(online, PASSWORD, "10.1.2.3:4000");
		Answer present = this.api.send("GET", "/users/" + online.toUpperCase() + "/session", bearer(token));
		assertThat(present.statusCode()).isEqualTo(200);
		assertThat(body(present).get("name").asString()).isEqualTo(online);
		assertProblem(this.api.send("GET", "/users/" + offline + "/session", bearer(token)), 404, "offline");
		assertProblem(this.api.send("GET", "/users/" + this.prefix + "never/session", bearer(token)), 404, "offline");
		assertThat(body(this.api.send("GET", "/users/" + online, bearer(token))).get("online").asBoolean()).isTrue();
		assertThat(body(this.api.send("GET", "/users/" + offline, bearer(token))).get("online").asBoolean()).isFalse();
	}

	@Test
	void presenceNeedsASession() {
		assertProblem(this.api.send("GET", "/users/" + user("x") + "/session", null), 401, "invalid-session");
	}

	@Test
	void onlineListWalksEverySessionExactlyOnce() {
		List<String> names = new ArrayList<>();
		List<String> tokens = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			names.add(user("p" + i));
			tokens.add(this.api.token(names.get(i), PASSWORD));
		}
		// one that ended must not be listed
		this.api.send("DELETE", "/sessions/current", bearer(tokens.remove(6)));
		List<String> expected = names.subList(0, 6);
		try {
			List<String> seen = new ArrayList<>();
			String next = null;
			int pages = 0;
			do {
				Answer page = this.api.send("GET", "/sessions?limit=3" + ((next != null) ? "&after=" + next : ""),
						bearer(tokens.get(0)));
				assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
				JsonNode items = body(page).get("items");
				assertThat(items.size()).isLessThanOrEqualTo(3);
				items.forEach((item) -> seen.add(item.get("name").asString()));
				next = body(page).get("next").isNull() ? null : body(page).get("next").asString();
				assertThat(++pages).isLessThan(10_000);
			}
			while (next != null);
			assertThat(seen.stream().filter((name) -> name.startsWith(this.prefix)).toList())
				.containsExactlyElementsOf(expected);
			// (other tests' users may be listed once per device, so only this test's own
			// sessions are checked: each once, in order)
		}
		finally {
			tokens.forEach((token) -> this.api.send("DELETE", "/sessions/current", bearer(token)));
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "%25%25%25", "YWJj", "_w", "limit" })
	void badCursorIsAnInvalidRequest(String cursor) {
		String token = this.api.token(user("cur"), PASSWORD);
		assertProblem(this.api.send("GET", "/sessions?after=" + cursor, bearer(token)), 400, "invalid-request");
	}

	@Test
	void adminEndsASessionAndOnlyTheAdmin() {
		String name = user("ended");
		String token = this.api.token(name, PASSWORD);
		String path = "/admin/users/" + name + "/session";
		assertProblem(this.api.send("DELETE", path, null), 401, "invalid-session");
		assertProblem(this.api.send("DELETE", path, "Bearer not-the-admin-token"), 401, "invalid-session");
		assertProblem(this.api.send("DELETE", path, bearer(token)), 403, "forbidden");
		assertThat(this.api.send("DELETE", path, bearer(ADMIN)).statusCode()).isEqualTo(204);
		assertProblem(this.api.send("GET", "/sessions/current", bearer(token)), 401, "invalid-session");
		assertProblem(this.api.send("DELETE", path, bearer(ADMIN)), 404, "offline");
	}

	private String user(String suffix) {
		String name = this.prefix + suffix;
		Answer response = this.api.register(name, PASSWORD);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return name;
	}

}
