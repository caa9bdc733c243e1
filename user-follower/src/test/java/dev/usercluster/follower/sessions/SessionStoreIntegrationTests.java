package dev.usercluster.follower.sessions;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.usercluster.follower.paging.Cursor;
import dev.usercluster.api.Page;
import dev.usercluster.api.SessionView;
import dev.usercluster.testsupport.TestStores;
import io.lettuce.core.cluster.SlotHash;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.redis.test.autoconfigure.DataRedisTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session store and its Lua scripts against the real Redis, without the web layer:
 * the per-user limit under both policies and under concurrency, expiry, endpoints, the
 * indexes and the events each change writes.
 */
@DataRedisTest
@Import(TestStores.class)
class SessionStoreIntegrationTests {

	private final StringRedisTemplate redis;

	private final String nameKey = "k" + UUID.randomUUID().toString().substring(0, 8);

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	SessionStoreIntegrationTests(@Autowired StringRedisTemplate redis) {
		this.redis = redis;
	}

	static SessionProperties properties(SessionPolicy policy, int maxPerUser) {
		return new SessionProperties(Duration.ofHours(5), policy, Duration.ofSeconds(30), Duration.ofDays(7),
				maxPerUser, new SessionProperties.Events(1_000_000, Duration.ofHours(1)));
	}

	private SessionStore store(SessionPolicy policy, int maxPerUser) {
		return new SessionStore(redis, properties(policy, maxPerUser), new PresenceMetrics(this.registry));
	}

	@Test
	void everySessionKeyOfOneUserIsInOneClusterSlotWithItsShardsIndexesAndStream() {
		SessionToken token = SessionToken.issue(this.nameKey);
		String shardTag = SessionKeys.shardTagOf(this.nameKey);
		assertThat(token.shardTag()).isEqualTo(shardTag);
		int slot = SlotHash.getSlot(SessionKeys.userSessions(this.nameKey));
		assertThat(SlotHash.getSlot(SessionKeys.session(token.shardTag(), token.digest()))).isEqualTo(slot);
		assertThat(SlotHash.getSlot(SessionKeys.online(shardTag))).isEqualTo(slot);
		assertThat(SlotHash.getSlot(SessionKeys.expiries(shardTag))).isEqualTo(slot);
		assertThat(SlotHash.getSlot(SessionKeys.events(shardTag))).isEqualTo(slot);
		assertThat(SlotHash.getSlot(SessionKeys.endpoint(shardTag, "10.0.0.1:7000"))).isEqualTo(slot);
		// the throttle's keys of a name share the name's own slot
		int throttleSlot = SlotHash.getSlot(SessionKeys.nameFailures(this.nameKey));
		assertThat(SlotHash.getSlot(SessionKeys.nameFailureTimes(this.nameKey))).isEqualTo(throttleSlot);
		assertThat(SlotHash.getSlot(SessionKeys.nameAttempts(this.nameKey))).isEqualTo(throttleSlot);
		String address = SessionKeys.addressDigest("203.0.113.9");
		assertThat(SlotHash.getSlot(SessionKeys.addressAttempts(address)))
			.isEqualTo(SlotHash.getSlot(SessionKeys.addressFailures(address)));
	}

	@Test
	void theShardsSlotsAreSpreadOneInEachSixteenthOfTheSlotsAndUsersOverAllShards() {
		Set<Integer> ranges = new HashSet<>();
		for (int shard = 0; shard < SessionKeys.SHARDS; shard++) {
			ranges.add(SlotHash.getSlot(SessionKeys.online(SessionKeys.shardTag(shard))) * SessionKeys.SHARDS
					/ SlotHash.SLOT_COUNT);
		}
		assertThat(ranges).hasSize(SessionKeys.SHARDS);
		Map<String, Integer> users = new HashMap<>();
		for (int i = 0; i < 1600; i++) {
			users.merge(SessionKeys.shardTagOf("user" + i), 1, Integer::sum);
		}
		assertThat(users).hasSize(SessionKeys.SHARDS);
		assertThat(users.values()).allSatisfy((count) -> assertThat(count).isBetween(50, 150));
	}

	@Test
	void heartbeatsNeverExtendASessionPastItsMaximumLifetime() {
		SessionProperties properties = new SessionProperties(Duration.ofSeconds(60), SessionPolicy.REJECT,
				Duration.ofSeconds(30), Duration.ofSeconds(100), 1,
				new SessionProperties.Events(1_000_000, Duration.ofHours(1)));
		SessionStore store = new SessionStore(redis, properties, new PresenceMetrics(this.registry));
		SessionToken token = SessionToken.issue(this.nameKey);
		Instant createdAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		assertThat(store.start(token, this.nameKey,
				new SessionView(this.nameKey, null, createdAt, createdAt.plusSeconds(60)), createdAt.toEpochMilli()))
			.isTrue();
		// well inside the lifetime, a heartbeat moves expiresAt to now + TTL
		SessionView early = store.extend(token, this.nameKey, createdAt.toEpochMilli() + 10_000).orElseThrow();
		assertThat(early.expiresAt()).isEqualTo(createdAt.plusSeconds(70));
		// near its end, only up to createdAt + max lifetime
		SessionView late = store.extend(token, this.nameKey, createdAt.toEpochMilli() + 65_000).orElseThrow();
		assertThat(late.expiresAt()).isEqualTo(createdAt.plusSeconds(100));
		assertThat(redis.opsForZSet()
			.score(SessionKeys.expiries(SessionKeys.shardTagOf(this.nameKey)),
					OnlineIndex.member(this.nameKey, token.digest())))
			.isEqualTo((double) createdAt.plusSeconds(100).toEpochMilli());
		// past it, the session is not extended at all, nor found
		assertThat(store.extend(token, this.nameKey, createdAt.toEpochMilli() + 100_000)).isEmpty();
		assertThat(store.find(token, createdAt.toEpochMilli() + 100_000)).isEmpty();
		store.endAll(this.nameKey, "logout", null, createdAt.toEpochMilli());
	}

	@Test
	void rejectKeepsTheFirstSession() {
		SessionStore store = store(SessionPolicy.REJECT, 1);
		SessionToken first = SessionToken.issue(this.nameKey);
		SessionToken second = SessionToken.issue(this.nameKey);
		assertThat(start(store, first)).isTrue();
		assertThat(start(store, second)).isFalse();
		assertThat(store.find(first, now())).isPresent();
		assertThat(store.find(second, now())).isEmpty();
		assertThat(redis.hasKey(SessionKeys.session(second.shardTag(), second.digest()))).isFalse();
	}

	@Test
	void ofFiftyConcurrentLoginsUnderRejectExactlyTheLimitSucceed() throws Exception {
		SessionStore store = store(SessionPolicy.REJECT, 3);
		List<SessionToken> tokens = tokens(50);
		List<Boolean> results = concurrently(store, tokens);
		assertThat(results.stream().filter(Boolean::booleanValue)).hasSize(3);
		assertThat(store.sessionsOf(this.nameKey, now())).hasSize(3);
		assertThat(tokens.stream().filter((token) -> store.find(token, now()).isPresent())).hasSize(3);
	}

	@Test
	void concurrentReplacementsLeaveTheLimitOfLiveSessionsAndNoStaleKeys() throws Exception {
		SessionStore store = store(SessionPolicy.REPLACE, 3);
		List<SessionToken> tokens = tokens(50);
		assertThat(concurrently(store, tokens)).containsOnly(true);
		assertThat(tokens.stream().filter((token) -> store.find(token, now()).isPresent())).hasSize(3);
		assertThat(
				tokens.stream().filter((token) -> redis.hasKey(SessionKeys.session(token.shardTag(), token.digest()))))
			.hasSize(3);
		assertThat(redis.opsForZSet().size(SessionKeys.userSessions(this.nameKey))).isEqualTo(3);
		// each follower thread counts what its own script wrote: together, every event
		// once
		assertThat(counted()).isEqualTo(Map.of("online/login", 50L, "offline/replaced", 47L))
			.isEqualTo(countsOf(events(this.nameKey)));
	}

	@Test
	void replaceEndsTheOldestAndKeepsTheNewest() {
		SessionStore store = store(SessionPolicy.REPLACE, 3);
		List<SessionToken> tokens = tokens(5);
		for (SessionToken token : tokens) {
			assertThat(start(store, token)).isTrue();
		}
		assertThat(store.sessionsOf(this.nameKey, now()).stream().map(StoredSession::digest))
			.containsExactly(tokens.get(4).digest(), tokens.get(3).digest(), tokens.get(2).digest());
		assertThat(events(this.nameKey)).extracting((event) -> event.get("type") + "/" + event.get("reason"))
			.containsExactly("online/login", "online/login", "online/login", "offline/replaced", "online/login",
					"offline/replaced", "online/login");
		assertThat(counted()).isEqualTo(Map.of("online/login", 5L, "offline/replaced", 2L));
	}

	@Test
	void eachChangeWritesOneEventWithItsFields() {
		SessionStore store = store(SessionPolicy.REJECT, 2);
		SessionToken phone = SessionToken.issue(this.nameKey);
		SessionToken laptop = SessionToken.issue(this.nameKey);
		long now = now();
		Instant createdAt = Instant.ofEpochMilli(now).truncatedTo(ChronoUnit.SECONDS);
		assertThat(store.start(phone, this.nameKey,
				new SessionView("Display" + this.nameKey, "10.0.0.1:7000", createdAt, createdAt.plusSeconds(60)), now))
			.isTrue();
		assertThat(start(store, laptop)).isTrue();
		assertThat(store.end(this.nameKey, phone.digest(), "logout", now())).isTrue();
		assertThat(store.end(this.nameKey, phone.digest(), "logout", now())).isFalse();
		assertThat(store.endAll(this.nameKey, "forced", null, now())).containsExactly(laptop.digest());
		List<Map<Object, Object>> events = events(this.nameKey);
		assertThat(events).hasSize(4);
		assertThat(events.get(0)).containsEntry("type", "online")
			.containsEntry("name", "Display" + this.nameKey)
			.containsEntry("endpoint", "10.0.0.1:7000")
			.containsEntry("reason", "login")
			.containsEntry("at", Long.toString(now));
		assertThat(events.get(2)).containsEntry("type", "offline")
			.containsEntry("endpoint", "10.0.0.1:7000")
			.containsEntry("reason", "logout");
		assertThat(events.get(3)).containsEntry("type", "offline").containsEntry("reason", "forced");
		assertThat(counted()).isEqualTo(countsOf(events));
		assertThat(redis.hasKey(SessionKeys.userSessions(this.nameKey))).isFalse();
		assertThat(redis.opsForSet()
			.isMember(SessionKeys.endpoint(SessionKeys.shardTagOf(this.nameKey), "10.0.0.1:7000"),
					OnlineIndex.member(this.nameKey, phone.digest())))
			.isFalse();
	}

	@Test
	void anExpiredSessionIsEndedOnceWithOneExpiredEvent() {
		SessionStore store = store(SessionPolicy.REJECT, 1);
		SessionToken token = SessionToken.issue(this.nameKey);
		long now = now();
		Instant createdAt = Instant.ofEpochMilli(now).truncatedTo(ChronoUnit.SECONDS);
		assertThat(store.start(token, this.nameKey,
				new SessionView(this.nameKey, null, createdAt, createdAt.plusSeconds(2)), now))
			.isTrue();
		long later = createdAt.plusSeconds(3).toEpochMilli();
		assertThat(store.find(token, later)).isEmpty();
		assertThat(store.expiredMembers(later, 100_000)).contains(OnlineIndex.member(this.nameKey, token.digest()));
		// not yet expired: a sweeper that runs early ends nothing
		assertThat(store.endExpired(this.nameKey, token.digest(), now)).isFalse();
		assertThat(store.endExpired(this.nameKey, token.digest(), later)).isTrue();
		assertThat(store.endExpired(this.nameKey, token.digest(), later)).isFalse();
		assertThat(events(this.nameKey)).extracting((event) -> event.get("type") + "/" + event.get("reason"))
			.containsExactly("online/login", "offline/expired");
		assertThat(counted()).isEqualTo(Map.of("online/login", 1L, "offline/expired", 1L));
		assertThat(store.expiredMembers(later, 100_000))
			.doesNotContain(OnlineIndex.member(this.nameKey, token.digest()));
	}

	@Test
	void aLoginEndsTheUsersExpiredSessionsAsExpiredBeforeCountingThem() {
		SessionStore store = store(SessionPolicy.REJECT, 1);
		SessionToken old = SessionToken.issue(this.nameKey);
		long now = now();
		Instant createdAt = Instant.ofEpochMilli(now).truncatedTo(ChronoUnit.SECONDS);
		store.start(old, this.nameKey, new SessionView(this.nameKey, null, createdAt, createdAt.plusSeconds(1)), now);
		SessionToken next = SessionToken.issue(this.nameKey);
		long later = createdAt.plusSeconds(2).toEpochMilli();
		assertThat(store.start(next, this.nameKey,
				new SessionView(this.nameKey, null, createdAt, createdAt.plusSeconds(60)), later))
			.isTrue();
		assertThat(events(this.nameKey)).extracting((event) -> event.get("type") + "/" + event.get("reason"))
			.containsExactly("online/login", "offline/expired", "online/login");
		assertThat(counted()).isEqualTo(Map.of("online/login", 2L, "offline/expired", 1L));
	}

	@Test
	void endingAnEndpointsSessionsTakesOnlyThoseOnIt() {
		SessionStore store = store(SessionPolicy.REJECT, 3);
		String endpoint = "10.9." + (int) (Math.random() * 250) + ".1:" + (7000 + (int) (Math.random() * 1000));
		SessionToken on = SessionToken.issue(this.nameKey);
		SessionToken elsewhere = SessionToken.issue(this.nameKey);
		Instant createdAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		store.start(on, this.nameKey, new SessionView(this.nameKey, endpoint, createdAt, createdAt.plusSeconds(60)),
				now());
		store.start(elsewhere, this.nameKey,
				new SessionView(this.nameKey, "10.8.0.1:1", createdAt, createdAt.plusSeconds(60)), now());
		assertThat(store.membersOnEndpoint(endpoint, 10))
			.containsExactly(OnlineIndex.member(this.nameKey, on.digest()));
		assertThat(store.endOnEndpoint(this.nameKey, elsewhere.digest(), endpoint, now())).isFalse();
		assertThat(store.endOnEndpoint(this.nameKey, on.digest(), endpoint, now())).isTrue();
		assertThat(store.find(on, now())).isEmpty();
		assertThat(store.find(elsewhere, now())).isPresent();
		assertThat(store.membersOnEndpoint(endpoint, 10)).isEmpty();
		assertThat(events(this.nameKey)).extracting((event) -> event.get("reason"))
			.containsExactly("login", "login", "endpoint-down");
		assertThat(counted()).isEqualTo(Map.of("online/login", 2L, "offline/endpoint-down", 1L));
		store.endAll(this.nameKey, "logout", null, now());
	}

	@Test
	void sessionsOfManyUsersAnswerInTheOrderAsked() {
		SessionStore store = store(SessionPolicy.REJECT, 2);
		String other = this.nameKey + "-b";
		start(store, SessionToken.issue(this.nameKey));
		start(store, SessionToken.issue(this.nameKey));
		store.start(SessionToken.issue(other), other,
				new SessionView(other, "h:1", Instant.now(), Instant.now().plusSeconds(60)), now());
		List<List<StoredSession>> sessions = store.sessionsOf(List.of(this.nameKey + "-none", this.nameKey, other),
				now());
		assertThat(sessions).hasSize(3);
		assertThat(sessions.get(0)).isEmpty();
		assertThat(sessions.get(1)).hasSize(2);
		assertThat(sessions.get(2)).singleElement().satisfies((session) -> {
			assertThat(session.nameKey()).isEqualTo(other);
			assertThat(session.view().endpoint()).isEqualTo("h:1");
		});
		store.endAll(this.nameKey, "logout", null, now());
		store.endAll(other, "logout", null, now());
	}

	@Test
	void onlinePagesSkipAndRemoveEndedSessionsAndListEachLiveOneOnce() {
		SessionStore store = store(SessionPolicy.REJECT, 1);
		OnlineIndex online = new OnlineIndex(redis);
		OnlineList list = new OnlineList(online, store, java.time.Clock.systemUTC());
		List<String> live = new ArrayList<>();
		for (String suffix : List.of("-a", "-b", "-c", "-d", "-e", "-f", "-g")) {
			String key = this.nameKey + suffix;
			SessionToken token = SessionToken.issue(key);
			if (List.of("-a", "-c", "-d", "-g").contains(suffix)) {
				store.start(token, key, new SessionView(key, null, Instant.now(), Instant.now().plusSeconds(60)),
						now());
				live.add(key);
			}
			else {
				// a member whose session is gone (its record expired unreported)
				redis.opsForZSet()
					.add(SessionKeys.online(SessionKeys.shardTagOf(key)), OnlineIndex.member(key, token.digest()), 0);
			}
		}
		List<String> seen = new ArrayList<>();
		String cursor = Cursor.encode(this.nameKey + "\0");
		while (cursor != null) {
			Page<SessionView> page = list.page(cursor, 1);
			assertThat(page.items()).hasSizeLessThanOrEqualTo(1);
			page.items().forEach((session) -> seen.add(session.name()));
			boolean past = page.items().stream().anyMatch((session) -> !session.name().startsWith(this.nameKey));
			cursor = past ? null : page.next();
		}
		assertThat(seen.stream().filter((name) -> name.startsWith(this.nameKey))).containsExactlyElementsOf(live);
		int members = 0;
		for (int shard = 0; shard < SessionKeys.SHARDS; shard++) {
			members += redis.opsForZSet()
				.rangeByLex(SessionKeys.online(SessionKeys.shardTag(shard)),
						Range.closed(this.nameKey, this.nameKey + "~"))
				.size();
		}
		assertThat(members).as("index members left").isEqualTo(live.size());
		for (String key : live) {
			store.endAll(key, "logout", null, now());
		}
	}

	private static long now() {
		return System.currentTimeMillis();
	}

	private List<SessionToken> tokens(int count) {
		List<SessionToken> tokens = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			tokens.add(SessionToken.issue(this.nameKey));
		}
		return tokens;
	}

	private List<Boolean> concurrently(SessionStore store, List<SessionToken> tokens) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(tokens.size());
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Boolean>> futures = new ArrayList<>();
			for (SessionToken token : tokens) {
				futures.add(pool.submit(() -> {
					start.await();
					return start(store, token);
				}));
			}
			start.countDown();
			List<Boolean> results = new ArrayList<>();
			for (Future<Boolean> future : futures) {
				results.add(future.get(30, TimeUnit.SECONDS));
			}
			return results;
		}
		finally {
			pool.shutdownNow();
		}
	}

	private boolean start(SessionStore store, SessionToken token) {
		Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
		return store.start(token, this.nameKey, new SessionView(this.nameKey, null, now, now.plusSeconds(60)), now());
	}

	/** The presence events counted, by {@code type/reason}. */
	private Map<String, Long> counted() {
		return this.registry.find(PresenceMetrics.EVENTS)
			.counters()
			.stream()
			.collect(Collectors.toMap(
					(counter) -> counter.getId().getTag("type") + "/" + counter.getId().getTag("reason"),
					(counter) -> (long) counter.count()));
	}

	private static Map<String, Long> countsOf(List<Map<Object, Object>> events) {
		return events.stream()
			.collect(Collectors.groupingBy((event) -> event.get("type") + "/" + event.get("reason"),
					Collectors.counting()));
	}

	/** The events of one user's sessions, oldest first (the shard's stream is shared). */
	private List<Map<Object, Object>> events(String nameKey) {
		List<MapRecord<String, Object, Object>> records = redis.opsForStream()
			.reverseRange(SessionKeys.events(SessionKeys.shardTagOf(nameKey)), Range.unbounded(),
					Limit.limit().count(5000));
		List<Map<Object, Object>> events = new ArrayList<>();
		for (MapRecord<String, Object, Object> record : records) {
			String name = String.valueOf(record.getValue().get("name"));
			if (name.equals(nameKey) || name.equals("Display" + nameKey)) {
				events.add(0, record.getValue());
			}
		}
		return events;
	}

}
