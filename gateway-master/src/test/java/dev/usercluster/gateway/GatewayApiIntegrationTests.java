package dev.usercluster.gateway;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import dev.usercluster.gateway.Cluster.Follower;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static dev.usercluster.testsupport.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public API through the gateway, over one real follower: what is validated at the
 * gateway, what passes through unchanged, which headers travel, and the OpenAPI
 * description.
 */
class GatewayApiIntegrationTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static Cluster cluster;

	private final String prefix = "g" + UUID.randomUUID().toString().substring(0, 8);

	@BeforeAll
	static void startCluster() {
		cluster = new Cluster(1);
	}

	@AfterAll
	static void stopCluster() {
		cluster.close();
	}

	private Follower follower() {
		return cluster.followers().get(0);
	}

	@Test
	void registrationPassesThroughWithItsLocation() throws Exception {
		HttpResponse<String> response = register(this.prefix + "Alice", "pass-word-1");
		assertThat(response.statusCode()).isEqualTo(201);
		assertThat(response.headers().firstValue("Location")).contains("/api/v1/users/" + this.prefix + "Alice");
		JsonNode body = json.readTree(response.body());
		assertThat(body.propertyNames()).containsExactlyInAnyOrder("id", "name", "createdAt");
		assertThat(body.get("name").asString()).isEqualTo(this.prefix + "Alice");
	}

	@Test
	void followerProblemPassesThroughUnchanged() throws Exception {
		assertThat(register(this.prefix + "Bob", "pass-word-1").statusCode()).isEqualTo(201);
		assertProblem(register(this.prefix + "BOB", "pass-word-2"), 409, "name-taken");
	}

	@Test
	void invalidRequestIsRefusedAtTheGatewayWithoutReachingAFollower() throws Exception {
		int before = follower().calls();
		assertProblem(register("", "pass-word-1"), 400, "invalid-request");
		assertProblem(cluster.get("/api/v1/users?limit=0"), 400, "invalid-request");
		String tooLarge = json.writeValueAsString(Map.of("name", "x", "password", "p".repeat(20_000)));
		assertProblem(cluster.postJson("/api/v1/users", tooLarge), 413, "payload-too-large");
		assertThat(follower().calls()).isEqualTo(before);
	}

	@Test
	void requestIdTraceContextAndClientAddressAreForwarded() throws Exception {
		String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
		HttpResponse<String> response = cluster.send(HttpRequest.newBuilder(cluster.uri(Cluster.FOLLOWER_GET))
			.header("X-Request-Id", "req-42")
			.header("traceparent", traceparent)
			.header("X-Forwarded-For", "203.0.113.9"));
		assertThat(response.statusCode()).isEqualTo(Cluster.FOLLOWER_GET_STATUS);
		assertThat(response.headers().firstValue("X-Request-Id")).contains("req-42");
		Map<String, String> seen = follower().recorder().lastHeaders();
		// the client's trace, with the gateway's own span as the parent
		// (TracingIntegrationTests)
		assertThat(seen.get("traceparent")).startsWith("00-0af7651916cd43dd8448eb211c80319c-")
			.doesNotContain("b7ad6b7169203331");
		assertThat(seen).containsEntry("X-Request-Id", "req-42")
			// the test reaches the gateway over loopback, a trusted proxy (an ingress) by
			// default, and the gateway reaches followers so too: the follower's Tomcat
			// settles on the client address the test forwarded
			.containsEntry(CallRecorder.REMOTE_ADDRESS, "203.0.113.9");
	}

	@Test
	void requestIdIsGeneratedWhenAbsentAndSecurityHeadersAreSet() throws Exception {
		HttpResponse<String> response = cluster.get(Cluster.FOLLOWER_GET);
		String requestId = response.headers().firstValue("X-Request-Id").orElseThrow();
		assertThat(requestId).isNotBlank();
		assertThat(follower().recorder().lastHeaders()).containsEntry("X-Request-Id", requestId)
			.containsEntry(CallRecorder.REMOTE_ADDRESS, "127.0.0.1");
		assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
		assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
	}

	@Test
	void openApiDescribesThePublicApiWithBearerAuthentication() throws Exception {
		HttpResponse<String> response = cluster.get("/v3/api-docs");
		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode api = json.readTree(response.body());
		assertThat(api.get("paths").propertyNames()).contains("/api/v1/users", "/api/v1/sessions",
				"/api/v1/sessions/current", "/api/v1/users/{name}", "/api/v1/users/{name}/session",
				"/api/v1/admin/users/{name}/session");
		assertThat(api.at("/components/securitySchemes/bearer/scheme").asString()).isEqualTo("bearer");
		JsonNode whoami = api.at("/paths/~1api~1v1~1sessions~1current/get");
		assertThat(whoami.get("security").toString()).contains("bearer");
		assertThat(whoami.toString()).doesNotContain("\"in\":\"header\"");
		assertThat(api.at("/components/schemas/RegisterRequest/properties/name/example").asString()).isEqualTo("alice");
		assertThat(cluster.get("/swagger-ui.html").statusCode()).isIn(200, 302);
	}

	@Test
	void openApiListsTheAnswersOfEachCall() throws Exception {
		JsonNode api = json.readTree(cluster.get("/v3/api-docs").body());
		JsonNode register = api.at("/paths/~1api~1v1~1users/post/responses");
		assertThat(register.propertyNames()).contains("201", "400", "409", "413", "415", "503").doesNotContain("200");
		assertThat(register.at("/409/description").asString()).contains("name-taken");
		assertThat(register.at("/409/content/application~1problem+json/schema/$ref").asString())
			.isEqualTo("#/components/schemas/Problem");
		JsonNode login = api.at("/paths/~1api~1v1~1sessions/post/responses");
		assertThat(login.at("/409/description").asString()).contains("already-logged-in");
		assertThat(login.at("/429/description").asString()).contains("too-many-attempts");
		JsonNode logout = api.at("/paths/~1api~1v1~1sessions~1current/delete/responses");
		assertThat(logout.propertyNames()).contains("204", "401").doesNotContain("200");
		assertThat(logout.get("204").has("content")).isFalse();
		assertThat(api.at("/components/schemas/Problem/properties/code").isMissingNode()).isFalse();
	}

	@Test
	void probesAndMetricsAreServed() throws Exception {
		assertThat(cluster.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
		assertThat(cluster.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
		HttpResponse<String> metrics = cluster.get("/actuator/prometheus");
		assertThat(metrics.statusCode()).isEqualTo(200);
		assertThat(metrics.body()).contains("http_server_requests");
	}

	@Test
	void theWholeApiWorksThroughTheGateway() throws Exception {
		String alice = this.prefix + "Alice";
		String bob = this.prefix + "Bob";
		assertThat(register(alice, "pass-word-1").statusCode()).isEqualTo(201);
		assertThat(register(bob, "pass-word-2").statusCode()).isEqualTo(201);

		HttpResponse<String> login = login(alice, "pass-word-1", "10.0.0.7:7000");
		assertThat(login.statusCode()).isEqualTo(201);
		assertThat(login.headers().firstValue("Cache-Control")).contains("no-store");
		JsonNode session = json.readTree(login.body());
		String token = session.get("token").asString();
		assertThat(token).hasSize(43);
		assertThat(session.get("name").asString()).isEqualTo(alice);
		assertThat(session.get("endpoint").asString()).isEqualTo("10.0.0.7:7000");
		assertThat(login(alice, "pass-word-1", null).statusCode()).as("second login").isEqualTo(409);
		assertThat(login(alice, "wrong-password", null).statusCode()).isEqualTo(401);

		HttpResponse<String> whoami = call("GET", "/api/v1/sessions/current", token);
		assertThat(whoami.statusCode()).isEqualTo(200);
		assertThat(json.readTree(whoami.body()).get("name").asString()).isEqualTo(alice);
		assertThat(call("PATCH", "/api/v1/sessions/current", token).statusCode()).isEqualTo(200);

		HttpResponse<String> user = call("GET", "/api/v1/users/" + bob, token);
		assertThat(user.statusCode()).isEqualTo(200);
		assertThat(json.readTree(user.body()).get("online").asBoolean()).isFalse();
		HttpResponse<String> presence = call("GET", "/api/v1/users/" + alice + "/session", token);
		assertThat(presence.statusCode()).isEqualTo(200);
		assertThat(json.readTree(presence.body()).get("endpoint").asString()).isEqualTo("10.0.0.7:7000");
		assertProblem(call("GET", "/api/v1/users/" + bob + "/session", token), 404, "offline");
		assertProblem(call("GET", "/api/v1/users/" + this.prefix + "Nobody", token), 404, "user-not-found");
		assertThat(json.readTree(call("GET", "/api/v1/users?limit=2", token).body()).get("items").size()).isEqualTo(2);
		assertThat(json.readTree(call("GET", "/api/v1/sessions?limit=500", token).body()).has("items")).isTrue();

		String bobToken = json.readTree(login(bob, "pass-word-2", null).body()).get("token").asString();
		assertProblem(call("DELETE", "/api/v1/admin/users/" + bob + "/session", token), 403, "forbidden");
		assertThat(call("DELETE", "/api/v1/admin/users/" + bob + "/session", Cluster.ADMIN_TOKEN).statusCode())
			.isEqualTo(204);
		assertProblem(call("GET", "/api/v1/sessions/current", bobToken), 401, "invalid-session");

		assertThat(call("DELETE", "/api/v1/sessions/current", token).statusCode()).isEqualTo(204);
		assertProblem(call("GET", "/api/v1/sessions/current", token), 401, "invalid-session");
		assertProblem(call("GET", "/api/v1/sessions/current", null), 401, "invalid-session");
	}

	private HttpResponse<String> login(String name, String password, String endpoint) throws Exception {
		Map<String, String> body = (endpoint != null) ? Map.of("name", name, "password", password, "endpoint", endpoint)
				: Map.of("name", name, "password", password);
		return cluster.postJson("/api/v1/sessions", json.writeValueAsString(body));
	}

	private HttpResponse<String> call(String method, String path, String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(cluster.uri(path))
			.method(method, HttpRequest.BodyPublishers.noBody());
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return cluster.send(request);
	}

	private HttpResponse<String> register(String name, String password) throws Exception {
		return cluster.postJson("/api/v1/users", json.writeValueAsString(Map.of("name", name, "password", password)));
	}

}
