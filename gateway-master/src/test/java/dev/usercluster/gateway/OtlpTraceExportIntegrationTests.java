package dev.usercluster.gateway;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With {@code management.opentelemetry.tracing.export.otlp.endpoint} set, both services
 * send their spans by OTLP over HTTP: here to a real HTTP server in this JVM that takes
 * {@code POST /v1/traces} as a collector does. A sampled call through the gateway makes
 * spans of its trace arrive from the gateway and from the follower. (With the defaults
 * nothing is exported: {@code TracingIntegrationTests}.)
 */
class OtlpTraceExportIntegrationTests {

	private static final String ENDPOINT = "management.opentelemetry.tracing.export.otlp.endpoint";

	/** Not a setting the export needs: only makes the test quick (default 5 s). */
	private static final String SCHEDULE_DELAY = "management.opentelemetry.tracing.export.schedule-delay";

	private static final List<Export> exports = new CopyOnWriteArrayList<>();

	private static HttpServer collector;

	private static Cluster cluster;

	@BeforeAll
	static void startCollectorAndCluster() throws IOException {
		collector = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		collector.createContext("/v1/traces", OtlpTraceExportIntegrationTests::receive);
		collector.start();
		String endpoint = "http://127.0.0.1:" + collector.getAddress().getPort() + "/v1/traces";
		cluster = new Cluster(1, Map.of(ENDPOINT, endpoint, SCHEDULE_DELAY, "200ms",
				// cheap hashes: the registration must stay inside the test read timeout
				"user-cluster.passwords.memory-kib", "1024", "user-cluster.passwords.iterations", "1"),
				Map.of(ENDPOINT, endpoint, SCHEDULE_DELAY, "200ms"));
	}

	@AfterAll
	static void stop() {
		if (cluster != null) {
			cluster.close();
		}
		collector.stop(0);
	}

	@Test
	void aSampledCallThroughTheGatewaySendsItsSpansFromBothServices() throws Exception {
		byte[] traceId = new byte[16];
		ThreadLocalRandom.current().nextBytes(traceId);
		String traceparent = "00-" + HexFormat.of().formatHex(traceId) + "-"
				+ HexFormat.of().formatHex(new byte[] { 1, 2, 3, 4, 5, 6, 7, 8 }) + "-01";
		String name = "otlp" + UUID.randomUUID().toString().substring(0, 8);
		HttpRequest.Builder register = HttpRequest.newBuilder(cluster.uri("/api/v1/users"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("traceparent", traceparent)
			.POST(HttpRequest.BodyPublishers
				.ofString("{\"name\":\"" + name + "\",\"password\":\"marigold " + UUID.randomUUID() + "\"}"));
		assertThat(cluster.send(register).statusCode()).isEqualTo(201);

		// OTLP protobuf: the trace id is 16 raw bytes, service.name a UTF-8 string
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			assertThat(exports).anySatisfy((export) -> assertThat(export.spansOf(traceId, "gateway-master")).isTrue());
			assertThat(exports).anySatisfy((export) -> assertThat(export.spansOf(traceId, "user-follower")).isTrue());
		});
		assertThat(exports).allSatisfy((export) -> {
			assertThat(export.method()).isEqualTo("POST");
			assertThat(export.contentType()).isEqualTo("application/x-protobuf");
		});
	}

	private static void receive(HttpExchange exchange) throws IOException {
		try {
			exports.add(new Export(exchange.getRequestMethod(), exchange.getRequestHeaders().getFirst("Content-Type"),
					exchange.getRequestBody().readAllBytes()));
			// an empty ExportTraceServiceResponse: every span accepted
			exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
			exchange.sendResponseHeaders(200, -1);
		}
		finally {
			exchange.close();
		}
	}

	/** One export request as the collector received it. */
	record Export(String method, String contentType, byte[] body) {

		boolean spansOf(byte[] traceId, String service) {
			// one byte a char, so a byte sequence is found as a substring
			String body = new String(this.body, StandardCharsets.ISO_8859_1);
			return body.contains(new String(traceId, StandardCharsets.ISO_8859_1)) && body.contains(service);
		}

	}

}
