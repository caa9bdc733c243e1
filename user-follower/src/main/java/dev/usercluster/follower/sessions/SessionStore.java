package dev.usercluster.follower.sessions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.usercluster.api.SessionView;

import org.jspecify.annotations.Nullable;
import org.springframework.core.io.ClassPathResource;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.ReturnType;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;
import org.springframework.util.StreamUtils;

/**
 * The live sessions of each user, in Redis. A user's keys share the hash tag of the
 * user's shard ({@link SessionKeys}), so one Redis Cluster slot with the shard's indexes
 * and event stream; every change is one Lua script that decides on the user's sessions,
 * updates the indexes and writes the change's presence event, all at once.
 */
@Component
class SessionStore {

	/**
	 * The scripts' class loader, named: a resource without one binds to the thread's
	 * context class loader when this class loads, which in a JVM running several
	 * applications (tests, the local cluster) can be a stopped web server's.
	 */
	private static final ClassLoader SCRIPTS = SessionStore.class.getClassLoader();

	private static final String COMMON = read("session-common.lua");

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> loginScript = script("session-login.lua", List.class);

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> heartbeatScript = script("session-heartbeat.lua", List.class);

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> endScript = script("session-end.lua", List.class);

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> endUserScript = script("session-end-user.lua", List.class);

	@SuppressWarnings("rawtypes")
	private static final RedisScript<List> listScript = script("session-list.lua", List.class);

	private final StringRedisTemplate redis;

	private final SessionProperties properties;

	private final PresenceMetrics metrics;

	SessionStore(StringRedisTemplate redis, SessionProperties properties, PresenceMetrics metrics) {
		this.redis = redis;
		this.properties = properties;
		this.metrics = metrics;
	}

	/**
	 * Start a session under the user's limit and a policy, with its {@code online} event.
	 * @return {@code false} when the policy refuses it: the user has as many live
	 * sessions as allowed
	 */
	boolean start(SessionToken token, String nameKey, SessionView session, long nowMillis) {
		long keep = session.expiresAt().toEpochMilli() - nowMillis + this.properties.expiredKept().toMillis();
		Object started = result(
				this.redis.execute(loginScript, keys(nameKey, SessionKeys.session(token.shardTag(), token.digest())),
						args(nameKey, nowMillis, this.properties.policy().name().toLowerCase(Locale.ROOT),
								Integer.toString(this.properties.maxPerUser()), token.digest(), session.name(),
								(session.endpoint() != null) ? session.endpoint() : "",
								Long.toString(session.createdAt().toEpochMilli()),
								Long.toString(session.expiresAt().toEpochMilli()), Long.toString(keep))));
		return Long.valueOf(1).equals(started);
	}

	/** The live session a token belongs to: one read. */
	Optional<StoredSession> find(SessionToken token, long nowMillis) {
		Map<Object, Object> hash = this.redis.opsForHash()
			.entries(SessionKeys.session(token.shardTag(), token.digest()));
		return Optional.ofNullable(StoredSession.from(token.digest(), hash))
			.filter((session) -> SessionToken.hashTagOf(session.nameKey()).equals(token.hashTag()))
			.filter((session) -> session.view().expiresAt().toEpochMilli() > nowMillis);
	}

	/**
	 * Extend a token's session to now + TTL, never past its creation + the maximum
	 * lifetime; empty when the token is no longer live.
	 */
	Optional<SessionView> extend(SessionToken token, String nameKey, long nowMillis) {
		List<?> fields = this.redis.execute(heartbeatScript,
				keys(nameKey, SessionKeys.session(token.shardTag(), token.digest())),
				args(nameKey, nowMillis, Long.toString(this.properties.ttl().toMillis()),
						Long.toString(this.properties.maxLifetime().toMillis()),
						Long.toString(this.properties.expiredKept().toMillis())));
		if (fields == null || fields.isEmpty() || fields.get(0) == null) {
			return Optional.empty();
		}
		return Optional.of(StoredSession.view((String) fields.get(0), (String) fields.get(1), (String) fields.get(2),
				(String) fields.get(3)));
	}

	/**
	 * End one live session with an {@code offline} event for a reason.
	 * @return {@code false} when it was not live
	 */
	boolean end(String nameKey, String digest, String reason, long nowMillis) {
		return end(nameKey, digest, reason, "live", "", nowMillis);
	}

	/**
	 * End a session that has expired, with its {@code offline} event: of several
	 * followers sweeping at once, only one succeeds, so the event is written once.
	 */
	boolean endExpired(String nameKey, String digest, long nowMillis) {
		return end(nameKey, digest, "expired", "expired", "", nowMillis);
	}

	/** End a live session only while it is on this endpoint. */
	boolean endOnEndpoint(String nameKey, String digest, String endpoint, long nowMillis) {
		return end(nameKey, digest, "endpoint-down", "live", endpoint, nowMillis);
	}

	private boolean end(String nameKey, String digest, String reason, String condition, String endpoint,
			long nowMillis) {
		Object ended = result(this.redis.execute(endScript,
				keys(nameKey, SessionKeys.session(SessionKeys.shardTagOf(nameKey), digest)),
				args(nameKey, nowMillis, digest, reason, condition, endpoint)));
		return Long.valueOf(1).equals(ended);
	}

	/**
	 * End every live session of a user but one, each with its {@code offline} event.
	 * @param keepDigest the digest of the session to keep, or {@code null}
	 * @return the digests of the sessions ended
	 */
	List<String> endAll(String nameKey, String reason, @Nullable String keepDigest, long nowMillis) {
		List<?> ended = (List<?>) result(this.redis.execute(endUserScript, keys(nameKey),
				args(nameKey, nowMillis, reason, (keepDigest != null) ? keepDigest : "")));
		return (ended != null) ? ended.stream().map(String.class::cast).toList() : List.of();
	}

	/**
	 * A changing script's result, its reply being {@code {result, events emitted}};
	 * counts the events.
	 */
	private @Nullable Object result(@Nullable List<?> reply) {
		if (reply == null || reply.isEmpty()) {
			return null;
		}
		if (reply.size() > 1 && reply.get(1) instanceof List<?> emitted) {
			this.metrics.written(emitted);
		}
		return reply.get(0);
	}

	/** The live sessions of a user, newest first. */
	List<StoredSession> sessionsOf(String nameKey, long nowMillis) {
		return sessionsOf(List.of(nameKey), nowMillis).get(0);
	}

	/**
	 * The live sessions of each of these users (newest first), in order: one pipelined
	 * round trip, one script per user on the user's slot.
	 */
	List<List<StoredSession>> sessionsOf(List<String> nameKeys, long nowMillis) {
		if (nameKeys.isEmpty()) {
			return List.of();
		}
		List<Object> replies;
		try {
			replies = pipelineList(nameKeys, nowMillis);
		}
		catch (DataAccessException ex) {
			if (!isNoScript(ex)) {
				throw ex;
			}
			// Redis lost its script cache (a restart, a failover): load it and go again
			this.redis.execute((RedisCallback<String>) (connection) -> connection.scriptingCommands()
				.scriptLoad(listScript.getScriptAsString().getBytes(StandardCharsets.UTF_8)));
			replies = pipelineList(nameKeys, nowMillis);
		}
		List<List<StoredSession>> sessions = new ArrayList<>();
		for (int i = 0; i < nameKeys.size(); i++) {
			sessions.add(fromList(nameKeys.get(i), (List<?>) replies.get(i)));
		}
		return sessions;
	}

	private List<Object> pipelineList(List<String> nameKeys, long nowMillis) {
		byte[] sha = listScript.getSha1().getBytes(StandardCharsets.UTF_8);
		return this.redis.executePipelined((RedisCallback<Object>) (connection) -> {
			for (String nameKey : nameKeys) {
				List<Object> keysAndArgs = new ArrayList<>(keys(nameKey));
				keysAndArgs.addAll(List.of(args(nameKey, nowMillis, "")));
				connection.scriptingCommands()
					.evalSha(sha, ReturnType.MULTI, 4,
							keysAndArgs.stream()
								.map((s) -> s.toString().getBytes(StandardCharsets.UTF_8))
								.toArray(byte[][]::new));
			}
			return null;
		});
	}

	private static boolean isNoScript(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause.getMessage() != null && cause.getMessage().contains("NOSCRIPT")) {
				return true;
			}
		}
		return false;
	}

	private static List<StoredSession> fromList(String nameKey, @Nullable List<?> flat) {
		List<StoredSession> sessions = new ArrayList<>();
		if (flat == null) {
			return sessions;
		}
		for (int i = 0; i + 4 < flat.size(); i += 5) {
			sessions.add(new StoredSession(nameKey, text(flat.get(i + 4)), StoredSession.view(text(flat.get(i)),
					text(flat.get(i + 1)), text(flat.get(i + 2)), text(flat.get(i + 3)))));
		}
		return sessions;
	}

	private static String text(@Nullable Object value) {
		if (value instanceof byte[] bytes) {
			return new String(bytes, StandardCharsets.UTF_8);
		}
		return (value != null) ? value.toString() : "";
	}

	/**
	 * The sessions named by index members ({@code <name key> NUL <digest>}), in order,
	 * {@code null} for those no longer live: one pipelined round trip.
	 */
	List<@Nullable StoredSession> findAll(List<String> members, long nowMillis) {
		List<Object> replies = this.redis.executePipelined((RedisCallback<Object>) (connection) -> {
			for (String member : members) {
				String key = SessionKeys.session(SessionKeys.shardTagOf(OnlineIndex.nameKey(member)),
						OnlineIndex.digest(member));
				connection.hashCommands().hGetAll(key.getBytes(StandardCharsets.UTF_8));
			}
			return null;
		});
		List<@Nullable StoredSession> sessions = new ArrayList<>();
		for (int i = 0; i < members.size(); i++) {
			StoredSession session = StoredSession.from(OnlineIndex.digest(members.get(i)), (Map<?, ?>) replies.get(i));
			boolean live = session != null && session.nameKey().equals(OnlineIndex.nameKey(members.get(i)))
					&& session.view().expiresAt().toEpochMilli() > nowMillis;
			sessions.add(live ? session : null);
		}
		return sessions;
	}

	/**
	 * Index members of sessions that expired by now: up to {@code count} from each shard,
	 * one pipelined round trip.
	 */
	List<String> expiredMembers(long nowMillis, int count) {
		return ShardReads.union(this.redis, (connection, shardTag) -> connection.zSetCommands()
			.zRangeByScore(bytes(SessionKeys.expiries(shardTag)), Double.NEGATIVE_INFINITY, nowMillis, 0, count));
	}

	/**
	 * Index members of the sessions on an endpoint: up to {@code count} from each shard,
	 * one pipelined round trip.
	 */
	List<String> membersOnEndpoint(String endpoint, int count) {
		return ShardReads.union(this.redis, (connection, shardTag) -> connection.setCommands()
			.sRandMember(bytes(SessionKeys.endpoint(shardTag, endpoint)), count));
	}

	/** Remove an index member that names no session (the hash expired unreported). */
	void forgetEndpointMember(String endpoint, String member) {
		this.redis.opsForSet()
			.remove(SessionKeys.endpoint(SessionKeys.shardTagOf(OnlineIndex.nameKey(member)), endpoint), member);
	}

	private static byte[] bytes(String key) {
		return key.getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * The keys every session script takes first: the shard's indexes and stream, the
	 * user's set.
	 */
	private static List<String> keys(String nameKey, String... more) {
		String shardTag = SessionKeys.shardTagOf(nameKey);
		List<String> keys = new ArrayList<>(List.of(SessionKeys.online(shardTag), SessionKeys.expiries(shardTag),
				SessionKeys.events(shardTag), SessionKeys.userSessions(nameKey)));
		keys.addAll(List.of(more));
		return keys;
	}

	/** The arguments every session script takes first, then the script's own. */
	private Object[] args(String nameKey, long nowMillis, String... more) {
		List<String> args = new ArrayList<>(List.of(SessionKeys.shardTagOf(nameKey), nameKey, Long.toString(nowMillis),
				Long.toString(PresenceEvents.perShard(this.properties.events().maxLength())),
				Long.toString(this.properties.events().retention().toMillis())));
		args.addAll(List.of(more));
		return args.toArray();
	}

	private static <T> RedisScript<T> script(String name, Class<T> type) {
		return new DefaultRedisScript<>(COMMON + "\n" + read(name), type);
	}

	private static String read(String name) {
		try {
			return StreamUtils.copyToString(new ClassPathResource("scripts/" + name, SCRIPTS).getInputStream(),
					StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Missing script " + name, ex);
		}
	}

}
