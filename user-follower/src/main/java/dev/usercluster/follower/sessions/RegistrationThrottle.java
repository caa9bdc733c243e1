package dev.usercluster.follower.sessions;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.usercluster.api.ApiException;
import dev.usercluster.api.ProblemCode;

import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * Registrations per client address: a fixed number of attempts per window, taken
 * atomically in Redis before the password is hashed, so concurrent attempts never exceed
 * it. Every valid registration request counts, whatever its answer (a flood of
 * {@code name-taken} probes is as unwelcome as one of new accounts), except one refused
 * as {@code overloaded}, which gives its attempt back so the gateway may repeat it
 * elsewhere.
 */
@Component
public class RegistrationThrottle {

	private static final Logger logger = LoggerFactory.getLogger(RegistrationThrottle.class);

	private static final RedisScript<Long> take = RedisScript.of(
			new ClassPathResource("scripts/throttle-window-take.lua", RegistrationThrottle.class.getClassLoader()),
			Long.class);

	/** Only into a live window: a lapsed one must not come back without its expiry. */
	private static final RedisScript<Long> giveBack = RedisScript.of(
			"if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('HINCRBY', KEYS[1], 'count', -1) end return 0",
			Long.class);

	private final StringRedisTemplate redis;

	private final ThrottleProperties.Registration properties;

	private final Clock clock;

	private final ClientAddress clientAddress;

	RegistrationThrottle(StringRedisTemplate redis, ThrottleProperties properties, Clock clock,
			ClientAddress clientAddress) {
		this.clientAddress = clientAddress;
		this.redis = redis;
		this.properties = properties.registration();
		this.clock = clock;
	}

	/**
	 * Run a registration as one attempt of the current request's client address.
	 * @param registration the registration
	 * @param <T> what it returns
	 * @return what the registration returned
	 * @throws ApiException {@code too-many-attempts} with {@code Retry-After} when the
	 * address has used up its window (the registration does not run)
	 */
	public <T> T throttled(Supplier<T> registration) {
		String client = this.clientAddress.current();
		take(client);
		try {
			return registration.get();
		}
		catch (ApiException ex) {
			if (ex.code() == ProblemCode.OVERLOADED) {
				giveBack(client);
			}
			throw ex;
		}
	}

	void take(String clientAddress) {
		long wait = this.redis.execute(take, List.of(key(clientAddress)), Long.toString(this.clock.millis()),
				Integer.toString(this.properties.attempts()), Long.toString(this.properties.window().toMillis()));
		if (wait > 0) {
			throw new ApiException(ProblemCode.TOO_MANY_ATTEMPTS, "Too many registrations. Try again later.")
				.retryAfter(Duration.ofMillis(wait));
		}
	}

	// never throws: the caller's own error is what the client must see
	void giveBack(String clientAddress) {
		try {
			this.redis.execute(giveBack, List.of(key(clientAddress)));
		}
		catch (RuntimeException ex) {
			logger.warn("Could not give a registration attempt back: {}", ex.toString());
		}
	}

	private static String key(String clientAddress) {
		return SessionKeys.registrations(SessionKeys.addressDigest(clientAddress));
	}

}
