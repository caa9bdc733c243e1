package dev.usercluster.systemtests;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.usercluster.systemtests.harness.FaultCluster;
import dev.usercluster.systemtests.harness.ServiceProcess;
import dev.usercluster.systemtests.load.Answer;
import dev.usercluster.systemtests.load.MixedLoad;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Faults of the followers themselves, under a mixed load through the gateway, on one
 * cluster of separate processes with two followers: a crash (SIGKILL), a rolling restart
 * and a follower that stops answering (SIGSTOP) for 15 s.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FollowerFaultsIntegrationTests {

	private static final int FOLLOWERS = 2;

	@RegisterExtension
	static final ClusterExtension clusterExtension = new ClusterExtension("follower-faults", FOLLOWERS);

	private FaultCluster cluster;

	private ClusterState state;

	@BeforeEach
	void useCluster() {
		this.cluster = clusterExtension.cluster();
		this.state = clusterExtension.state();
	}

	/** Each fault starts from a whole cluster, whatever the previous one left. */
	@AfterEach
	void restoreFollowers() {
		for (ServiceProcess follower : this.cluster.followers()) {
			follower.resume();
			if (!follower.isAlive()) {
				follower.start();
			}
		}
		this.cluster.awaitGatewayKnows(FOLLOWERS);
	}

	@Test
	@Order(1)
	void killedFollowerCostsNoCallThatCanBeRetried() throws Exception {
		ServiceProcess victim = this.cluster.runningFollowers().get(0);
		long killedAt;
		long diedAt;
		long droppedAt;
		MixedLoad load = LoadSupport.start(cluster, "kill");
		try (load) {
			LoadSupport.awaitCallsAfter(load, 0, 100);
			killedAt = System.currentTimeMillis();
			victim.kill();
			diedAt = System.currentTimeMillis();
			this.cluster.awaitGatewayKnows(FOLLOWERS - 1);
			droppedAt = System.currentTimeMillis();
			LoadSupport.awaitCallsAfter(load, droppedAt, 100);
		}
		// a POST or PATCH under way on the follower while it died (from SIGKILL until its
		// exit was seen) may have taken effect: the gateway does not repeat it (SPEC), so
		// it may fail
		List<Answer> unsafeInFlight = load.answers((answer) -> !answer.call().isRetriedAfterTimeout()
				&& answer.startMillis() <= diedAt && answer.endMillis() >= killedAt);
		List<Answer> errors = load.answers((answer) -> !answer.isSuccess() && !unsafeInFlight.contains(answer));
		Map<String, String> figures = new LinkedHashMap<>();
		figures.put("killed", victim.name() + " (SIGKILL), " + FOLLOWERS + " followers");
		figures.put("gateway stopped routing to it after", Report.seconds(droppedAt - killedAt));
		figures.put("client-visible errors (calls that can be retried)", Integer.toString(errors.size()));
		figures.put("POST/PATCH in flight on the kill, not repeated by the SPEC", unsafeInFlight.size()
				+ ", of which failed: " + unsafeInFlight.stream().filter((answer) -> !answer.isSuccess()).toList());
		Report.print("1. SIGKILL one of two followers", load.answers(), figures);
		assertThat(errors).as("client-visible errors").isEmpty();
		this.state.assertEveryRegistrationStored(load);
		this.state.assertSessionsWithinRule(load);
	}

	@Test
	@Order(2)
	void rollingRestartOfEveryFollowerCostsNoCall() throws Exception {
		Map<String, String> figures = new LinkedHashMap<>();
		MixedLoad load = LoadSupport.start(cluster, "roll");
		try (load) {
			LoadSupport.awaitCallsAfter(load, 0, 100);
			for (ServiceProcess follower : this.cluster.runningFollowers()) {
				long stoppedAt = System.currentTimeMillis();
				follower.restartOnNewPort();
				this.cluster.awaitGatewayKnows(FOLLOWERS);
				figures.put(follower.name() + " stopped (SIGTERM) and back in rotation after",
						Report.seconds(System.currentTimeMillis() - stoppedAt));
				LoadSupport.awaitCallsAfter(load, System.currentTimeMillis(), 50);
			}
		}
		List<Answer> errors = load.answers((answer) -> !answer.isSuccess());
		figures.put("client-visible errors", errors.size() + " " + errors);
		Report.print("5. Rolling restart of every follower", load.answers(), figures);
		assertThat(errors).as("client-visible errors").isEmpty();
		this.state.assertEveryRegistrationStored(load);
		this.state.assertSessionsWithinRule(load);
	}

	@Test
	@Order(3)
	void pausedFollowerIsFailedOverAtTheReadTimeout() throws Exception {
		ServiceProcess victim = this.cluster.runningFollowers().get(0);
		Duration pause = Duration.ofSeconds(15);
		long pausedAt;
		long droppedAt;
		long resumedAt;
		long backAt;
		MixedLoad load = LoadSupport.start(cluster, "stop");
		try (load) {
			LoadSupport.awaitCallsAfter(load, 0, 100);
			pausedAt = System.currentTimeMillis();
			victim.pause();
			this.cluster.awaitGatewayKnows(FOLLOWERS - 1);
			droppedAt = System.currentTimeMillis();
			LoadSupport.hold(pause.minusMillis(droppedAt - pausedAt));
			resumedAt = System.currentTimeMillis();
			victim.resume();
			this.cluster.awaitGatewayKnows(FOLLOWERS);
			backAt = System.currentTimeMillis();
			LoadSupport.awaitCallsAfter(load, backAt, 100);
		}
		// connect + read timeout on the silent follower, then one retry on a live one
		Duration bound = FaultCluster.CONNECT_TIMEOUT.plus(FaultCluster.READ_TIMEOUT).plusSeconds(2);
		List<Answer> retried = load.answers((answer) -> answer.call().isRetriedAfterTimeout());
		List<Answer> retriedErrors = retried.stream().filter((answer) -> !answer.isSuccess()).toList();
		// a POST or PATCH sent to the silent follower is not repeated: it may fail,
		// as 502 follower-failed, at the read timeout, but only while it was in rotation;
		// that includes a call sent just before the SIGSTOP and still unanswered at it
		// (seen in CI: a heartbeat sent a few ms before pausedAt)
		List<Answer> otherErrors = load
			.answers((answer) -> !answer.call().isRetriedAfterTimeout() && !answer.isSuccess()
					&& !(answer.status() == 502 && answer.startMillis() + answer.durationMillis() >= pausedAt
							&& answer.startMillis() <= droppedAt));
		List<Answer> failedWrites = load
			.answers((answer) -> !answer.call().isRetriedAfterTimeout() && !answer.isSuccess());
		List<Answer> tooSlow = load.answers((answer) -> answer.durationMillis() > bound.toMillis());
		long slowestGet = retried.stream().mapToLong(Answer::durationMillis).max().orElse(0);
		Map<String, String> figures = new LinkedHashMap<>();
		figures.put("paused", victim.name() + " (SIGSTOP) for " + pause.toSeconds() + " s, then SIGCONT");
		figures.put("timeouts",
				"connect " + FaultCluster.CONNECT_TIMEOUT.toMillis() + " ms, read "
						+ FaultCluster.READ_TIMEOUT.toMillis() + " ms, ZooKeeper session "
						+ FaultCluster.SESSION_TIMEOUT.toMillis() + " ms");
		figures.put("gateway stopped routing to it after", Report.seconds(droppedAt - pausedAt));
		figures.put("re-registered and routed to after SIGCONT", Report.seconds(backAt - resumedAt));
		figures.put("GET/DELETE errors", Integer.toString(retriedErrors.size()));
		figures.put("slowest GET/DELETE", slowestGet + " ms (bound " + bound.toMillis() + " ms)");
		figures.put("POST/PATCH failed (sent to the silent follower, not repeated by the SPEC)",
				failedWrites.size() + " " + failedWrites);
		Report.print("6. SIGSTOP a follower for 15 s", load.answers(), figures);
		assertThat(retriedErrors).as("GET and DELETE errors").isEmpty();
		assertThat(otherErrors).as("other errors").isEmpty();
		assertThat(tooSlow).as("calls slower than connect + read timeout + one retry").isEmpty();
		this.state.assertEveryRegistrationStored(load);
		this.state.assertSessionsWithinRule(load);
	}

}
