package dev.usercluster.follower.web;

import java.time.Duration;
import java.util.UUID;

import dev.usercluster.testsupport.JsonClient.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static dev.usercluster.testsupport.Problems.assertProblem;
import static dev.usercluster.follower.web.ApiClient.bearer;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Throttling of failed logins, driven by a clock the tests move (no sleeping).
 */
@FollowerWithTestClock
class LoginThrottleIntegrationTests {

	private static final String PASSWORD = "pass-word-1";

	private static final String WRONG = "wrong-password";

	private final String prefix = "t" + UUID.randomUUID().toString().substring(0, 8);

	@LocalServerPort
	private int port;

	@Autowired
	private MutableClock clock;

	private ApiClient api;

	@BeforeEach
	void client() {
		this.api = new ApiClient(this.port, ApiClient.randomClientAddress());
	}

	@Test
	void fifthFailureLocksTheNameForASecondAndEvenTheRightPasswordIsRefused() {
		String name = user("lock");
		for (int i = 0; i < 5; i++) {
			assertProblem(this.api.login(name, WRONG), 401, "invalid-credentials");
		}
		Answer locked = this.api.login(name, PASSWORD);
		assertProblem(locked, 429, "too-many-attempts");
		assertThat(locked.headers().firstValue("Retry-After")).contains("1");
		// the lock is per name: another address is refused too
		assertProblem(new ApiClient(this.port, ApiClient.randomClientAddress()).login(name, PASSWORD), 429,
				"too-many-attempts");
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.api.login(name, PASSWORD).statusCode()).isEqualTo(201);
	}

	@Test
	void eachFurtherFailureDoublesTheLock() {
		String name = user("double");
		for (int i = 0; i < 5; i++) {
			this.api.login(name, WRONG);
		}
		this.clock.advance(Duration.ofSeconds(1));
		assertProblem(this.api.login(name, WRONG), 401, "invalid-credentials");
		this.clock.advance(Duration.ofMillis(500));
		Answer locked = this.api.login(name, PASSWORD);
		assertProblem(locked, 429, "too-many-attempts");
		assertThat(locked.headers().firstValue("Retry-After")).contains("2");
		this.clock.advance(Duration.ofMillis(1500));
		assertProblem(this.api.login(name, WRONG), 401, "invalid-credentials");
		assertThat(this.api.login(name, PASSWORD).headers().firstValue("Retry-After")).contains("4");
	}

	@Test
	void lockDoublesUpToFifteenMinutes() {
		String name = user("cap");
		for (int i = 1; i <= 15; i++) {
			// a fresh address each time keeps the address cap out of the way
			assertProblem(new ApiClient(this.port, ApiClient.randomClientAddress()).login(name, WRONG), 401,
					"invalid-credentials");
			if (i >= 5) {
				Answer locked = this.api.login(name, PASSWORD);
				assertProblem(locked, 429, "too-many-attempts");
				long expected = Math.min(1L << (i - 5), 900);
				assertThat(locked.headers().firstValue("Retry-After")).as("after failure %d", i)
					.contains(Long.toString(expected));
				this.clock.advance(Duration.ofSeconds(expected));
			}
		}
	}

	@Test
	void aQuietWindowForgetsTheStreak() {
		String name = user("quiet");
		for (int i = 0; i < 5; i++) {
			this.api.login(name, WRONG);
		}
		this.clock.advance(Duration.ofHours(2));
		// a quiet window forgets the streak: four more failures do not lock
		for (int i = 0; i < 4; i++) {
			assertProblem(this.api.login(name, WRONG), 401, "invalid-credentials");
		}
		assertThat(this.api.login(name, PASSWORD).statusCode()).isEqualTo(201);
	}

	@Test
	void failuresSpreadOverMoreThanFifteenMinutesDoNotLock() {
		String name = user("slow");
		for (int i = 0; i < 6; i++) {
			assertProblem(this.api.login(name, WRONG), 401, "invalid-credentials");
			this.clock.advance(Duration.ofMinutes(4));
		}
		assertThat(this.api.login(name, PASSWORD).statusCode()).isEqualTo(201);
	}

	@Test
	void successResetsTheCountButConflictsNeitherCountNorReset() {
		String name = user("reset");
		for (int i = 0; i < 4; i++) {
			this.api.login(name, WRONG);
		}
		String token = this.api.token(name, PASSWORD);
		for (int i = 0; i < 4; i++) {
			assertProblem(this.api.login(name, WRONG), 401, "invalid-credentials");
		}
		assertProblem(this.api.login(name, PASSWORD), 409, "already-logged-in");
		this.api.send("DELETE", "/sessions/current", bearer(token));
		assertProblem(this.api.login(name, PASSWORD.toUpperCase()), 401, "invalid-credentials");
		assertProblem(this.api.login(name, PASSWORD), 429, "too-many-attempts");
	}

	@Test
	void addressIsRefusedAfterItsFailureCapUntilTheWindowHasPassed() {
		for (int i = 0; i < FollowerWithTestClock.ADDRESS_FAILURES; i++) {
			// a new name each time, so no name lock interferes
			assertProblem(this.api.login(this.prefix + "ghost" + i, WRONG), 401, "invalid-credentials");
		}
		String name = user("victim");
		Answer refused = this.api.login(name, PASSWORD);
		assertProblem(refused, 429, "too-many-attempts");
		assertThat(refused.headers().firstValue("Retry-After")).contains("3600");
		assertThat(new ApiClient(this.port, ApiClient.randomClientAddress()).login(name, PASSWORD).statusCode())
			.isEqualTo(201);
		this.clock.advance(Duration.ofMinutes(59));
		assertProblem(this.api.login(this.prefix + "ghost", PASSWORD), 429, "too-many-attempts");
		this.clock.advance(Duration.ofMinutes(1));
		assertProblem(this.api.login(this.prefix + "ghost", PASSWORD), 401, "invalid-credentials");
	}

	private String user(String suffix) {
		String name = this.prefix + suffix;
		assertThat(this.api.register(name, PASSWORD).statusCode()).isEqualTo(201);
		return name;
	}

}
