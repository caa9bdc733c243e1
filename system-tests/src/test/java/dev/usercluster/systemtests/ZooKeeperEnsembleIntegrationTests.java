package dev.usercluster.systemtests;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.usercluster.systemtests.harness.FaultCluster;
import dev.usercluster.systemtests.harness.ZooKeeperProcess;
import dev.usercluster.systemtests.load.Answer;
import dev.usercluster.systemtests.load.MixedLoad;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 13: followers and the gateway on a three-server ZooKeeper ensemble (Debian's
 * server, separate processes); the leader is killed under load.
 */
class ZooKeeperEnsembleIntegrationTests {

	private static final int FOLLOWERS = 2;

	@RegisterExtension
	static final ClusterExtension clusterExtension = new ClusterExtension("zookeeper-ensemble", FOLLOWERS, 3);

	@Test
	void killedLeaderCostsNoCallAndFollowersStayRegistered() throws Exception {
		FaultCluster cluster = clusterExtension.cluster();
		Set<Integer> registered = cluster.registrations().keySet();
		assertThat(registered).hasSize(FOLLOWERS);
		ZooKeeperProcess leader = cluster.zooKeepers()
			.stream()
			.filter((server) -> "leader".equals(server.mode()))
			.findFirst()
			.orElseThrow();
		long killedAt;
		long electedAt;
		MixedLoad load = LoadSupport.start(cluster, "ens");
		try (load) {
			LoadSupport.awaitCallsAfter(load, 0, 100);
			killedAt = System.currentTimeMillis();
			leader.kill();
			List<ZooKeeperProcess> rest = cluster.zooKeepers().stream().filter((server) -> server != leader).toList();
			rest.get(0)
				.awaitOrFail("part of a new quorum", Duration.ofSeconds(30),
						() -> rest.stream().anyMatch((server) -> "leader".equals(server.mode())));
			electedAt = System.currentTimeMillis();
			// past the followers' session timeout: a session not moved to a live server
			// would have expired by now
			LoadSupport.hold(FaultCluster.SESSION_TIMEOUT.multipliedBy(2));
			LoadSupport.awaitCallsAfter(load, System.currentTimeMillis(), 100);
		}
		List<Answer> errors = load.answers((answer) -> !answer.isSuccess());
		Map<String, String> figures = new LinkedHashMap<>();
		figures.put("killed (SIGKILL)", leader.name() + ", the leader of " + cluster.zooKeepers().size());
		figures.put("new leader elected after", Report.seconds(electedAt - killedAt));
		figures.put("followers registered before / after", registered + " / " + cluster.registrations().keySet());
		figures.put("client-visible errors", errors.size() + " " + errors.stream().limit(10).toList());
		Report.print("13. ZooKeeper ensemble: leader SIGKILLed", load.answers(), figures);
		assertThat(errors).as("client-visible errors").isEmpty();
		assertThat(cluster.registrations().keySet()).as("followers registered").isEqualTo(registered);
		assertThat(cluster.followersKnownToGateway()).as("followers the gateway routes to").isEqualTo(FOLLOWERS);
		clusterExtension.state().assertEveryRegistrationStored(load);
		clusterExtension.state().assertSessionsWithinRule(load);
	}

}
