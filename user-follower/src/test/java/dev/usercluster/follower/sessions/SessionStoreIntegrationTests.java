package dev.usercluster.follower.sessions;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.usercluster.follower.paging.Cursor;
import dev.usercluster.api.Page;
import dev.usercluster.api.SessionView;
import dev.usercluster.testsupport.TestStores;
import io.lettuce.core.cluster.SlotHash;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.redis.test.autoconfigure.DataRedisTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The session store and its Lua scripts against the real Redis, without the web layer.
 */
@DataRedisTest
@Import(TestStores.class)
class SessionStoreIntegrationTests {

	private final StringRedisTemplate redis;

	private final SessionStore store;

	private final String nameKey = "k" + UUID.randomUUID().toString().substring(0, 8);

	SessionStoreIntegrationTests(@Autowired StringRedisTemplate redis) {
		this.redis = redis;
		this.store = new SessionStore(redis);
	}

	@Test
	void everyKeyOfOneUserIsInOneClusterSlot() {
		SessionToken token = SessionToken.issue(this.nameKey);
		int slot = SlotHash.getSlot(SessionKeys.session(this.nameKey));
		assertThat(SlotHash.getSlot(SessionKeys.token(token.hashTag(), token.digest()))).isEqualTo(slot);
		assertThat(SlotHash.getSlot(SessionKeys.nameFailures(this.nameKey))).isEqualTo(slot);
		assertThat(SlotHash.getSlot(SessionKeys.nameFailureTimes(this.nameKey))).isEqualTo(slot);
		assertThat(SlotHash.getSlot(SessionKeys.nameAttempts(this.nameKey))).isEqualTo(slot);
		String address = SessionKeys.addressDigest("203.0.113.9");
		assertThat(SlotHash.getSlot(SessionKeys.addressAttempts(address)))
			.isEqualTo(SlotHash.getSlot(SessionKeys.addressFailures(address)));
	}

	@Test
	void heartbeatsNeverExtendASessionPastItsMaximumLifetime() {
		SessionToken token = SessionToken.issue(this.nameKey);
		Instant createdAt = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
		assertThat(this.store.start(token, this.nameKey, SessionPolicy.REJECT,
				new SessionView(this.nameKey, null, createdAt, createdAt.plusSeconds(60)), 60_000))
			.isTrue();
		long ttl = 60_000;
		long maxLifetime = 100_000;
		// well inside the lifetime, a heartbeat moves expiresAt to now + TTL
		SessionView early = this.store.extend(token, this.nameKey, createdAt.toEpochMilli() + 10_000, ttl, maxLifetime)
			.orElseThrow();
		assertThat(early.expiresAt()).isEqualTo(createdAt.plusSeconds(70));
		// near its end, only up to createdAt + max lifetime
		SessionView late = this.store.extend(token, this.nameKey, createdAt.toEpochMilli() + 80_000, ttl, maxLifetime)
			.orElseThrow();
		assertThat(late.expiresAt()).isEqualTo(createdAt.plusSeconds(100));
		assertThat(redis.getExpire(SessionKeys.session(this.nameKey), TimeUnit.SECONDS)).isBetween(1L, 20L);
		// past it, the session is not extended at all
		assertThat(this.store.extend(token, this.nameKey, createdAt.toEpochMilli() + 100_000, ttl, maxLifetime))
			.isEmpty();
	}

	@Test
	void rejectKeepsTheFirstSession() {
		SessionToken first = SessionToken.issue(this.nameKey);
		SessionToken second = SessionToken.issue(this.nameKey);
		assertThat(start(first, SessionPolicy.REJECT)).isTrue();
		assertThat(start(second, SessionPolicy.REJECT)).isFalse();
		assertThat(this.store.find(first)).isPresent();
		assertThat(this.store.find(second)).isEmpty();
		assertThat(redis.hasKey(SessionKeys.token(second.hashTag(), second.digest()))).isFalse();
	}

	@Test
	void concurrentReplacementsLeaveExactlyOneLiveTokenAndNoStaleTokenKeys() throws Exception {
		int logins = 20;
		List<SessionToken> tokens = new ArrayList<>();
		for (int i = 0; i < logins; i++) {
			tokens.add(SessionToken.issue(this.nameKey));
		}
		ExecutorService pool = Executors.newFixedThreadPool(logins);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<Boolean>> results = new ArrayList<>();
			for (SessionToken token : tokens) {
				results.add(pool.submit(() -> {
					start.await();
					return start(token, SessionPolicy.REPLACE);
				}));
			}
			start.countDown();
			for (Future<Boolean> result : results) {
				assertThat(result.get(30, TimeUnit.SECONDS)).isTrue();
			}
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(tokens.stream().filter((token) -> this.store.find(token).isPresent())).hasSize(1);
		assertThat(tokens.stream().filter((token) -> redis.hasKey(SessionKeys.token(token.hashTag(), token.digest()))))
			.hasSize(1);
	}

	@Test
	void endAnyEndsTheSessionAndItsToken() {
		SessionToken token = SessionToken.issue(this.nameKey);
		start(token, SessionPolicy.REJECT);
		assertThat(this.store.endAny(this.nameKey)).contains(token.digest());
		assertThat(this.store.find(token)).isEmpty();
		assertThat(redis.hasKey(SessionKeys.token(token.hashTag(), token.digest()))).isFalse();
		assertThat(this.store.endAny(this.nameKey)).isEmpty();
	}

	@Test
	void tokenOfAnotherUsersTagIsNotAccepted() {
		SessionToken token = SessionToken.issue(this.nameKey);
		start(token, SessionPolicy.REJECT);
		// a token key pointing at a user whose tag differs from the token's must not
		// count
		redis.opsForValue().set(SessionKeys.token(token.hashTag(), token.digest()), this.nameKey + "x");
		assertThat(this.store.find(token)).isEmpty();
	}

	@Test
	void liveAnswersInTheOrderAsked() {
		start(SessionToken.issue(this.nameKey), SessionPolicy.REJECT);
		assertThat(this.store.live(List.of(this.nameKey + "-none", this.nameKey))).containsExactly(false, true);
	}

	@Test
	void sweepRemovesMembersOfEndedSessionsAndKeepsLiveOnes() {
		OnlineIndex online = new OnlineIndex(redis);
		OnlineIndexSweeper sweeper = new OnlineIndexSweeper(online, this.store, new SessionProperties(
				Duration.ofHours(5), SessionPolicy.REJECT, Duration.ofSeconds(30), Duration.ofDays(7)));
		SessionToken live = SessionToken.issue(this.nameKey);
		SessionToken ended = SessionToken.issue(this.nameKey + "-ended");
		start(live, SessionPolicy.REJECT);
		online.add(this.nameKey, live.digest());
		online.add(this.nameKey + "-ended", ended.digest());
		do {
			sweeper.sweep();
		}
		while (!sweeper.atStart());
		assertThat(redis.opsForZSet().score(SessionKeys.ONLINE, OnlineIndex.member(this.nameKey, live.digest())))
			.isNotNull();
		assertThat(redis.opsForZSet()
			.score(SessionKeys.ONLINE, OnlineIndex.member(this.nameKey + "-ended", ended.digest()))).isNull();
		online.remove(List.of(OnlineIndex.member(this.nameKey, live.digest())));
	}

	@Test
	void onlinePagesSkipAndRemoveEndedSessionsAndListEachLiveOneOnce() {
		OnlineIndex online = new OnlineIndex(redis);
		OnlineList list = new OnlineList(online, this.store);
		List<String> live = new ArrayList<>();
		for (String suffix : List.of("-a", "-b", "-c", "-d", "-e", "-f", "-g")) {
			String key = this.nameKey + suffix;
			SessionToken token = SessionToken.issue(key);
			if (List.of("-a", "-c", "-d", "-g").contains(suffix)) {
				start(key, token, SessionPolicy.REJECT);
				live.add(key);
			}
			online.add(key, token.digest());
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
		assertThat(redis.opsForZSet()
			.rangeByLex(SessionKeys.ONLINE,
					org.springframework.data.domain.Range.closed(this.nameKey, this.nameKey + "~")))
			.hasSize(live.size());
	}

	private boolean start(SessionToken token, SessionPolicy policy) {
		return start(this.nameKey, token, policy);
	}

	private boolean start(String nameKey, SessionToken token, SessionPolicy policy) {
		Instant now = Instant.now();
		return this.store.start(token, nameKey, policy, new SessionView(nameKey, null, now, now.plusSeconds(60)),
				60_000);
	}

}
