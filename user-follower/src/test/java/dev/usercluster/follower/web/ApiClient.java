package dev.usercluster.follower.web;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import dev.usercluster.api.LoginRequest;
import dev.usercluster.api.RegisterRequest;
import dev.usercluster.testsupport.JsonClient;
import dev.usercluster.testsupport.JsonClient.Answer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Calls a follower's API over HTTP from one client address (sent as
 * {@code X-Forwarded-For}, which the follower believes from the local host), with the
 * contract's request records as bodies.
 */
final class ApiClient {

	static final JsonMapper json = JsonMapper.builder().build();

	private final JsonClient client;

	/**
	 * A client address of its own (sent as {@code X-Forwarded-For}), so no other test's
	 * failed logins throttle the caller.
	 */
	static String randomClientAddress() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(1, 255);
	}

	ApiClient(int port, String clientAddress) {
		this.client = JsonClient.to("http://127.0.0.1:" + port + "/api/v1",
				Map.of("Accept", "application/json", "X-Forwarded-For", clientAddress));
	}

	Answer register(String name, String password) {
		return send("POST", "/users", new RegisterRequest(name, password), null);
	}

	Answer login(String name, String password) {
		return send("POST", "/sessions", new LoginRequest(name, password, null), null);
	}

	Answer login(String name, String password, String endpoint) {
		return send("POST", "/sessions", new LoginRequest(name, password, endpoint), null);
	}

	/** Log in and return the token, asserting a 201. */
	String token(String name, String password) {
		Answer response = login(name, password);
		assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
		return body(response).get("token").asString();
	}

	Answer send(String method, String path, String authorization) {
		return send(method, path, null, authorization);
	}

	Answer send(String method, String path, Object body, String authorization) {
		return this.client.send(method, path, body, authorization);
	}

	/** Post a body as it is, for tests of malformed or non-JSON bodies. */
	Answer post(String path, String body, String contentType) {
		return this.client.send("POST", path, body, (headers) -> headers.set("Content-Type", contentType));
	}

	static JsonNode body(Answer response) {
		return response.json();
	}

	static String bearer(String token) {
		return "Bearer " + token;
	}

}
