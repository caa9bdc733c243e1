package dev.usercluster.follower.sessions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

import dev.usercluster.api.ApiException;
import dev.usercluster.api.ProblemCode;
import dev.usercluster.testsupport.TestStores;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.redis.test.autoconfigure.DataRedisTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The registration throttle's window script against the real Redis (a Redis slice): a
 * fixed number of attempts per address and window, given back only into a live window.
 */
@DataRedisTest
@Import(TestStores.class)
class RegistrationThrottleIntegrationTests {

	private static final Duration WINDOW = Duration.ofMinutes(10);

	@Autowired
	private StringRedisTemplate redis;

	private static final Instant START = Instant.parse("2026-06-01T10:00:00Z");

	private final String address = "192.0.2." + UUID.randomUUID();

	@Test
	void takesTheCapThenRefusesUntilTheWindowEnds() {
		for (int i = 0; i < 3; i++) {
			throttle(3, START).take(this.address);
		}
		RegistrationThrottle fourMinutesLater = throttle(3, START.plus(Duration.ofMinutes(4)));
		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> fourMinutesLater.take(this.address))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ProblemCode.TOO_MANY_ATTEMPTS))
			.satisfies((ex) -> assertThat(ex.getHeaders().getFirst("Retry-After")).isEqualTo("360"));
		fourMinutesLater.take("another " + this.address);
		throttle(3, START.plus(WINDOW)).take(this.address);
	}

	@Test
	void anAttemptGivenBackCanBeTakenAgain() {
		RegistrationThrottle throttle = throttle(1, START);
		throttle.take(this.address);
		throttle.giveBack(this.address);
		throttle.take(this.address);
		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> throttle.take(this.address));
	}

	@Test
	void givingBackWithoutAWindowLeavesNoKeyBehind() {
		throttle(1, START).giveBack(this.address);
		assertThat(this.redis.hasKey(SessionKeys.registrations(SessionKeys.addressDigest(this.address)))).isFalse();
	}

	private RegistrationThrottle throttle(int attempts, Instant now) {
		ThrottleProperties properties = new ThrottleProperties(
				new ThrottleProperties.Name(5, Duration.ofMinutes(15), Duration.ofSeconds(1), Duration.ofMinutes(15)),
				new ThrottleProperties.Address(20, Duration.ofHours(1)),
				new ThrottleProperties.Registration(attempts, WINDOW));
		return new RegistrationThrottle(this.redis, properties, Clock.fixed(now, ZoneOffset.UTC), new ClientAddress());
	}

}
