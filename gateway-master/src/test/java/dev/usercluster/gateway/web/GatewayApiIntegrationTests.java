package dev.usercluster.gateway.web;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import dev.usercluster.gateway.Calls;
import dev.usercluster.gateway.Cluster;
import dev.usercluster.gateway.Scenarios;
import dev.usercluster.gateway.routing.FollowerInstances;

import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole public API through the gateway, with two followers behind it, so that
 * consecutive calls of one user land on different followers.
 */
class GatewayApiIntegrationTests {

	private static final String ADMIN = "gateway-test-admin-token";

	private static final String PASSWORD = "password1";

	private static ConfigurableApplicationContext first;

	private static ConfigurableApplicationContext second;

	private static ConfigurableApplicationContext gateway;

	private static Calls calls;

	@BeforeAll
	static void startCluster() {
		first = Cluster.follower("--user-cluster.admin.token=" + ADMIN);
		second = Cluster.follower("--user-cluster.admin.token=" + ADMIN);
		gateway = Cluster.gateway();
		calls = new Calls(Cluster.port(gateway));
		await().atMost(Duration.ofSeconds(5))
			.until(() -> gateway.getBean(FollowerInstances.class).current().size() == 2);
	}

	@AfterAll
	static void stopCluster() {
		Cluster.close(gateway, first, second);
	}

	@Test
	void userVisitWorksEndToEnd() {
		String name = Scenarios.newName();
		HttpResponse<String> registered = Scenarios.register(calls, name);
		assertThat(registered.statusCode()).isEqualTo(201);
		assertThat(registered.headers().firstValue("Location")).contains("/api/v1/users/" + name);

		HttpResponse<String> login = login(name, "10.0.0.7:9000");
		assertThat(login.statusCode()).isEqualTo(201);
		JsonNode session = Calls.body(login);
		String token = session.get("token").asString();
		assertThat(token).matches("[A-Za-z0-9_-]{43}");
		assertThat(session.get("endpoint").asString()).isEqualTo("10.0.0.7:9000");
		assertThat(login.headers().firstValue("Cache-Control")).contains("no-store");

		assertProblem(login(name, null), 409, "already-logged-in");

		HttpResponse<String> whoami = calls.get("/api/v1/sessions/current", token);
		assertThat(whoami.statusCode()).isEqualTo(200);
		assertThat(Calls.body(whoami).get("name").asString()).isEqualTo(name);

		HttpResponse<String> heartbeat = calls.patch("/api/v1/sessions/current", token);
		assertThat(heartbeat.statusCode()).isEqualTo(200);
		assertThat(Instant.parse(Calls.body(heartbeat).get("expiresAt").asString()))
			.isAfterOrEqualTo(Instant.parse(session.get("expiresAt").asString()));

		HttpResponse<String> user = calls.get("/api/v1/users/" + name, token);
		assertThat(user.statusCode()).isEqualTo(200);
		assertThat(Calls.body(user).get("online").asBoolean()).isTrue();

		HttpResponse<String> presence = calls.get("/api/v1/users/" + name + "/session", token);
		assertThat(presence.statusCode()).isEqualTo(200);
		assertThat(Calls.body(presence).get("endpoint").asString()).isEqualTo("10.0.0.7:9000");

		assertThat(calls.delete("/api/v1/sessions/current", token).statusCode()).isEqualTo(204);
		assertProblem(calls.get("/api/v1/sessions/current", token), 401, "invalid-session");
	}

	@Test
	void wrongPasswordAndUnknownUserAreProblems() {
		String name = Scenarios.newName();
		assertThat(Scenarios.register(calls, name).statusCode()).isEqualTo(201);
		assertProblem(calls.post("/api/v1/sessions", Map.of("name", name, "password", "wrong-password")), 401,
				"invalid-credentials");
		String token = token(name);
		assertProblem(calls.get("/api/v1/users/" + Scenarios.newName(), token), 404, "user-not-found");
		assertProblem(calls.get("/api/v1/users/" + Scenarios.newName() + "/session", token), 404, "offline");
		assertProblem(calls.get("/api/v1/users/" + name, null), 401, "invalid-session");
	}

	@Test
	void listsArePagedThroughTheGateway() {
		String name = Scenarios.newName();
		assertThat(Scenarios.register(calls, name).statusCode()).isEqualTo(201);
		String token = token(name);

		HttpResponse<String> users = calls.get("/api/v1/users?limit=1", token);
		assertThat(users.statusCode()).isEqualTo(200);
		JsonNode page = Calls.body(users);
		assertThat(page.get("items")).hasSize(1);
		String next = page.get("next").asString();
		HttpResponse<String> nextPage = calls.get("/api/v1/users?limit=1&after=" + next, token);
		assertThat(nextPage.statusCode()).isEqualTo(200);
		assertThat(Calls.body(nextPage).get("items").get(0).get("name").asString())
			.isNotEqualTo(page.get("items").get(0).get("name").asString());

		HttpResponse<String> sessions = calls.get("/api/v1/sessions?limit=500", token);
		assertThat(sessions.statusCode()).isEqualTo(200);
		assertThat(Calls.body(sessions).get("items").isArray()).isTrue();
	}

	@Test
	void adminEndsASessionThroughTheGateway() {
		String name = Scenarios.newName();
		assertThat(Scenarios.register(calls, name).statusCode()).isEqualTo(201);
		String token = token(name);
		String path = "/api/v1/admin/users/" + name + "/session";
		assertProblem(calls.delete(path, token), 403, "forbidden");
		assertThat(calls.delete(path, ADMIN).statusCode()).isEqualTo(204);
		assertProblem(calls.get("/api/v1/sessions/current", token), 401, "invalid-session");
		assertProblem(calls.delete(path, ADMIN), 404, "offline");
	}

	private static HttpResponse<String> login(String name, String endpoint) {
		Map<String, String> body = (endpoint != null) ? Map.of("name", name, "password", PASSWORD, "endpoint", endpoint)
				: Map.of("name", name, "password", PASSWORD);
		return calls.post("/api/v1/sessions", body);
	}

	private static String token(String name) {
		HttpResponse<String> login = login(name, null);
		assertThat(login.statusCode()).as(login.body()).isEqualTo(201);
		return Calls.body(login).get("token").asString();
	}

	private static void assertProblem(HttpResponse<String> response, int status, String code) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(Calls.body(response).get("code").asString()).isEqualTo(code);
	}

}
