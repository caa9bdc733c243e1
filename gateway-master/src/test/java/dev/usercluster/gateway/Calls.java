package dev.usercluster.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client of the gateway's public API for tests: plain JDK HTTP, JSON bodies.
 */
public final class Calls {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final String base;

	public Calls(int port) {
		this.base = "http://127.0.0.1:" + port;
	}

	public HttpResponse<String> post(String path, Map<String, ?> body) {
		return send(request(path, null).POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
			.header("Content-Type", "application/json"));
	}

	public HttpResponse<String> get(String path, String token) {
		return send(request(path, token).GET());
	}

	public HttpResponse<String> patch(String path, String token) {
		return send(request(path, token).method("PATCH", HttpRequest.BodyPublishers.noBody()));
	}

	public HttpResponse<String> delete(String path, String token) {
		return send(request(path, token).DELETE());
	}

	public HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public HttpRequest.Builder request(String path, String token) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Accept", "application/json");
		return (token != null) ? request.header("Authorization", "Bearer " + token) : request;
	}

	public static JsonNode body(HttpResponse<String> response) {
		return json.readTree(response.body());
	}

}
