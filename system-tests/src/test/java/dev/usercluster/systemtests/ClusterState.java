package dev.usercluster.systemtests;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.usercluster.systemtests.harness.FaultCluster;
import dev.usercluster.systemtests.load.MixedLoad;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the stores hold after a load, checked against what the load was told: every 201
 * registration is a row in MySQL, no user has more live sessions than the rule allows
 * (one, the default {@code reject} policy), every login that got 201 and was not logged
 * out still has its session, and a login answered with an error left no session behind.
 */
final class ClusterState {

	/** Live sessions a user may have (SPEC: {@code max-per-user}, default 1). */
	static final int MAX_SESSIONS_PER_USER = 1;

	private final FaultCluster cluster;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	ClusterState(FaultCluster cluster) {
		this.cluster = cluster;
	}

	void assertEveryRegistrationStored(MixedLoad load) throws Exception {
		Set<String> stored = new HashSet<>();
		List<String> names = new ArrayList<>(load.registered());
		try (Connection connection = this.cluster.mariaDb().connect("user_cluster")) {
			for (int from = 0; from < names.size(); from += 500) {
				List<String> batch = names.subList(from, Math.min(names.size(), from + 500));
				String marks = String.join(",", batch.stream().map((name) -> "?").toList());
				try (PreparedStatement query = connection
					.prepareStatement("SELECT name FROM users WHERE name IN (" + marks + ")")) {
					for (int i = 0; i < batch.size(); i++) {
						query.setString(i + 1, batch.get(i));
					}
					try (ResultSet rows = query.executeQuery()) {
						while (rows.next()) {
							stored.add(rows.getString(1));
						}
					}
				}
			}
		}
		assertThat(load.registered()).as("registrations answered 201").isNotEmpty();
		assertThat(stored).as("registrations answered 201 and found in MySQL")
			.containsExactlyInAnyOrderElementsOf(load.registered());
	}

	void assertSessionsWithinRule(MixedLoad load) throws Exception {
		Map<String, Integer> sessionsPerUser = liveSessionsPerUser();
		assertThat(sessionsPerUser.values()).as("live sessions of any one user")
			.allSatisfy((count) -> assertThat(count).isLessThanOrEqualTo(MAX_SESSIONS_PER_USER));
		for (String name : load.failedLogins()) {
			assertThat(sessionsPerUser).as("sessions of %s, whose login was answered with an error", name)
				.doesNotContainKey(key(name));
		}
		for (Map.Entry<String, String> live : load.liveTokens().entrySet()) {
			assertThat(whoami(live.getValue())).as("whoami of %s, logged in (201) and not logged out", live.getKey())
				.isEqualTo(200);
		}
		for (String name : load.registered()) {
			if (!load.liveTokens().containsKey(name) && !load.uncertainLogouts().contains(name)) {
				assertThat(sessionsPerUser).as("sessions of %s, logged out or never logged in", name)
					.doesNotContainKey(key(name));
			}
		}
	}

	/** Live sessions by user (name key), counted from the session hashes in Redis. */
	Map<String, Integer> liveSessionsPerUser() {
		return this.cluster.redis().call((connection) -> {
			Map<String, Integer> counts = new HashMap<>();
			ScanCursor cursor = ScanCursor.INITIAL;
			do {
				KeyScanCursor<String> page = connection.sync()
					.scan(cursor, ScanArgs.Builder.matches("uc:session:*").limit(500));
				long now = System.currentTimeMillis();
				for (String sessionKey : page.getKeys()) {
					List<String> fields = connection.sync()
						.hmget(sessionKey, "nameKey", "expiresAt")
						.stream()
						.map((field) -> field.getValueOrElse(null))
						.toList();
					// a session past its expiry is dead, whether or not a sweeper has
					// ended it
					if (fields.get(0) != null && fields.get(1) != null && Long.parseLong(fields.get(1)) > now) {
						counts.merge(fields.get(0), 1, Integer::sum);
					}
				}
				cursor = page;
			}
			while (!cursor.isFinished());
			return counts;
		});
	}

	int whoami(String token) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(uri("/api/v1/sessions/current"))
			.header("Authorization", "Bearer " + token)
			.timeout(Duration.ofSeconds(15))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
	}

	private URI uri(String path) {
		return this.cluster.gateway().uri(path);
	}

	/** The name key of the load's (ASCII) names. */
	private static String key(String name) {
		return name.toLowerCase(Locale.ROOT);
	}

}
