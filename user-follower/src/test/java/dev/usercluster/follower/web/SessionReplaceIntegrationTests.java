package dev.usercluster.follower.web;

import java.util.UUID;

import dev.usercluster.follower.paging.Cursor;
import dev.usercluster.testsupport.TestServers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static dev.usercluster.testsupport.Problems.assertProblem;
import static dev.usercluster.follower.web.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code replace} single-session policy: a new login ends the old session.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=follower", "user-cluster.sessions.policy=replace" })
@Import(TestServers.class)
class SessionReplaceIntegrationTests {

	private static final String PASSWORD = "pass-word-1";

	private final String name = "x" + UUID.randomUUID().toString().substring(0, 8);

	@LocalServerPort
	private int port;

	private ApiClient api;

	@BeforeEach
	void registered() {
		this.api = new ApiClient(this.port, "10.9.9.9");
		assertThat(this.api.register(this.name, PASSWORD).statusCode()).isEqualTo(201);
	}

	@Test
	void newLoginEndsTheOldSession() {
		String old = this.api.token(this.name, PASSWORD);
		String current = this.api.token(this.name.toUpperCase(), PASSWORD);
		assertProblem(this.api.send("GET", "/sessions/current", bearer(old)), 401, "invalid-session");
		assertProblem(this.api.send("PATCH", "/sessions/current", bearer(old)), 401, "invalid-session");
		assertProblem(this.api.send("DELETE", "/sessions/current", bearer(old)), 401, "invalid-session");
		assertThat(this.api.send("GET", "/sessions/current", bearer(current)).statusCode()).isEqualTo(200);
	}

	@Test
	void wrongPasswordDoesNotReplace() {
		String current = this.api.token(this.name, PASSWORD);
		assertProblem(this.api.login(this.name, "wrong-password"), 401, "invalid-credentials");
		assertThat(this.api.send("GET", "/sessions/current", bearer(current)).statusCode()).isEqualTo(200);
	}

	@Test
	void onlineListShowsOnlyTheNewSession() {
		this.api.token(this.name, PASSWORD);
		String current = this.api.token(this.name, PASSWORD);
		// a position just before this name, so the page starts at it
		String after = Cursor.encode(this.name.substring(0, this.name.length() - 1) + "\0");
		JsonNode page = ApiClient.body(this.api.send("GET", "/sessions?limit=2&after=" + after, bearer(current)));
		assertThat(page.get("items").get(0).get("name").asString()).isEqualTo(this.name);
		assertThat(page.get("items").size() < 2 || !page.get("items").get(1).get("name").asString().equals(this.name))
			.isTrue();
	}

}
