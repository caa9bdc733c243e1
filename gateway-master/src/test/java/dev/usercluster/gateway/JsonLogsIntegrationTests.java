package dev.usercluster.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import dev.usercluster.testsupport.TestServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One property, {@code logging.structured.format.console=ecs}, turns every log line of a
 * service into a JSON object that carries the call's request id and trace (the same Boot
 * property on the follower; plain lines are {@code TracingIntegrationTests}').
 */
@ExtendWith(OutputCaptureExtension.class)
class JsonLogsIntegrationTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@Test
	void oneLoggingPropertyMakesEveryLineJsonWithTheRequestIdAndTrace(CapturedOutput output) throws Exception {
		String requestId = "json-" + UUID.randomUUID().toString().substring(0, 8);
		byte[] trace = new byte[16];
		ThreadLocalRandom.current().nextBytes(trace);
		String traceId = HexFormat.of().formatHex(trace);
		try (ConfigurableApplicationContext gateway = GatewayApplication.builder()
			.run(Cluster.arguments(TestServers.gateway()
				.with("server.port", "0")
				.with("logging.structured.format.console", "ecs")
				// a line per request, written inside the request's span
				.with("logging.level.org.springframework.web.servlet.DispatcherServlet", "debug")))) {
			HttpResponse<String> health = HttpClient.newHttpClient()
				.send(HttpRequest
					.newBuilder(URI.create("http://127.0.0.1:" + Cluster.port(gateway) + "/actuator/health/liveness"))
					.timeout(Duration.ofSeconds(10))
					.header("X-Request-Id", requestId)
					.header("traceparent", "00-" + traceId + "-0102030405060708-01")
					.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(health.statusCode()).isEqualTo(200);
		}
		List<String> lines = output.getOut()
			.lines()
			.dropWhile((line) -> !line.contains("Tomcat started") && !line.contains("Started "))
			.filter((line) -> !line.isBlank())
			.toList();
		assertThat(lines).isNotEmpty().allSatisfy((line) -> assertThat(line).startsWith("{").endsWith("}"));
		List<JsonNode> ofTheCall = lines.stream()
			.map(json::readTree)
			.filter((line) -> requestId.equals(line.path("requestId").asString(null)))
			.toList();
		assertThat(ofTheCall).isNotEmpty().allSatisfy((line) -> {
			assertThat(line.path("trace.id").asString(null)).isEqualTo(traceId);
			assertThat(line.path("span.id").asString(null)).matches("[0-9a-f]{16}");
			assertThat(line.has("@timestamp")).isTrue();
		});
	}

}
