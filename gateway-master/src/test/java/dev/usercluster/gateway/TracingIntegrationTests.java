package dev.usercluster.gateway;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Micrometer Tracing across the gateway and a follower in this JVM: the W3C
 * {@code traceparent} a client sends is joined by the gateway, whose own span is the
 * parent the follower is told of; a call without one gets a fresh trace that reaches the
 * follower too. Seen in the header the follower receives, in the follower's MDC while it
 * serves the call (what its log lines carry) and in the plain-text lines of both services
 * ({@code [requestId,traceId,spanId]}, here the {@code DispatcherServlet}'s debug lines).
 * The audit line's {@code trace.id} is checked on a follower alone
 * ({@code AuditLogIntegrationTests}); spans are exported only when asked
 * ({@code OtlpTraceExportIntegrationTests}).
 */
@ExtendWith(OutputCaptureExtension.class)
class TracingIntegrationTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	/** Writes a line per request on both services, inside the request's span. */
	private static final String REQUEST_LINES = "logging.level.org.springframework.web.servlet.DispatcherServlet";

	private static final Pattern TRACEPARENT = Pattern.compile("00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]");

	private static Cluster cluster;

	private final String prefix = "t" + UUID.randomUUID().toString().substring(0, 8);

	@BeforeAll
	static void startCluster() {
		// a registration hashes a password: more than the usual 2 s on a busy machine
		cluster = new Cluster(1, Map.of(REQUEST_LINES, "debug"),
				Map.of(REQUEST_LINES, "debug", "user-cluster.routing.read-timeout", "30s"));
	}

	@AfterAll
	static void stopCluster() {
		cluster.close();
	}

	@Test
	void clientTraceIsJoinedByTheGatewayAndItsSpanIsTheFollowersParent(CapturedOutput output) throws Exception {
		String traceId = hex(16);
		String clientSpanId = hex(8);
		String requestId = this.prefix + "-joined";
		HttpResponse<String> response = register(requestId, "00-" + traceId + "-" + clientSpanId + "-01");
		assertThat(response.statusCode()).isEqualTo(201);
		assertThat(response.headers().firstValue("X-Request-Id")).contains(requestId);

		Matcher sent = receivedTraceparent();
		assertThat(sent.group(1)).as("trace id the follower got").isEqualTo(traceId);
		String gatewayClientSpanId = sent.group(2);
		assertThat(gatewayClientSpanId).as("the follower's parent is the gateway's span, not the client's")
			.isNotEqualTo(clientSpanId);

		Map<String, String> followerLogged = cluster.followers().get(0).recorder().lastHeaders();
		assertThat(followerLogged).containsEntry(CallRecorder.LOGGED_TRACE_ID, traceId);
		String followerSpanId = followerLogged.get(CallRecorder.LOGGED_SPAN_ID);
		assertThat(followerSpanId).as("the follower's own span, a child")
			.matches("[0-9a-f]{16}")
			.isNotIn(clientSpanId, gatewayClientSpanId);

		Set<String> spansLogged = spansLogged(output, requestId, traceId);
		assertThat(spansLogged).as("span ids on the plain lines of both services")
			.contains(followerSpanId)
			.hasSize(2)
			.doesNotContain(clientSpanId, gatewayClientSpanId);
	}

	@Test
	void callWithoutTraceparentGetsAFreshTraceThatReachesTheFollower(CapturedOutput output) throws Exception {
		String requestId = this.prefix + "-fresh";
		assertThat(register(requestId, null).statusCode()).isEqualTo(201);

		Matcher sent = receivedTraceparent();
		String traceId = sent.group(1);
		assertThat(traceId).isNotEqualTo("0".repeat(32));

		Map<String, String> followerLogged = cluster.followers().get(0).recorder().lastHeaders();
		assertThat(followerLogged).containsEntry(CallRecorder.LOGGED_TRACE_ID, traceId);
		assertThat(spansLogged(output, requestId, traceId)).contains(followerLogged.get(CallRecorder.LOGGED_SPAN_ID))
			.hasSize(2);
	}

	@Test
	void eachCallWithoutTraceparentHasATraceOfItsOwn() throws Exception {
		assertThat(register(this.prefix + "-first", null).statusCode()).isEqualTo(201);
		String first = receivedTraceparent().group(1);
		assertThat(register(this.prefix + "-second", null).statusCode()).isEqualTo(201);
		assertThat(receivedTraceparent().group(1)).isNotEqualTo(first);
	}

	@Test
	void noSpanIsExportedByDefault() throws Exception {
		// a sampled call: spans are recorded, but no exporter sends them anywhere
		assertThat(register(this.prefix + "-sampled", "00-" + hex(16) + "-" + hex(8) + "-01").statusCode())
			.isEqualTo(201);
		assertThat(cluster.gateway().getBeansOfType(SpanExporter.class)).isEmpty();
		assertThat(cluster.followers().get(0).context().getBeansOfType(SpanExporter.class)).isEmpty();
	}

	private HttpResponse<String> register(String requestId, String traceparent) throws Exception {
		String body = json
			.writeValueAsString(Map.of("name", this.prefix + hex(4), "password", "marigold " + UUID.randomUUID()));
		HttpRequest.Builder request = HttpRequest.newBuilder(cluster.uri("/api/v1/users"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.header("X-Request-Id", requestId)
			.POST(HttpRequest.BodyPublishers.ofString(body));
		if (traceparent != null) {
			request.header("traceparent", traceparent);
		}
		return cluster.send(request);
	}

	private static Matcher receivedTraceparent() {
		String traceparent = cluster.followers().get(0).recorder().lastHeaders().get("traceparent");
		Matcher matcher = TRACEPARENT.matcher(traceparent);
		assertThat(matcher.matches()).as("traceparent the follower got: '%s'", traceparent).isTrue();
		return matcher;
	}

	/** The span ids on the plain-text lines of one request in one trace. */
	private static Set<String> spansLogged(CapturedOutput output, String requestId, String traceId) {
		Pattern correlation = Pattern.compile("\\[" + Pattern.quote(requestId) + "," + traceId + ",([0-9a-f]{16})\\] ");
		return output.getOut()
			.lines()
			.map(correlation::matcher)
			.filter(Matcher::find)
			.map((matcher) -> matcher.group(1))
			.collect(Collectors.toSet());
	}

	private static String hex(int bytes) {
		byte[] random = new byte[bytes];
		ThreadLocalRandom.current().nextBytes(random);
		return HexFormat.of().formatHex(random);
	}

}
