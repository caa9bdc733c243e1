package dev.usercluster.systemtests;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Single calls of the test's own, besides the load, to see what one call gets at a given
 * moment of a fault and to time a recovery precisely: a user registered and logged in up
 * front (for whoami) and a second one registered only (for login).
 */
final class Probe {

	private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([A-Za-z0-9_-]+)\"");

	private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([a-z-]+)\"");

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private final URI gateway;

	private final String prefix;

	private final String token;

	private final java.util.concurrent.atomic.AtomicInteger logins = new java.util.concurrent.atomic.AtomicInteger();

	/**
	 * What one call was answered: its status and problem code (or -1 and the failure).
	 */
	record Result(int status, String code, String body) {

		boolean isStoreUnavailable() {
			return this.status == 503 && "store-unavailable".equals(this.code);
		}

		@Override
		public String toString() {
			return this.status + ((this.code != null) ? " " + this.code : "");
		}

	}

	Probe(URI gateway, String prefix) throws Exception {
		this.gateway = gateway;
		this.prefix = prefix;
		String name = prefix + "who";
		require(register(name), 201);
		Result login = login(name);
		require(login, 201);
		Matcher token = TOKEN.matcher(login.body());
		token.find();
		this.token = token.group(1);
		for (int i = 0; i < 50; i++) {
			require(register(prefix + "in" + i), 201);
		}
	}

	/** Whoami with the probe's live session. */
	Result whoami() {
		return send(HttpRequest.newBuilder(this.gateway.resolve("/api/v1/sessions/current"))
			.header("Authorization", "Bearer " + this.token));
	}

	/** A login of the next registered probe user who has not logged in yet. */
	Result login() {
		return login(this.prefix + "in" + (this.logins.getAndIncrement() % 50));
	}

	/** A new registration. */
	Result register() {
		return register(this.prefix + "r" + System.nanoTime() % 1_000_000_000L);
	}

	private Result register(String name) {
		return send(post("/api/v1/users", name));
	}

	private Result login(String name) {
		return send(post("/api/v1/sessions", name));
	}

	private HttpRequest.Builder post(String path, String name) {
		String body = "{\"name\":\"" + name + "\",\"password\":\"probe-password-" + Integer.toHexString(name.hashCode())
				+ "\"}";
		return HttpRequest.newBuilder(this.gateway.resolve(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body));
	}

	private Result send(HttpRequest.Builder request) {
		try {
			HttpResponse<String> response = this.http.send(request.timeout(Duration.ofSeconds(20)).build(),
					HttpResponse.BodyHandlers.ofString());
			Matcher code = CODE.matcher(response.body());
			return new Result(response.statusCode(), code.find() ? code.group(1) : null, response.body());
		}
		catch (Exception ex) {
			return new Result(-1, null, ex.toString());
		}
	}

	private static void require(Result result, int status) {
		if (result.status() != status) {
			throw new IllegalStateException("Probe set-up answered " + result + ": " + result.body());
		}
	}

}
