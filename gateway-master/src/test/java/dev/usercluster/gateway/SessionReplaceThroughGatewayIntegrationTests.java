package dev.usercluster.gateway;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static dev.usercluster.gateway.PresenceThroughGatewayIntegrationTests.concurrentLogins;
import static dev.usercluster.gateway.PresenceThroughGatewayIntegrationTests.get;
import static dev.usercluster.gateway.PresenceThroughGatewayIntegrationTests.items;
import static dev.usercluster.gateway.PresenceThroughGatewayIntegrationTests.json;
import static dev.usercluster.gateway.PresenceThroughGatewayIntegrationTests.login;
import static dev.usercluster.gateway.PresenceThroughGatewayIntegrationTests.register;
import static dev.usercluster.gateway.PresenceThroughGatewayIntegrationTests.token;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code max-per-user=3} under {@code replace}, and expiry reported on the event stream,
 * through the gateway over two followers: sessions live 20 s and the sweepers run every
 * second.
 */
class SessionReplaceThroughGatewayIntegrationTests {

	private static final Duration SWEEP_INTERVAL = Duration.ofSeconds(1);

	private static Cluster cluster;

	private final String run = "r" + UUID.randomUUID().toString().substring(0, 6);

	@BeforeAll
	static void startCluster() {
		Map<String, String> overrides = new HashMap<>(
				PresenceThroughGatewayIntegrationTests.followerOverrides("replace"));
		overrides.put("user-cluster.sessions.ttl", "20s");
		overrides.put("user-cluster.sessions.sweep-interval", SWEEP_INTERVAL.toMillis() + "ms");
		cluster = new Cluster(2, overrides, Map.of("user-cluster.routing.read-timeout", "30s"));
	}

	@AfterAll
	static void stopCluster() {
		cluster.close();
	}

	@Test
	void fiftyConcurrentLoginsNeverLeaveMoreThanThreeSessionsAndTheNewestSurvive() throws Exception {
		String watcher = this.run + "w";
		register(cluster, watcher);
		String watcherToken = token(login(cluster, watcher, null));
		String name = this.run + "many";
		register(cluster, name);
		try (EventStream events = new EventStream(cluster.uri("/api/v1/presence/events"), watcherToken, null)) {
			assertThat(events.awaitStatus(Duration.ofSeconds(10))).isEqualTo(200);
			AtomicBoolean burst = new AtomicBoolean(true);
			AtomicInteger most = new AtomicInteger();
			AtomicInteger samples = new AtomicInteger();
			CompletableFuture<Void> sampler = CompletableFuture.runAsync(() -> {
				while (burst.get()) {
					try {
						int live = items(get(cluster, "/api/v1/users/" + name + "/sessions", watcherToken)).size();
						most.accumulateAndGet(live, Math::max);
						samples.incrementAndGet();
					}
					catch (Exception ex) {
						throw new IllegalStateException(ex);
					}
				}
			});
			List<HttpResponse<String>> answers = concurrentLogins(cluster, name, 50);
			burst.set(false);
			sampler.join();
			assertThat(answers)
				.allSatisfy((answer) -> assertThat(answer.statusCode()).as(answer.body()).isEqualTo(201));
			assertThat(samples.get()).isPositive();
			assertThat(most.get()).isLessThanOrEqualTo(3);
			long live = answers.stream()
				.filter((answer) -> getQuietly("/api/v1/sessions/current", token(answer)) == 200)
				.count();
			assertThat(live).isEqualTo(3);
			List<EventStream.Event> mine = events.until(new Counter(name, 97), Duration.ofSeconds(30))
				.stream()
				.filter((event) -> event.name().equals(name))
				.toList();
			assertThat(mine.stream().filter((event) -> event.change().equals("online/login"))).hasSize(50);
			assertThat(mine.stream().filter((event) -> event.change().equals("offline/replaced"))).hasSize(47);
			// the three whose logins came last in the stream are the three that live
			List<String> newest = mine.stream()
				.filter((event) -> event.type().equals("online"))
				.map(EventStream.Event::endpoint)
				.toList()
				.subList(47, 50);
			JsonNode sessions = items(get(cluster, "/api/v1/users/" + name + "/sessions", watcherToken));
			assertThat(sessions).extracting((session) -> session.get("endpoint").asString())
				.containsExactlyInAnyOrderElementsOf(newest);
		}
	}

	@Test
	void anExpiredSessionIsReportedOnceWithinASweepInterval() throws Exception {
		String watcher = this.run + "w2";
		register(cluster, watcher);
		String watcherToken = token(login(cluster, watcher, null));
		String name = this.run + "expires";
		register(cluster, name);
		try (EventStream events = new EventStream(cluster.uri("/api/v1/presence/events"), watcherToken, null)) {
			assertThat(events.awaitStatus(Duration.ofSeconds(10))).isEqualTo(200);
			Instant expiresAt = Instant
				.parse(json.readTree(login(cluster, name, "10.5.0.1:1").body()).get("expiresAt").asString());
			List<EventStream.Event> mine = events
				.until((event) -> event.name().equals(name) && event.type().equals("offline"), Duration.ofSeconds(45))
				.stream()
				.filter((event) -> event.name().equals(name))
				.toList();
			assertThat(mine).extracting(EventStream.Event::change).containsExactly("online/login", "offline/expired");
			Instant reported = Instant.parse(mine.get(1).data().get("at").asString());
			// one sweep interval, plus what a loaded build machine adds to a scheduled
			// run
			assertThat(Duration.between(expiresAt, reported)).isBetween(Duration.ZERO, SWEEP_INTERVAL.plusSeconds(2));
			// both followers sweep; only one reports it
			assertThat(events.during(Duration.ofSeconds(3)).stream().filter((event) -> event.name().equals(name)))
				.isEmpty();
		}
	}

	private static int getQuietly(String path, String token) {
		try {
			return get(cluster, path, token).statusCode();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Matches the n-th event of one user. */
	private static final class Counter implements java.util.function.Predicate<EventStream.Event> {

		private final String name;

		private int left;

		Counter(String name, int count) {
			this.name = name;
			this.left = count;
		}

		@Override
		public boolean test(EventStream.Event event) {
			return event.name().equals(this.name) && --this.left == 0;
		}

	}

}
