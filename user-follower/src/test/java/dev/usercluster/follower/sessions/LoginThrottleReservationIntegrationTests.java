package dev.usercluster.follower.sessions;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import dev.usercluster.api.ApiException;
import dev.usercluster.api.ProblemCode;
import dev.usercluster.testsupport.TestStores;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.redis.test.autoconfigure.DataRedisTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The throttle's reservation scripts against the real Redis (a Redis slice, no web layer
 * or hashing): however many attempts arrive at once, no more are let through than can
 * fail within the limits.
 */
@DataRedisTest
@Import(TestStores.class)
class LoginThrottleReservationIntegrationTests {

	@Autowired
	private StringRedisTemplate redis;

	private final ThrottleProperties properties = new ThrottleProperties(
			new ThrottleProperties.Name(5, Duration.ofMinutes(15), Duration.ofSeconds(1), Duration.ofMinutes(15)),
			new ThrottleProperties.Address(20, Duration.ofHours(1)),
			new ThrottleProperties.Registration(20, Duration.ofHours(1)));

	private LoginThrottle throttle;

	private final String run = UUID.randomUUID().toString().substring(0, 8);

	@BeforeEach
	void throttle() {
		this.throttle = new LoginThrottle(this.redis, this.properties, Clock.systemUTC(), new SimpleMeterRegistry());
	}

	@Test
	void ofTwoHundredConcurrentAttemptsForOneNameAtMostTheFailureLimitAreLetThrough() throws Exception {
		String name = "k" + this.run;
		List<Optional<LoginThrottle.Attempt>> attempts = concurrently(200, (i) -> address(i), (i) -> name);
		List<LoginThrottle.Attempt> reserved = attempts.stream().flatMap(Optional::stream).toList();
		assertThat(reserved).hasSize(5);
		reserved.forEach(this.throttle::recordFailure);
		// the fifth failure locked the name: the right password would not even be checked
		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> this.throttle.reserve(name, address(999)))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ProblemCode.TOO_MANY_ATTEMPTS));
	}

	@Test
	void releasedAttemptsNeitherCountNorBlock() {
		String name = "r" + this.run;
		for (int round = 0; round < 3; round++) {
			List<LoginThrottle.Attempt> held = new ArrayList<>();
			for (int i = 0; i < 5; i++) {
				held.add(this.throttle.reserve(name, address(i)));
			}
			assertThatExceptionOfType(ApiException.class).isThrownBy(() -> this.throttle.reserve(name, address(9)))
				.satisfies((ex) -> assertThat(ex.getHeaders().getFirst("Retry-After")).isEqualTo("1"));
			held.forEach(this.throttle::release);
		}
		LoginThrottle.Attempt success = this.throttle.reserve(name, address(0));
		this.throttle.reset(success);
		assertThat(this.redis.opsForZSet().size(SessionKeys.nameAttempts(name))).isZero();
	}

	@Test
	void ofTwoHundredConcurrentAttemptsFromOneAddressAtMostTheCapAreLetThrough() throws Exception {
		String address = "198.51.100." + this.run.hashCode() % 200 + "-" + this.run;
		List<Optional<LoginThrottle.Attempt>> attempts = concurrently(200, (i) -> address, (i) -> "n" + this.run + i);
		List<LoginThrottle.Attempt> reserved = attempts.stream().flatMap(Optional::stream).toList();
		assertThat(reserved).hasSize(20);
		reserved.forEach(this.throttle::recordFailure);
		assertThatExceptionOfType(ApiException.class)
			.isThrownBy(() -> this.throttle.reserve("another" + this.run, address))
			.satisfies((ex) -> assertThat(Long.parseLong(ex.getHeaders().getFirst("Retry-After"))).isGreaterThan(3500));
	}

	private List<Optional<LoginThrottle.Attempt>> concurrently(int count,
			java.util.function.IntFunction<String> address, java.util.function.IntFunction<String> name)
			throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(32);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Optional<LoginThrottle.Attempt>>> results = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				int n = i;
				results.add(pool.submit(() -> {
					start.await();
					try {
						return Optional.of(this.throttle.reserve(name.apply(n), address.apply(n)));
					}
					catch (ApiException ex) {
						assertThat(ex.code()).isEqualTo(ProblemCode.TOO_MANY_ATTEMPTS);
						return Optional.<LoginThrottle.Attempt>empty();
					}
				}));
			}
			start.countDown();
			List<Optional<LoginThrottle.Attempt>> attempts = new ArrayList<>();
			for (Future<Optional<LoginThrottle.Attempt>> result : results) {
				attempts.add(result.get(60, TimeUnit.SECONDS));
			}
			return attempts;
		}
		finally {
			pool.shutdownNow();
		}
	}

	private String address(int i) {
		return "203.0.113." + i + "/" + this.run;
	}

}
