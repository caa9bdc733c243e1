package dev.usercluster.follower.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.usercluster.api.LoginRequest;
import dev.usercluster.api.PasswordChange;
import dev.usercluster.api.RegisterRequest;
import dev.usercluster.follower.audit.AuditLog;
import dev.usercluster.testsupport.JsonClient;
import dev.usercluster.testsupport.JsonClient.Answer;
import dev.usercluster.testsupport.TestServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every audited event writes one JSON line to {@value AuditLog#LOGGER} with the audit
 * fields, and nothing the follower logs holds a password or a token.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "spring.config.name=follower")
@Import(TestServers.class)
@ExtendWith(OutputCaptureExtension.class)
class AuditLogIntegrationTests {

	private static final String PASSWORD = "tulip quarry 1987 audit";

	private static final String WRONG_PASSWORD = "not the tulip quarry";

	private final String prefix = "a" + UUID.randomUUID().toString().substring(0, 8);

	private final String clientAddress = ApiClient.randomClientAddress();

	private final List<String> secrets = new ArrayList<>(List.of(PASSWORD, WRONG_PASSWORD));

	@LocalServerPort
	private int port;

	@Test
	void everyAuthEventWritesOneAuditLineAndNoSecretIsLogged(CapturedOutput output) {
		String name = this.prefix + "Eve";
		RegisterRequest account = new RegisterRequest(name, PASSWORD);
		LoginRequest body = new LoginRequest(name, PASSWORD, null);
		LoginRequest wrong = new LoginRequest(name, WRONG_PASSWORD, null);
		assertThat(send("reg-ok", "POST", "/users", account, null).statusCode()).isEqualTo(201);
		assertThat(send("reg-taken", "POST", "/users", account, null).statusCode()).isEqualTo(409);
		RegisterRequest common = new RegisterRequest(this.prefix + "x", "iloveyou");
		assertThat(send("reg-common", "POST", "/users", common, null).statusCode()).isEqualTo(400);
		Answer login = send("login-ok", "POST", "/sessions", body, null);
		assertThat(login.statusCode()).isEqualTo(201);
		String token = login.json().get("token").asString();
		this.secrets.add(token);
		assertThat(send("login-rule", "POST", "/sessions", body, null).statusCode()).isEqualTo(409);
		assertThat(send("heartbeat-bad", "PATCH", "/sessions/current", null, "Bearer " + "x".repeat(43)).statusCode())
			.isEqualTo(401);
		assertThat(send("admin-forbidden", "DELETE", "/admin/users/" + name + "/session", null, "Bearer " + token)
			.statusCode()).isEqualTo(403);
		assertThat(send("logout-ok", "DELETE", "/sessions/current", null, "Bearer " + token).statusCode())
			.isEqualTo(204);
		assertThat(send("logout-bad", "DELETE", "/sessions/current", null, "Bearer " + token).statusCode())
			.isEqualTo(401);
		for (int i = 1; i <= 5; i++) {
			assertThat(send("login-bad-" + i, "POST", "/sessions", wrong, null).statusCode()).isEqualTo(401);
		}
		assertThat(send("login-throttled", "POST", "/sessions", body, null).statusCode()).isEqualTo(429);

		List<JsonNode> lines = auditLines(output);
		assertThat(lines).extracting((line) -> line.get("requestId").asString())
			.containsExactly(ids("reg-ok", "reg-taken", "reg-common", "login-ok", "login-rule", "heartbeat-bad",
					"admin-forbidden", "logout-ok", "logout-bad", "login-bad-1", "login-bad-2", "login-bad-3",
					"login-bad-4", "login-bad-5", "login-throttled"));
		assertThat(lines).extracting((line) -> line.get("event").asString() + " " + line.get("outcome").asString())
			.containsExactly("register success", "register conflict", "register invalid", "login success",
					"login refused-by-session-rule", "heartbeat bad-credentials", "admin-end-session forbidden",
					"logout success", "logout bad-credentials", "login bad-credentials", "login bad-credentials",
					"login bad-credentials", "login bad-credentials", "login bad-credentials", "login throttled");
		for (JsonNode line : lines) {
			assertThat(line.get("@timestamp").asString()).isNotBlank();
			assertThat(line.get("clientAddress").asString()).isEqualTo(this.clientAddress);
			assertThat(line.get("instance").asString()).isEqualTo("127.0.0.1:" + this.port);
		}
		assertThat(lines.get(0).get("name").asString()).isEqualTo(name);
		assertThat(lines.get(7).get("name").asString()).isEqualTo(name);
		assertThat(lines.get(14).get("retryAfter").asInt()).isPositive();
		assertThat(lines.get(13).has("retryAfter")).isFalse();

		assertThat(output.getAll()).doesNotContain(this.secrets);
	}

	@Test
	void passwordChangesAndDeletionsWriteOneAuditLineEach(CapturedOutput output) {
		String name = this.prefix + "Pat";
		String newPassword = "a fresh pass 42";
		this.secrets.add(newPassword);
		assertThat(send("pw-reg", "POST", "/users", new RegisterRequest(name, PASSWORD), null).statusCode())
			.isEqualTo(201);
		Answer login = send("pw-login", "POST", "/sessions", new LoginRequest(name, PASSWORD, null), null);
		String token = ApiClient.json.readTree(login.body()).get("token").asString();
		this.secrets.add(token);
		assertThat(send("pw-wrong", "PUT", "/users/" + name + "/password",
				new PasswordChange(WRONG_PASSWORD, newPassword), "Bearer " + token)
			.statusCode()).isEqualTo(401);
		assertThat(send("pw-ok", "PUT", "/users/" + name + "/password", new PasswordChange(PASSWORD, newPassword),
				"Bearer " + token)
			.statusCode()).isEqualTo(204);
		assertThat(send("del-ok", "DELETE", "/users/" + name, null, "Bearer " + token).statusCode()).isEqualTo(204);
		assertThat(send("del-gone", "DELETE", "/users/" + name, null, "Bearer " + token).statusCode()).isEqualTo(401);

		List<JsonNode> lines = auditLines(output);
		assertThat(lines)
			.extracting((line) -> line.get("requestId").asString() + " " + line.get("event").asString() + " "
					+ line.get("outcome").asString())
			.containsExactly(this.prefix + "-pw-reg register success", this.prefix + "-pw-login login success",
					this.prefix + "-pw-wrong password-change bad-credentials",
					this.prefix + "-pw-ok password-change success", this.prefix + "-del-ok account-deletion success",
					this.prefix + "-del-gone account-deletion bad-credentials");
		assertThat(lines).allSatisfy((line) -> assertThat(line.get("name").asString()).isEqualTo(name));
		assertThat(output.getAll()).doesNotContain(this.secrets);
	}

	@Test
	void auditLinesCarryTheTraceOfTheirCall(CapturedOutput output) {
		String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
		String callerSpanId = "00f067aa0ba902b7";
		RegisterRequest account = new RegisterRequest(this.prefix + "Tom", PASSWORD);
		assertThat(send("traced", "POST", "/users", account, null, "00-" + traceId + "-" + callerSpanId + "-01")
			.statusCode()).isEqualTo(201);
		assertThat(send("untraced", "POST", "/users", account, null).statusCode()).isEqualTo(409);

		List<JsonNode> lines = auditLines(output);
		assertThat(lines).extracting((line) -> line.get("requestId").asString())
			.containsExactly(ids("traced", "untraced"));
		// ECS names; the span is the follower's own, a child of the caller's
		assertThat(lines.get(0).path("trace.id").asString()).isEqualTo(traceId);
		assertThat(lines.get(0).path("span.id").asString()).matches("[0-9a-f]{16}").isNotEqualTo(callerSpanId);
		assertThat(lines.get(1).path("trace.id").asString()).matches("[0-9a-f]{32}").isNotEqualTo(traceId);
		assertThat(lines).allSatisfy((line) -> assertThat(line.has("traceId") || line.has("spanId")).isFalse());
	}

	private String[] ids(String... steps) {
		return java.util.Arrays.stream(steps).map((step) -> this.prefix + "-" + step).toArray(String[]::new);
	}

	private List<JsonNode> auditLines(CapturedOutput output) {
		return output.getAll()
			.lines()
			.filter((line) -> line.startsWith("{") && line.contains(AuditLog.LOGGER))
			.map((line) -> ApiClient.json.readTree(line))
			.filter((line) -> line.path("requestId").asString("").startsWith(this.prefix + "-"))
			.toList();
	}

	private Answer send(String step, String method, String path, Object body, String authorization) {
		return send(step, method, path, body, authorization, null);
	}

	private Answer send(String step, String method, String path, Object body, String authorization,
			String traceparent) {
		return JsonClient.to("http://127.0.0.1:" + this.port + "/api/v1", Map.of())
			.send(method, path, body, (headers) -> {
				headers.set("X-Request-Id", this.prefix + "-" + step);
				headers.set("X-Forwarded-For", this.clientAddress);
				if (authorization != null) {
					headers.set("Authorization", authorization);
				}
				if (traceparent != null) {
					headers.set("traceparent", traceparent);
				}
			});
	}

}
