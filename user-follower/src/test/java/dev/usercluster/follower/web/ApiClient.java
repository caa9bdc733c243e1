package dev.usercluster.follower.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls a follower's API over HTTP from one client address (sent as
 * {@code X-Forwarded-For}, which the follower believes from the local host).
 */
final class ApiClient {

	static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final String base;

	private final String clientAddress;

	/**
	 * A client address of its own (sent as {@code X-Forwarded-For}), so no other test's
	 * failed logins throttle the caller.
	 */
	static String randomClientAddress() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
	}

	ApiClient(int port, String clientAddress) {
		this.base = "http://127.0.0.1:" + port + "/api/v1";
		this.clientAddress = clientAddress;
	}

	HttpResponse<String> register(String name, String password) {
		return send("POST", "/users", json.writeValueAsString(Map.of("name", name, "password", password)), null);
	}

	HttpResponse<String> login(String name, String password) {
		return send("POST", "/sessions", json.writeValueAsString(Map.of("name", name, "password", password)), null);
	}

	HttpResponse<String> login(String name, String password, String endpoint) {
		return send("POST", "/sessions",
				json.writeValueAsString(Map.of("name", name, "password", password, "endpoint", endpoint)), null);
	}

	/** Log in and return the token, asserting a 201. */
	String token(String name, String password) {
		HttpResponse<String> response = login(name, password);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return body(response).get("token").asString();
	}

	HttpResponse<String> send(String method, String path, String authorization) {
		return send(method, path, null, authorization);
	}

	HttpResponse<String> send(String method, String path, String body, String authorization) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.timeout(Duration.ofSeconds(60))
			.header("Accept", "application/json")
			.header("X-Forwarded-For", this.clientAddress)
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody());
		if (body != null) {
			request.header("Content-Type", "application/json");
		}
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(method + " " + path + " failed", ex);
		}
	}

	static JsonNode body(HttpResponse<String> response) {
		return json.readTree(response.body());
	}

	static void assertProblem(HttpResponse<String> response, int status, String code) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
		assertThat(response.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(body(response).get("code").asString()).isEqualTo(code);
	}

	static String bearer(String token) {
		return "Bearer " + token;
	}

}
