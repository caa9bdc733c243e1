package dev.usercluster.api.web;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.usercluster.testsupport.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What only a real container shows: chunked bodies (no {@code Content-Length}) and errors
 * that reach Boot's {@code /error} dispatch.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "user-cluster.web.max-body-size=1KB")
class ApiWebServerTests {

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@LocalServerPort
	private int port;

	@Test
	void chunkedBodyUnderTheLimitIsRead() throws Exception {
		HttpResponse<String> response = post(chunked(body(500)));
		assertThat(response.statusCode()).isEqualTo(201);
	}

	@Test
	void chunkedBodyOverTheLimitIsTooLarge() throws Exception {
		HttpResponse<String> response = post(chunked(body(64 * 1024)));
		assertProblem(response, 413, "payload-too-large");
	}

	@Test
	void declaredBodyOverTheConfiguredLimitIsTooLarge() throws Exception {
		HttpResponse<String> response = post(HttpRequest.BodyPublishers.ofString(body(1100)));
		assertProblem(response, 413, "payload-too-large");
	}

	@Test
	void containerErrorPageIsAProblemWithoutInternals() throws Exception {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(uri("/test/send-error")).header("Accept", "application/json").build(),
				HttpResponse.BodyHandlers.ofString());
		assertProblem(response, 400, "invalid-request");
		assertThat(response.body()).doesNotContain("secret").doesNotContain("trace").doesNotContain("exception");
	}

	private HttpResponse<String> post(BodyPublisher body) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(uri("/test/users"))
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.POST(body)
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	/** A valid registration of about {@code size} bytes (padded by an ignored field). */
	private static String body(int size) {
		String json = "{\"name\":\"alice\",\"password\":\"password1\",\"pad\":\"%s\"}";
		return json.formatted("a".repeat(Math.max(1, size - json.length())));
	}

	private static BodyPublisher chunked(String body) {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		// no length known in advance: the client sends Transfer-Encoding: chunked
		return HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes));
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

}
