package dev.usercluster.gateway;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

/**
 * What the test clients do against the gateway, and what they expect.
 */
public final class Scenarios {

	private Scenarios() {
	}

	/**
	 * Register a new user.
	 * @param calls the gateway client
	 * @return the scenario
	 */
	public static CallStream.Scenario registration(Calls calls) {
		return (step) -> step.call(() -> expect(register(calls, newName()), 201));
	}

	/**
	 * A user's whole visit: register, log in, who am I, heartbeat, log out.
	 * @param calls the gateway client
	 * @return the scenario
	 */
	public static CallStream.Scenario visit(Calls calls) {
		return (step) -> {
			String name = newName();
			String[] token = new String[1];
			boolean ok = step.call(() -> expect(register(calls, name), 201)) && step.call(() -> {
				HttpResponse<String> login = calls.post("/api/v1/sessions", Map.of("name", name, "password", PASSWORD));
				String failure = expect(login, 201);
				token[0] = (failure == null) ? Calls.body(login).get("token").asString() : null;
				return failure;
			});
			if (ok) {
				step.call(() -> expect(calls.get("/api/v1/sessions/current", token[0]), 200));
				step.call(() -> expect(calls.patch("/api/v1/sessions/current", token[0]), 200));
				step.call(() -> expect(calls.get("/api/v1/users/" + name, token[0]), 200));
				step.call(() -> expect(calls.delete("/api/v1/sessions/current", token[0]), 204));
			}
		};
	}

	private static final String PASSWORD = "password1";

	public static String newName() {
		return "u" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
	}

	public static HttpResponse<String> register(Calls calls, String name) {
		return calls.post("/api/v1/users", Map.of("name", name, "password", PASSWORD));
	}

	/**
	 * Describe an unexpected answer.
	 * @param response the answer
	 * @param status the expected status
	 * @return null when the status is the expected one, otherwise a description
	 */
	public static String expect(HttpResponse<String> response, int status) {
		if (response.statusCode() == status) {
			return null;
		}
		return response.request().method() + " " + response.request().uri().getPath() + " -> " + response.statusCode()
				+ " " + response.body();
	}

}
