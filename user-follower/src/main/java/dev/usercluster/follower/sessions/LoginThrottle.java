package dev.usercluster.follower.sessions;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.usercluster.api.ApiException;
import dev.usercluster.api.ProblemCode;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Throttling of failed logins, per name (consecutive failures lock it with a doubling
 * back-off) and per client address (a failure cap per window).
 *
 * <p>
 * An attempt is reserved in Redis before its password is checked, atomically with the
 * check of the limits (one script on the name's slot, one on the address's), so however
 * many attempts run at once, no more can fail than the limits allow: the rest are refused
 * at once. The reservation then becomes a failure ({@link #recordFailure}), a reset
 * ({@link #reset}) or is given back ({@link #release}); one that is never settled (a
 * follower died) lapses by itself. All decisions use the application's {@link Clock};
 * Redis expiry only collects the garbage.
 */
@Component
class LoginThrottle {

	private static final Logger logger = LoggerFactory.getLogger(LoginThrottle.class);

	/** Longer than any attempt takes (hash wait, hash, Redis), short enough to heal. */
	private static final Duration RESERVATION_LAPSE = Duration.ofSeconds(30);

	/** Retry-After while the attempts in flight may still use up the limit. */
	private static final Duration BUSY_WAIT = Duration.ofSeconds(1);

	private static final RedisScript<Long> nameReserve = script("throttle-name-reserve.lua");

	private static final RedisScript<Long> nameFailure = script("throttle-name-failure.lua");

	private static final RedisScript<Long> addressReserve = script("throttle-address-reserve.lua");

	private static final RedisScript<Long> addressFailure = script("throttle-address-failure.lua");

	private final StringRedisTemplate redis;

	private final ThrottleProperties properties;

	private final Clock clock;

	private final Counter nameLocks;

	private final Counter addressLocks;

	LoginThrottle(StringRedisTemplate redis, ThrottleProperties properties, Clock clock, MeterRegistry registry) {
		this.redis = redis;
		this.properties = properties;
		this.clock = clock;
		this.nameLocks = lockCounter(registry, "name");
		this.addressLocks = lockCounter(registry, "address");
	}

	private static Counter lockCounter(MeterRegistry registry, String scope) {
		return Counter.builder("user.cluster.throttle.locks")
			.description("Locks imposed by failed logins, per name or per client address")
			.tag("scope", scope)
			.register(registry);
	}

	/**
	 * Reserve an attempt for this name from this address.
	 * @param nameKey the name key tried
	 * @param clientAddress the client's address (see {@code ClientAddress})
	 * @return the reservation, to be settled exactly once
	 * @throws ApiException {@code too-many-attempts} with {@code Retry-After} when either
	 * limit is reached or could be reached by attempts in flight
	 */
	Attempt reserve(String nameKey, String clientAddress) {
		Attempt attempt = new Attempt(nameKey, SessionKeys.addressDigest(clientAddress), UUID.randomUUID().toString());
		long now = this.clock.millis();
		String lapsesAt = Long.toString(now + RESERVATION_LAPSE.toMillis());
		String busy = Long.toString(BUSY_WAIT.toMillis());
		ThrottleProperties.Address address = this.properties.address();
		long wait = this.redis.execute(addressReserve, attempt.addressKeys(), Long.toString(now),
				Integer.toString(address.failures()), Long.toString(address.window().toMillis()), attempt.id(),
				lapsesAt, busy);
		if (wait > 0) {
			throw tooMany(wait);
		}
		ThrottleProperties.Name name = this.properties.name();
		try {
			wait = this.redis.execute(nameReserve, attempt.nameKeys(), Long.toString(now),
					Integer.toString(name.failures()), Long.toString(name.window().toMillis()), attempt.id(), lapsesAt,
					busy);
		}
		catch (RuntimeException ex) {
			releaseAddress(attempt);
			throw ex;
		}
		if (wait > 0) {
			releaseAddress(attempt);
			throw tooMany(wait);
		}
		return attempt;
	}

	/** Settle an attempt as a failed login (a 401), against the name and the address. */
	void recordFailure(Attempt attempt) {
		ThrottleProperties.Name name = this.properties.name();
		String now = Long.toString(this.clock.millis());
		Long lockedUntil = this.redis.execute(nameFailure, attempt.nameKeys(), now, Integer.toString(name.failures()),
				Long.toString(name.window().toMillis()), Long.toString(name.firstLock().toMillis()),
				Long.toString(name.maxLock().toMillis()), attempt.id());
		Long count = this.redis.execute(addressFailure, attempt.addressKeys(), now,
				Long.toString(this.properties.address().window().toMillis()), attempt.id());
		// the name script answers the new lock's end (0: none), the address script the
		// window's count, which locks when it reaches the limit
		if (lockedUntil != null && lockedUntil > 0) {
			this.nameLocks.increment();
		}
		if (count != null && count == this.properties.address().failures()) {
			this.addressLocks.increment();
		}
	}

	/** Settle an attempt as a successful login: the name's failures are forgotten. */
	void reset(Attempt attempt) {
		this.redis.delete(
				List.of(SessionKeys.nameFailures(attempt.nameKey()), SessionKeys.nameFailureTimes(attempt.nameKey())));
		release(attempt);
	}

	/**
	 * Give an attempt back without counting it (409, 429, an error); never throws, as a
	 * reservation that cannot be given back lapses by itself.
	 */
	void release(Attempt attempt) {
		try {
			this.redis.opsForZSet().remove(SessionKeys.nameAttempts(attempt.nameKey()), attempt.id());
		}
		catch (RuntimeException ex) {
			logger.warn("Could not release a login reservation of a name (it lapses by itself): {}", ex.toString());
		}
		releaseAddress(attempt);
	}

	private void releaseAddress(Attempt attempt) {
		try {
			this.redis.opsForZSet().remove(SessionKeys.addressAttempts(attempt.addressDigest()), attempt.id());
		}
		catch (RuntimeException ex) {
			logger.warn("Could not release a login reservation of an address (it lapses by itself): {}", ex.toString());
		}
	}

	private static ApiException tooMany(long waitMillis) {
		return new ApiException(ProblemCode.TOO_MANY_ATTEMPTS, "Too many failed logins. Try again later.")
			.retryAfter(Duration.ofMillis(waitMillis));
	}

	// the class's own loader: a context class loader (a stopped Tomcat's, when several
	// applications share a JVM) would be captured by these static scripts
	private static RedisScript<Long> script(String name) {
		return RedisScript.of(new ClassPathResource("scripts/" + name, LoginThrottle.class.getClassLoader()),
				Long.class);
	}

	/**
	 * A reserved login attempt.
	 *
	 * @param nameKey the name key tried
	 * @param addressDigest digest of the client address
	 * @param id the reservation's id in both sets of attempts in flight
	 */
	record Attempt(String nameKey, String addressDigest, String id) {

		List<String> nameKeys() {
			return List.of(SessionKeys.nameFailures(this.nameKey), SessionKeys.nameFailureTimes(this.nameKey),
					SessionKeys.nameAttempts(this.nameKey));
		}

		List<String> addressKeys() {
			return List.of(SessionKeys.addressFailures(this.addressDigest),
					SessionKeys.addressAttempts(this.addressDigest));
		}

	}

}
