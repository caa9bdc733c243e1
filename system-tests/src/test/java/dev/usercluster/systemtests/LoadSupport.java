package dev.usercluster.systemtests;

import java.time.Duration;

import dev.usercluster.systemtests.harness.FaultCluster;
import dev.usercluster.systemtests.load.MixedLoad;

import static org.awaitility.Awaitility.await;

/** Starting a load on a cluster and letting it run for a while, bounded. */
final class LoadSupport {

	/** How many users act at once. */
	static final int WORKERS = 4;

	/** No load runs longer than this, whatever happens to the test. */
	static final Duration LOAD_LIMIT = Duration.ofSeconds(420);

	private LoadSupport() {
	}

	static MixedLoad start(FaultCluster cluster, String fault) {
		String prefix = fault + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
		return new MixedLoad(cluster.gateway().uri("/"), prefix, WORKERS, LOAD_LIMIT);
	}

	/**
	 * Wait until this many calls were sent after the given instant (the load runs on).
	 */
	static void awaitCallsAfter(MixedLoad load, long millis, int calls) {
		await("" + calls + " calls").atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> load.answers((answer) -> answer.startMillis() > millis).size() >= calls);
	}

	/** Let the load run this long (a fault's duration): a bounded wait for nothing. */
	static void hold(Duration duration) {
		await().pollDelay(duration).atMost(duration.plusSeconds(5)).until(() -> true);
	}

}
