package dev.usercluster.gateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.usercluster.gateway.PresenceThroughGatewayIntegrationTests.delete;
import static dev.usercluster.gateway.PresenceThroughGatewayIntegrationTests.login;
import static dev.usercluster.gateway.PresenceThroughGatewayIntegrationTests.register;
import static dev.usercluster.gateway.PresenceThroughGatewayIntegrationTests.token;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The presence event stream's retention, through the gateway: with events kept 1 s, a
 * client resuming from a position whose later events were trimmed gets {@code reset}
 * first, and one resuming from the reset's position gets the events after it and no
 * reset.
 */
class PresenceEventRetentionIntegrationTests {

	private static Cluster cluster;

	private final String run = "r" + UUID.randomUUID().toString().substring(0, 6);

	@BeforeAll
	static void startCluster() {
		cluster = new Cluster(1, Map.of("user-cluster.sessions.events.retention", "1s",
				"user-cluster.throttle.registration.attempts", "100000"), Map.of());
	}

	@AfterAll
	static void stopCluster() {
		cluster.close();
	}

	@Test
	void aPositionWhoseLaterEventsWereTrimmedGetsAResetThenTheEventsAfterTheReset() throws Exception {
		String watcher = this.run + "watcher";
		register(cluster, watcher);
		String watcherToken = token(login(cluster, watcher, null));
		String user = this.run + "user";
		register(cluster, user);
		// two events in the user's shard, then one more past the retention: writing it
		// trims the first two
		String first = token(login(cluster, user, "10.5.0.1:1"));
		assertThat(delete(cluster, "/api/v1/sessions/current", first).statusCode()).isEqualTo(204);
		Thread.sleep(1500);
		String second = token(login(cluster, user, "10.5.0.1:2"));
		String reset;
		// "1-0": before every event of every shard, so before the two trimmed ones
		try (EventStream events = new EventStream(cluster.uri("/api/v1/presence/events"), watcherToken, "1-0")) {
			List<EventStream.Event> seen = events.until((event) -> true, Duration.ofSeconds(10));
			assertThat(seen.get(0).type()).isEqualTo("reset");
			reset = seen.get(0).id();
		}
		try (EventStream events = new EventStream(cluster.uri("/api/v1/presence/events"), watcherToken, reset)) {
			assertThat(events.awaitStatus(Duration.ofSeconds(10))).isEqualTo(200);
			assertThat(delete(cluster, "/api/v1/sessions/current", second).statusCode()).isEqualTo(204);
			List<EventStream.Event> seen = events.until(
					(event) -> user.equals(event.name()) && "offline/logout".equals(event.change()),
					Duration.ofSeconds(10));
			assertThat(seen).extracting(EventStream.Event::type).doesNotContain("reset");
			assertThat(seen.stream().filter((event) -> user.equals(event.name()))).extracting(EventStream.Event::change)
				.containsExactly("offline/logout");
		}
	}

}
