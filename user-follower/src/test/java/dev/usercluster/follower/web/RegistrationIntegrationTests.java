package dev.usercluster.follower.web;

import java.util.ArrayList;
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
import dev.usercluster.testsupport.TestServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static dev.usercluster.follower.web.ApiClient.bearer;
import static dev.usercluster.testsupport.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Registration over HTTP against a follower on real MySQL, Redis and ZooKeeper.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "spring.config.name=follower")
@Import(TestServers.class)
class RegistrationIntegrationTests {

	private final String prefix = "r" + UUID.randomUUID().toString().substring(0, 8);

	private final String clientAddress = ApiClient.randomClientAddress();

	@LocalServerPort
	private int port;

	@Test
	void registrationAnswersCreatedWithTheAccountAndItsLocation() throws Exception {
		Answer response = register(this.prefix + "Alice", "pass-word-1");
		assertThat(response.statusCode()).isEqualTo(201);
		JsonNode body = response.json();
		assertThat(body.get("id").isIntegralNumber()).isTrue();
		assertThat(body.get("name").asString()).isEqualTo(this.prefix + "Alice");
		assertThat(body.get("createdAt").asString()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
		assertThat(body.propertyNames()).containsExactlyInAnyOrder("id", "name", "createdAt");
		assertThat(response.headers().firstValue("Location")).contains("/api/v1/users/" + this.prefix + "Alice");
	}

	@Test
	void locationOfANonAsciiNameIsUrlEncoded() throws Exception {
		Answer response = register(this.prefix + "王e\u0301", "pass-word-1");
		assertThat(response.statusCode()).isEqualTo(201);
		assertThat(response.json().get("name").asString()).isEqualTo(this.prefix + "王\u00e9");
		assertThat(response.headers().firstValue("Location"))
			.contains("/api/v1/users/" + this.prefix + "%E7%8E%8B%C3%A9");
	}

	@Test
	void nameTakenInAnyCaseIsAConflict() throws Exception {
		assertThat(register(this.prefix + "Bob", "pass-word-1").statusCode()).isEqualTo(201);
		Answer response = register(this.prefix + "BOB", "pass-word-2");
		assertProblem(response, 409, "name-taken");
	}

	@Test
	void exactlyOneOfFiftyConcurrentRegistrationsOfOneNameWins() throws Exception {
		int attempts = 50;
		ExecutorService pool = Executors.newFixedThreadPool(attempts);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Integer>> results = new ArrayList<>();
			for (int i = 0; i < attempts; i++) {
				String name = (i % 2 == 0) ? this.prefix + "race" : this.prefix + "RACE";
				results.add(pool.submit(() -> {
					start.await();
					return register(name, "pass-word-1").statusCode();
				}));
			}
			start.countDown();
			List<Integer> statuses = new ArrayList<>();
			for (Future<Integer> result : results) {
				statuses.add(result.get(60, TimeUnit.SECONDS));
			}
			Map<Integer, Long> counts = statuses.stream()
				.collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
			assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of(201, 1L, 409, (long) attempts - 1));
		}
		finally {
			pool.shutdownNow();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "' OR 1=1 --", "\"; DROP TABLE users; --", "a\\b", "a b", "",
			"x23456789012345678901234567890123" })
	void invalidNamesAreRejectedWithTheirField(String name) throws Exception {
		Answer response = register(name, "pass-word-1");
		assertProblem(response, 400, "invalid-request");
		assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("name");
	}

	@ParameterizedTest
	@ValueSource(strings = { "seven!!", "" })
	void tooShortPasswordsAreRejectedAndNotEchoed(String password) throws Exception {
		Answer response = register(this.prefix + "pw", password);
		assertProblem(response, 400, "invalid-request");
		assertThat(response.json().get("errors").get(0).get("field").asString()).isEqualTo("password");
		if (!password.isEmpty()) {
			assertThat(response.body()).doesNotContain(password);
		}
	}

	@Test
	void tooLongPasswordIsRejectedAndNotEchoed() throws Exception {
		String password = "' OR 1=1 -- ".repeat(11);
		Answer response = register(this.prefix + "pw", password);
		assertProblem(response, 400, "invalid-request");
		assertThat(response.body()).doesNotContain("OR 1=1");
	}

	@Test
	void sqlMetacharactersInAPasswordAreStoredAsIs() throws Exception {
		String name = this.prefix + "Meta";
		String password = "\"; DROP TABLE users; -- \\' OR 1=1";
		assertThat(register(name, password).statusCode()).isEqualTo(201);
		// the password logs in exactly as given, and the account reads back as registered
		assertProblem(api().login(name, password.replace("\\", "")), 401, "invalid-credentials");
		String token = api().token(name, password);
		Answer stored = api().send("GET", "/users/" + name.toLowerCase(), bearer(token));
		assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
		assertThat(stored.json().get("name").asString()).isEqualTo(name);
	}

	@Test
	void numberWhereANameIsExpectedIsInvalid() throws Exception {
		assertProblem(post("{\"name\":12345678,\"password\":\"password1\"}", "application/json"), 400,
				"invalid-request");
	}

	@Test
	void bodyThatIsNotJsonIsAnUnsupportedMediaType() throws Exception {
		assertProblem(post("name=alice&password=password1", "application/x-www-form-urlencoded"), 415,
				"unsupported-media-type");
	}

	@Test
	void bodyOverTheLimitIsTooLarge() throws Exception {
		String body = "{\"name\":\"alice\",\"password\":\"password1\",\"pad\":\"" + "x".repeat(17 * 1024) + "\"}";
		assertProblem(post(body, "application/json"), 413, "payload-too-large");
	}

	@Test
	void unknownPathIsNotFound() {
		assertProblem(api().send("GET", "/nothing", null), 404, "not-found");
	}

	@Test
	void wrongMethodIsNotAllowed() {
		assertProblem(api().send("PUT", "/users", "{}", null), 405, "method-not-allowed");
	}

	private ApiClient api() {
		return new ApiClient(this.port, this.clientAddress);
	}

	private Answer register(String name, String password) {
		return api().register(name, password);
	}

	private Answer post(String body, String contentType) {
		return api().post("/users", body, contentType);
	}

}
