package dev.usercluster.follower.sessions;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Throttling of failed logins, per name (consecutive failures lock it with a doubling
 * back-off) and per client address (a failure cap per window). All decisions use the
 * application's {@link Clock}; Redis expiry only collects the garbage.
 */
@Component
class LoginThrottle {

	/**
	 * The scripts' class loader, named: a resource without one binds to the thread's
	 * context class loader when this class loads, which in a JVM running several
	 * applications (tests, the local cluster) can be a stopped web server's.
	 */
	private static final ClassLoader SCRIPTS = LoginThrottle.class.getClassLoader();

	private static final RedisScript<Long> nameFailure = RedisScript
		.of(new ClassPathResource("scripts/throttle-name-failure.lua", SCRIPTS), Long.class);

	private static final RedisScript<Long> addressFailure = RedisScript
		.of(new ClassPathResource("scripts/throttle-address-failure.lua", SCRIPTS), Long.class);

	private final StringRedisTemplate redis;

	private final ThrottleProperties properties;

	private final Clock clock;

	LoginThrottle(StringRedisTemplate redis, ThrottleProperties properties, Clock clock) {
		this.redis = redis;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * How long the caller must wait before this name may be tried from this address.
	 * @return the wait, empty when an attempt may proceed
	 */
	Optional<Duration> wait(String nameKey, String clientAddress) {
		long now = this.clock.millis();
		long until = 0;
		Object lockedUntil = this.redis.opsForHash().get(SessionKeys.nameFailures(nameKey), "lockedUntil");
		if (lockedUntil != null) {
			until = Long.parseLong((String) lockedUntil);
		}
		List<Object> window = this.redis.opsForHash()
			.multiGet(SessionKeys.addressFailures(addressDigest(clientAddress)), List.of("start", "count"));
		if (window.get(0) != null && window.get(1) != null
				&& Long.parseLong((String) window.get(1)) >= this.properties.address().failures()) {
			until = Math.max(until,
					Long.parseLong((String) window.get(0)) + this.properties.address().window().toMillis());
		}
		return (until > now) ? Optional.of(Duration.ofMillis(until - now)) : Optional.empty();
	}

	/** Count a failed login (a 401) against the name and the address. */
	void recordFailure(String nameKey, String clientAddress) {
		ThrottleProperties.Name name = this.properties.name();
		String now = Long.toString(this.clock.millis());
		this.redis.execute(nameFailure,
				List.of(SessionKeys.nameFailures(nameKey), SessionKeys.nameFailureTimes(nameKey)), now,
				Integer.toString(name.failures()), Long.toString(name.window().toMillis()),
				Long.toString(name.firstLock().toMillis()), Long.toString(name.maxLock().toMillis()));
		this.redis.execute(addressFailure, List.of(SessionKeys.addressFailures(addressDigest(clientAddress))), now,
				Long.toString(this.properties.address().window().toMillis()));
	}

	/** Forget the name's failures after a successful login. */
	void reset(String nameKey) {
		this.redis.delete(List.of(SessionKeys.nameFailures(nameKey), SessionKeys.nameFailureTimes(nameKey)));
	}

	// bounded, uniform key length whatever a proxy put in X-Forwarded-For
	private static String addressDigest(String clientAddress) {
		return HexFormat.of().formatHex(SessionToken.sha256(clientAddress.getBytes(StandardCharsets.UTF_8)), 0, 16);
	}

}
