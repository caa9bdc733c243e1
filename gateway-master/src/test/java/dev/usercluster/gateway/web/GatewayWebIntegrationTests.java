package dev.usercluster.gateway.web;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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
import org.springframework.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the gateway itself does to a call on its way to a follower and back.
 */
class GatewayWebIntegrationTests {

	private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

	private static ConfigurableApplicationContext follower;

	private static ConfigurableApplicationContext gateway;

	private static Calls calls;

	@BeforeAll
	static void startCluster() {
		follower = Cluster.follower();
		gateway = Cluster.gateway();
		calls = new Calls(Cluster.port(gateway));
		await().atMost(Duration.ofSeconds(5))
			.until(() -> !gateway.getBean(FollowerInstances.class).current().isEmpty());
	}

	@AfterAll
	static void stopCluster() {
		Cluster.close(gateway, follower);
	}

	@Test
	void invalidRequestIsRefusedAtTheGatewayWithoutReachingAFollower() {
		long before = Cluster.apiCallsReceived(follower);
		HttpResponse<String> response = calls.post("/api/v1/users", Map.of("name", "no spaces", "password", "short"));
		assertThat(response.statusCode()).isEqualTo(400);
		JsonNode problem = Calls.body(response);
		assertThat(problem.get("code").asString()).isEqualTo("invalid-request");
		assertThat(problem.get("errors").findValuesAsString("field")).contains("name", "password");
		assertThat(calls.get("/api/v1/users?limit=501", "x").statusCode()).isEqualTo(400);
		assertThat(Cluster.apiCallsReceived(follower)).isEqualTo(before);
	}

	@Test
	void bodyOverTheLimitIsRefusedWith413() {
		HttpResponse<String> response = calls.post("/api/v1/users",
				Map.of("name", "big", "password", "x".repeat(17 * 1024)));
		assertThat(response.statusCode()).isEqualTo(413);
		assertThat(Calls.body(response).get("code").asString()).isEqualTo("payload-too-large");
	}

	@Test
	void followerProblemPassesThroughUnchanged() {
		String name = Scenarios.newName();
		assertThat(Scenarios.register(calls, name).statusCode()).isEqualTo(201);
		HttpResponse<String> taken = Scenarios.register(calls, name.toUpperCase());
		assertThat(taken.statusCode()).isEqualTo(409);
		assertThat(taken.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(Calls.body(taken).get("code").asString()).isEqualTo("name-taken");
	}

	@Test
	void createdAnswerKeepsItsLocation() {
		String name = Scenarios.newName();
		HttpResponse<String> created = Scenarios.register(calls, name);
		assertThat(created.statusCode()).isEqualTo(201);
		assertThat(created.headers().firstValue("Location")).contains("/api/v1/users/" + name);
		assertThat(Calls.body(created).get("name").asString()).isEqualTo(name);
	}

	@Test
	void requestIdTraceContextAndClientAddressReachTheFollower() {
		HttpResponse<String> response = calls.send(calls.request("/api/v1/users", null)
			.header("Content-Type", "application/json")
			.header("X-Request-Id", "test-request-1")
			.header("traceparent", TRACEPARENT)
			.header("X-Forwarded-For", "198.51.100.7")
			.POST(HttpRequest.BodyPublishers
				.ofString("{\"name\":\"" + Scenarios.newName() + "\",\"password\":\"password1\"}")));
		assertThat(response.statusCode()).isEqualTo(201);
		assertThat(response.headers().firstValue("X-Request-Id")).contains("test-request-1");
		HttpHeaders received = Cluster.lastHeadersReceived(follower);
		assertThat(received.getFirst("X-Request-Id")).isEqualTo("test-request-1");
		assertThat(received.getFirst("traceparent")).isEqualTo(TRACEPARENT);
		assertThat(received.getFirst("X-Forwarded-For")).isEqualTo("198.51.100.7, 127.0.0.1");
	}

	@Test
	void requestIdIsGeneratedWhenAbsentOrMalformed() {
		HttpResponse<String> response = calls
			.send(calls.request("/api/v1/sessions/current", null).header("X-Request-Id", "bad id with spaces").GET());
		assertThat(response.headers().firstValue("X-Request-Id"))
			.hasValueSatisfying((id) -> assertThat(id).matches("[0-9a-f-]{36}"));
	}

	@Test
	void apiAnswersCarrySecurityHeaders() {
		HttpResponse<String> response = Scenarios.register(calls, Scenarios.newName());
		assertThat(response.headers().firstValue("Cache-Control")).contains("no-store");
		assertThat(response.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
	}

	@Test
	void openApiDescribesThePublicApiWithBearerAuthentication() {
		HttpResponse<String> docs = calls.get("/v3/api-docs", null);
		assertThat(docs.statusCode()).isEqualTo(200);
		JsonNode api = Calls.body(docs);
		assertThat(api.at("/components/securitySchemes/bearer/scheme").asString()).isEqualTo("bearer");
		assertThat(api.at("/paths/~1api~1v1~1sessions~1current/get/security/0/bearer").isArray()).isTrue();
		assertThat(api.at("/paths/~1api~1v1~1users/post").isObject()).isTrue();
		assertThat(api.at("/components/schemas/RegisterRequest/example/name").asString()).isEqualTo("Alice");
		assertThat(calls.get("/swagger-ui.html", null).statusCode()).isIn(200, 302);
		assertThat(calls.get("/swagger-ui/index.html", null).statusCode()).isEqualTo(200);
	}

	@Test
	void probesAndMetricsAreServed() {
		assertThat(calls.get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
		assertThat(calls.get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
		HttpResponse<String> metrics = calls
			.send(calls.request("/actuator/prometheus", null).setHeader("Accept", "text/plain").GET());
		assertThat(metrics.statusCode()).isEqualTo(200);
		assertThat(metrics.body()).contains("http_server_requests");
	}

}
