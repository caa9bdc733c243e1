package dev.usercluster.follower.sessions;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.usercluster.api.SessionView;

import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * The live session of each user, in Redis. Every operation touches the keys of one user
 * only, which share one hash tag and so one Redis Cluster slot; every write is one Lua
 * script with all its keys declared.
 */
@Component
class SessionStore {

	/**
	 * The scripts' class loader, named: a resource without one binds to the thread's
	 * context class loader when this class loads, which in a JVM running several
	 * applications (tests, the local cluster) can be a stopped web server's.
	 */
	private static final ClassLoader SCRIPTS = SessionStore.class.getClassLoader();

	/** Rounds before giving up when other logins keep changing a session. */
	private static final int ATTEMPTS = 64;

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> loginScript = RedisScript
		.of(new ClassPathResource("scripts/session-login.lua", SCRIPTS), List.class);

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> heartbeatScript = RedisScript
		.of(new ClassPathResource("scripts/session-heartbeat.lua", SCRIPTS), List.class);

	private static final RedisScript<Long> endScript = RedisScript
		.of(new ClassPathResource("scripts/session-end.lua", SCRIPTS), Long.class);

	private final StringRedisTemplate redis;

	SessionStore(StringRedisTemplate redis) {
		this.redis = redis;
	}

	/**
	 * Start a session under a policy.
	 * @return {@code false} when the policy refuses it because a session lives
	 */
	boolean start(SessionToken token, String nameKey, SessionPolicy policy, SessionView session, long ttlMillis) {
		String key = SessionKeys.session(nameKey);
		String newTokenKey = SessionKeys.token(token.hashTag(), token.digest());
		String seen = "";
		if (policy == SessionPolicy.REPLACE) {
			Object current = this.redis.opsForHash().get(key, "token");
			seen = (current != null) ? (String) current : "";
		}
		// each failed attempt means another login won a round, so this ends
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			// the old token key is declared even when there is none (a placeholder in the
			// same slot), so the script never touches an undeclared key
			List<String> keys = List.of(key, newTokenKey,
					SessionKeys.token(token.hashTag(), seen.isEmpty() ? "none" : seen));
			List<?> outcome = this.redis.execute(loginScript, keys, policy.name().toLowerCase(Locale.ROOT), seen,
					token.digest(), nameKey, session.name(), (session.endpoint() != null) ? session.endpoint() : "",
					Long.toString(session.createdAt().toEpochMilli()),
					Long.toString(session.expiresAt().toEpochMilli()), Long.toString(ttlMillis));
			long status = ((Number) outcome.get(0)).longValue();
			if (status >= 0) {
				return status == 1;
			}
			seen = (String) outcome.get(1);
		}
		throw new ConcurrencyFailureException("The session of a user kept changing during a login");
	}

	/** The live session a token belongs to. */
	Optional<StoredSession> find(SessionToken token) {
		String nameKey = this.redis.opsForValue().get(SessionKeys.token(token.hashTag(), token.digest()));
		if (nameKey == null || !SessionToken.hashTagOf(nameKey).equals(token.hashTag())) {
			return Optional.empty();
		}
		return find(nameKey).filter((session) -> session.digest().equals(token.digest()));
	}

	/** The live session of a user. */
	Optional<StoredSession> find(String nameKey) {
		return Optional
			.ofNullable(StoredSession.from(nameKey, this.redis.opsForHash().entries(SessionKeys.session(nameKey))));
	}

	/** Extend a token's session; empty when the token is no longer live. */
	Optional<SessionView> extend(SessionToken token, String nameKey, long expiresAtMillis, long ttlMillis) {
		List<?> fields = this.redis.execute(heartbeatScript,
				List.of(SessionKeys.session(nameKey), SessionKeys.token(token.hashTag(), token.digest())),
				token.digest(), Long.toString(expiresAtMillis), Long.toString(ttlMillis));
		if (fields == null || fields.isEmpty() || fields.get(0) == null) {
			return Optional.empty();
		}
		return Optional.of(StoredSession.view((String) fields.get(0), (String) fields.get(1), (String) fields.get(2),
				(String) fields.get(3)));
	}

	/** End the session of a token; {@code false} when it was not live. */
	boolean end(String hashTag, String digest, String nameKey) {
		Long ended = this.redis.execute(endScript,
				List.of(SessionKeys.session(nameKey), SessionKeys.token(hashTag, digest)), digest);
		return ended != null && ended == 1;
	}

	/**
	 * End whatever session a user has; the digest of its token, empty when there is none.
	 */
	Optional<String> endAny(String nameKey) {
		String hashTag = SessionToken.hashTagOf(nameKey);
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			Object digest = this.redis.opsForHash().get(SessionKeys.session(nameKey), "token");
			if (digest == null) {
				return Optional.empty();
			}
			if (end(hashTag, (String) digest, nameKey)) {
				return Optional.of((String) digest);
			}
		}
		throw new ConcurrencyFailureException("The session of a user kept changing during a forced logout");
	}

	/** Which of these users have a live session: one pipelined round trip. */
	List<Boolean> live(Collection<String> nameKeys) {
		List<Object> replies = this.redis.executePipelined((RedisCallback<Object>) (connection) -> {
			for (String nameKey : nameKeys) {
				connection.keyCommands().exists(SessionKeys.session(nameKey).getBytes(StandardCharsets.UTF_8));
			}
			return null;
		});
		return replies.stream()
			.map((reply) -> Boolean.TRUE.equals(reply) || (reply instanceof Long n && n > 0))
			.toList();
	}

	/** The sessions of these users, in order, {@code null} for those without one. */
	List<StoredSession> findAll(List<String> nameKeys) {
		List<Object> replies = this.redis.executePipelined((RedisCallback<Object>) (connection) -> {
			for (String nameKey : nameKeys) {
				connection.hashCommands().hGetAll(SessionKeys.session(nameKey).getBytes(StandardCharsets.UTF_8));
			}
			return null;
		});
		List<StoredSession> sessions = new ArrayList<>();
		for (int i = 0; i < nameKeys.size(); i++) {
			sessions.add(StoredSession.from(nameKeys.get(i), (Map<?, ?>) replies.get(i)));
		}
		return sessions;
	}

}
