package dev.usercluster.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The tests' HTTP client for a JSON API: a {@link RestClient} that sends request bodies
 * (records, maps) as JSON through Jackson and answers every status as an {@link Answer}
 * instead of throwing, so a test asserts on problems as on successes. A {@code String}
 * body is sent as it is, for tests of malformed JSON.
 */
public final class JsonClient {

	private static final JsonMapper json = JsonMapper.builder().build();

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private final RestClient client;

	private final String baseUrl;

	private JsonClient(RestClient client, String baseUrl) {
		this.client = client;
		this.baseUrl = baseUrl;
	}

	/**
	 * A client for the API under a base URL.
	 * @param baseUrl the URL every path is relative to, such as
	 * {@code http://127.0.0.1:8080/api/v1}
	 * @param defaultHeaders headers sent with every call, such as {@code X-Forwarded-For}
	 * @return the client
	 */
	public static JsonClient to(String baseUrl, Map<String, String> defaultHeaders) {
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build());
		requests.setReadTimeout(TIMEOUT);
		RestClient client = RestClient.builder()
			.requestFactory(requests)
			.defaultHeaders((headers) -> defaultHeaders.forEach(headers::set))
			.build();
		return new JsonClient(client, baseUrl);
	}

	/**
	 * Call the API.
	 * @param method the HTTP method
	 * @param path the path below the base URL, with its query
	 * @param body the body (sent as JSON), or {@code null} for none
	 * @param authorization the {@code Authorization} header, or {@code null} for none
	 * @return the answer, whatever its status
	 */
	public Answer send(String method, String path, Object body, String authorization) {
		return send(method, path, body, (headers) -> {
			if (authorization != null) {
				headers.set("Authorization", authorization);
			}
		});
	}

	/**
	 * Call the API with headers of the call's own.
	 * @param method the HTTP method
	 * @param path the path below the base URL, with its query
	 * @param body the body (sent as JSON), or {@code null} for none
	 * @param headers sets the call's headers
	 * @return the answer, whatever its status
	 */
	public Answer send(String method, String path, Object body,
			Consumer<org.springframework.http.HttpHeaders> headers) {
		// the path as given, not a URI template: tests send queries encoded, some wrongly
		// on purpose
		RestClient.RequestBodySpec request = this.client.method(HttpMethod.valueOf(method))
			.uri(URI.create(this.baseUrl + path));
		if (body != null) {
			request.contentType(MediaType.APPLICATION_JSON).body(body);
		}
		return request.headers(headers).exchange((sent, response) -> {
			Map<String, List<String>> received = new LinkedHashMap<>();
			response.getHeaders().forEach(received::put);
			return new Answer(response.getStatusCode().value(), HttpHeaders.of(received, (name, value) -> true),
					new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8));
		}, true);
	}

	/**
	 * One answer of the API.
	 *
	 * @param statusCode its status
	 * @param headers its headers
	 * @param body its body, empty when it had none
	 */
	public record Answer(int statusCode, HttpHeaders headers, String body) {

		/**
		 * The body as JSON.
		 * @return the parsed body
		 */
		public JsonNode json() {
			return JsonClient.json.readTree(this.body);
		}

		/**
		 * A header's first value.
		 * @param name the header's name
		 * @return its first value, if it was sent
		 */
		public Optional<String> header(String name) {
			return this.headers.firstValue(name);
		}

		@Override
		public String toString() {
			return this.statusCode + " " + this.body;
		}

	}

}
