package dev.usercluster.gateway;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import static dev.usercluster.gateway.HostileValues.pick;

/**
 * A seeded generator of malformed, oversized, wrongly typed and oddly encoded HTTP
 * requests against every endpoint. The same seed gives the same requests, byte for byte.
 *
 * <p>
 * Two rules keep the stored data checkable: a well-formed login never names one of the
 * {@code witnesses} (a failed login would rightly change their throttle state), and the
 * valid {@code actorToken} and the admin token are never sent to end a session of a
 * witness or the actor.
 */
final class HostileRequests {

	private static final List<Endpoint> ENDPOINTS = List.of(new Endpoint("POST", "/api/v1/users", Body.REGISTER),
			new Endpoint("POST", "/api/v1/sessions", Body.LOGIN),
			new Endpoint("GET", "/api/v1/sessions/current", Body.NONE),
			new Endpoint("PATCH", "/api/v1/sessions/current", Body.NONE),
			new Endpoint("DELETE", "/api/v1/sessions/current", Body.NONE),
			new Endpoint("GET", "/api/v1/users/{name}", Body.NONE),
			new Endpoint("GET", "/api/v1/users/{name}/session", Body.NONE),
			new Endpoint("GET", "/api/v1/users", Body.NONE), new Endpoint("GET", "/api/v1/sessions", Body.NONE),
			new Endpoint("DELETE", "/api/v1/admin/users/{name}/session", Body.NONE),
			new Endpoint("PUT", "/error", Body.NONE), new Endpoint("GET", "/v3/api-docs", Body.NONE),
			new Endpoint("GET", "/actuator/health/readiness", Body.NONE));

	private final SplittableRandom random;

	private final String host;

	private final String prefix;

	private final String actorToken;

	private final String adminToken;

	private final List<String> witnesses;

	/**
	 * @param seed the seed
	 * @param host the {@code Host} header of a well-formed request
	 * @param prefix prefix of every name a valid registration may create
	 * @param actorToken a live session token the fuzzer may use (whoami, heartbeat,
	 * lists)
	 * @param adminToken the admin credential
	 * @param witnesses names whose stored data must not change
	 */
	HostileRequests(long seed, String host, String prefix, String actorToken, String adminToken,
			List<String> witnesses) {
		this.random = new SplittableRandom(seed);
		this.host = host;
		this.prefix = prefix;
		this.actorToken = actorToken;
		this.adminToken = adminToken;
		this.witnesses = witnesses;
	}

	HostileRequest next(int index) {
		Endpoint endpoint = pick(this.random, ENDPOINTS);
		List<String> notes = new ArrayList<>();
		String method = endpoint.method();
		if (chance(0.15)) {
			method = pick(this.random, HostileValues.METHODS);
			notes.add("method");
		}
		String name = name(notes);
		String target = endpoint.path().replace("{name}", name);
		if (chance(0.12)) {
			target = pick(this.random, HostileValues.PATHS);
			notes.add("path");
		}
		if (chance(endpoint.path().endsWith("/users") || endpoint.path().endsWith("/sessions") ? 0.6 : 0.08)) {
			target += "?" + pick(this.random, HostileValues.QUERIES);
			notes.add("query");
		}
		String authorization = authorization(notes);
		boolean endsSession = method.equals("DELETE") && target.contains("/session");
		boolean protectedName = this.witnesses.stream().anyMatch(target::contains);
		if (endsSession && authorization != null && (authorization.contains(this.actorToken)
				|| (authorization.contains(this.adminToken) && (protectedName || !target.contains(this.prefix))))) {
			authorization = "Bearer " + token();
		}
		byte[] body = (endpoint.body() != Body.NONE || chance(0.05)) ? body(endpoint.body(), notes) : null;
		return new HostileRequest(index, method, assemble(method, target, authorization, body, notes),
				String.join(",", notes));
	}

	private String name(List<String> notes) {
		double roll = this.random.nextDouble();
		if (roll < 0.3) {
			notes.add("name");
			return pick(this.random, HostileValues.NAME_SEGMENTS);
		}
		if (roll < 0.5) {
			return pick(this.random, this.witnesses);
		}
		return this.prefix + this.random.nextInt(100_000);
	}

	private String authorization(List<String> notes) {
		double roll = this.random.nextDouble();
		if (roll < 0.15) {
			return null;
		}
		if (roll < 0.45) {
			return "Bearer " + this.actorToken;
		}
		if (roll < 0.5) {
			return "Bearer " + this.adminToken;
		}
		notes.add("authorization");
		return switch (this.random.nextInt(16)) {
			case 0 -> "Bearer";
			case 1 -> "Bearer ";
			case 2 -> "bearer " + this.actorToken;
			case 3 -> "Basic YWxhZGRpbjpvcGVuc2VzYW1l";
			case 4 -> "Bearer " + this.actorToken + "x";
			case 5 -> "Bearer " + this.actorToken.substring(0, 42);
			case 6 -> "Bearer " + "A".repeat(1 + this.random.nextInt(12_000));
			case 7 -> "Bearer " + pick(this.random, HostileValues.STRINGS).replaceAll("[\r\n]", "");
			case 8 -> "Bearer a b c";
			case 9 -> "Bearer\t" + this.actorToken;
			case 10 -> "Negotiate YII=";
			case 11 -> "Bearer " + this.actorToken + "\u00FF\u0080";
			case 12 -> "Bearer " + token() + "==";
			case 13 -> "Bearer " + this.actorToken + "\r\nAuthorization: Bearer " + token();
			case 14 -> "Bearer  " + this.actorToken;
			default -> "Bearer " + token();
		};
	}

	private String token() {
		byte[] bytes = new byte[32];
		this.random.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private byte[] body(Body kind, List<String> notes) {
		double roll = this.random.nextDouble();
		if (roll < 0.55) {
			notes.add("fields");
			return utf8(object(kind));
		}
		notes.add("body");
		return switch (this.random.nextInt(18)) {
			case 0 -> utf8("{\"name\":" + value() + ",\"name\":" + value() + ",\"password\":" + value() + "}");
			case 1 -> utf8("[".repeat(1 + this.random.nextInt(15_000)));
			case 2 -> utf8("{\"name\":" + "{\"a\":".repeat(1 + this.random.nextInt(2500)) + "1"
					+ "}".repeat(this.random.nextInt(2500)) + "}");
			case 3 -> utf8(object(kind).substring(0, 1 + this.random.nextInt(10)));
			case 4 -> utf8(pick(this.random, List.of("{", "}", "", " ", "nul", "{'name':'a'}", "{\"name\":\"a\",}",
					"/* c */{}", "{}{}", "\"\"", "[]", "0", "{\"name\" \"a\"}", "{\"password\":\"x\"")));
			case 5 -> concat(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF }, utf8(object(kind)));
			case 6 -> concat(utf8("{\"name\":\""), new byte[] { (byte) 0xFF, (byte) 0xFE, (byte) 0xED, (byte) 0xA0,
					(byte) 0x80, (byte) 0xC0, (byte) 0xAF }, utf8("\",\"password\":\"pass-word-1\"}"));
			case 7 -> object(kind).getBytes(StandardCharsets.UTF_16);
			case 8 -> utf8("{\"name\":\"" + "x".repeat(17_000 + this.random.nextInt(80_000)) + "\"}");
			case 9 -> utf8("name=a&password=b");
			case 10 -> utf8("{\"name\":\"a\u0000b\",\"password\":\"pass\u0000word\"}");
			case 11 -> utf8("{\"name\":" + HostileValues.jsonString(HostileValues.combiningFlood(this.random))
					+ ",\"password\":\"pass-word-1\"}");
			case 12 -> utf8("{" + "\"f%d\":1,".repeat(1200).formatted(seq(1200)) + "\"name\":\"a\"}");
			case 13 -> utf8("{\"name\":1" + "0".repeat(this.random.nextInt(5000)) + "}");
			case 14 -> utf8("{\"name\":\"a\",\"password\":\"pass-word-1\"}\n{\"name\":\"b\"}");
			case 15 -> utf8(pick(this.random, HostileValues.STRINGS));
			case 16 -> randomBytes(1 + this.random.nextInt(3000));
			default -> utf8("{\"name\":[" + "[".repeat(400) + "]}");
		};
	}

	private static Object[] seq(int count) {
		Object[] numbers = new Object[count];
		for (int i = 0; i < count; i++) {
			numbers[i] = i;
		}
		return numbers;
	}

	/** A JSON object with the endpoint's fields, each valid, hostile or wrongly typed. */
	private String object(Body kind) {
		boolean login = kind == Body.LOGIN;
		String validName = this.prefix + this.random.nextInt(100_000);
		String name = switch (this.random.nextInt(4)) {
			case 0 -> value();
			case 1 -> HostileValues.jsonString(HostileValues.combiningFlood(this.random));
			case 2 -> HostileValues.jsonString(validName);
			default -> HostileValues.jsonString(validName + pick(this.random, HostileValues.STRINGS));
		};
		String password = switch (this.random.nextInt(3)) {
			case 0 -> value();
			case 1 -> HostileValues.jsonString("password-" + this.random.nextInt(1000));
			default -> HostileValues.jsonString(pick(this.random, HostileValues.STRINGS) + "12345678");
		};
		if (login && this.witnesses.stream().anyMatch(name::contains)) {
			name = HostileValues.jsonString(validName);
		}
		StringBuilder json = new StringBuilder("{\"name\":").append(name).append(",\"password\":").append(password);
		if (login && chance(0.5)) {
			json.append(",\"endpoint\":").append(chance(0.5) ? value() : "\"10.0.0.7:7000\"");
		}
		if (chance(0.1)) {
			json.append(",\"admin\":true,\"id\":1");
		}
		if (!login && chance(0.1)) {
			// a name that is taken, told in another case
			json = new StringBuilder("{\"name\":")
				.append(HostileValues.jsonString(pick(this.random, this.witnesses).toUpperCase(Locale.ROOT)))
				.append(",\"password\":")
				.append(password);
		}
		return json.append('}').toString();
	}

	private String value() {
		return chance(0.5) ? pick(this.random, HostileValues.JSON_VALUES)
				: HostileValues.jsonString(pick(this.random, HostileValues.STRINGS));
	}

	private byte[] assemble(String method, String target, String authorization, byte[] body, List<String> notes) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		String version = "HTTP/1.1";
		if (chance(0.03)) {
			version = pick(this.random, List.of("HTTP/1.0", "HTTP/2.0", "HTTP/1.2", "", "http/1.1", "HTTP/1.1 x"));
			notes.add("version");
		}
		write(out, method + " " + target + (version.isEmpty() ? "" : " " + version) + "\r\n");
		header(out, "Host", chance(0.97) ? this.host
				: pick(this.random, List.of("", "evil.example", "[::1", this.host + "\r\nHost: evil.example")));
		header(out, "Connection", "close");
		if (authorization != null) {
			header(out, "Authorization", authorization);
		}
		if (chance(0.2)) {
			notes.add("forwarded-for");
			header(out, "X-Forwarded-For", pick(this.random, HostileValues.FORWARDED_FOR));
		}
		if (chance(0.2)) {
			notes.add("request-id");
			header(out, "X-Request-Id", pick(this.random, HostileValues.REQUEST_IDS));
		}
		if (chance(0.3)) {
			header(out, "Accept", pick(this.random, HostileValues.ACCEPTS));
		}
		if (chance(0.1)) {
			notes.add("header");
			extraHeader(out);
		}
		if (body != null) {
			header(out, "Content-Type",
					chance(0.75) ? "application/json" : pick(this.random, HostileValues.CONTENT_TYPES));
			if (chance(0.1)) {
				notes.add("chunked");
				header(out, "Transfer-Encoding", "chunked");
				write(out, "\r\n");
				write(out, Integer.toHexString(body.length) + "\r\n");
				out.writeBytes(body);
				write(out, "\r\n0\r\n\r\n");
				return out.toByteArray();
			}
			header(out, "Content-Length", Integer.toString(body.length));
		}
		write(out, "\r\n");
		if (body != null) {
			out.writeBytes(body);
		}
		return out.toByteArray();
	}

	private void extraHeader(ByteArrayOutputStream out) {
		switch (this.random.nextInt(14)) {
			case 0 -> header(out, "Cookie", "a=" + "b".repeat(9000 + this.random.nextInt(20_000)));
			case 1 -> {
				for (int i = 0; i < 120; i++) {
					header(out, "X-Many-" + i, "v".repeat(80));
				}
			}
			case 2 -> header(out, "X-Control", "a\u0001b\u007f");
			case 3 -> write(out, "Bad Header: x\r\n");
			case 4 -> write(out, "NoColon\r\n");
			case 5 -> write(out, "X-Folded: a\r\n continued\r\n");
			case 6 -> header(out, "X-Latin", "\u00E9\u00FF");
			case 7 -> header(out, "Transfer-Encoding", "gzip");
			case 8 -> header(out, "Expect", pick(this.random, List.of("100-continue", "garbage")));
			case 9 -> header(out, "Upgrade", pick(this.random, List.of("h2c", "websocket")));
			case 10 -> header(out, "X-HTTP-Method-Override", "DELETE");
			case 11 -> header(out, "traceparent", pick(this.random, HostileValues.STRINGS).replaceAll("[\r\n]", ""));
			case 12 -> write(out, "X-Bare-CR: a\rb\r\n");
			default -> header(out, "Content-Encoding", "gzip");
		}
	}

	private static void header(ByteArrayOutputStream out, String name, String value) {
		write(out, name + ": " + value + "\r\n");
	}

	/** Header and request-line text goes out as ISO-8859-1: one byte per char. */
	private static void write(ByteArrayOutputStream out, String text) {
		out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
	}

	private boolean chance(double probability) {
		return this.random.nextDouble() < probability;
	}

	private byte[] randomBytes(int length) {
		byte[] bytes = new byte[length];
		this.random.nextBytes(bytes);
		return bytes;
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	private enum Body {

		NONE, REGISTER, LOGIN

	}

	private record Endpoint(String method, String path, Body body) {
	}

	/**
	 * One generated request.
	 *
	 * @param index its position in the run, for reproduction
	 * @param method the request method
	 * @param bytes the request as it goes on the wire
	 * @param notes which parts were made hostile
	 */
	record HostileRequest(int index, String method, byte[] bytes, String notes) {

		/** The request line and headers, printable, for a failure report. */
		String head() {
			String text = new String(this.bytes, StandardCharsets.ISO_8859_1);
			int end = text.indexOf("\r\n\r\n");
			String head = (end >= 0) ? text.substring(0, end) : text;
			head = (head.length() > 600) ? head.substring(0, 600) + "..." : head;
			return head.replace("\r", "\\r").replace("\n", "\\n ");
		}

	}

}
