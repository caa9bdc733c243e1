package dev.usercluster.systemtests;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import dev.usercluster.systemtests.harness.FaultCluster;
import dev.usercluster.systemtests.harness.ManagedProcess;
import dev.usercluster.systemtests.harness.Registrations.Registration;
import dev.usercluster.systemtests.harness.ServiceProcess;
import dev.usercluster.systemtests.load.Answer;
import dev.usercluster.systemtests.load.Call;
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
 * Faults of what the followers depend on, under a mixed load through the gateway, on one
 * cluster of separate processes: Redis and MariaDB killed (SIGKILL) for 10 s and started
 * again on their data, ZooKeeper stopped for 30 s, and a follower's ZooKeeper session
 * expired on the server.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DependencyFaultsIntegrationTests {

	private static final int FOLLOWERS = 2;

	@RegisterExtension
	static final ClusterExtension clusterExtension = new ClusterExtension("dependency-faults", FOLLOWERS);

	private static final Duration STORE_OUTAGE = Duration.ofSeconds(10);

	private static final Duration ZOOKEEPER_OUTAGE = Duration.ofSeconds(30);

	/** SPEC/issue: everything answers again this soon after a store's return. */
	private static final Duration RECOVERY = Duration.ofSeconds(5);

	private FaultCluster cluster;

	private ClusterState state;

	@BeforeEach
	void useCluster() {
		this.cluster = clusterExtension.cluster();
		this.state = clusterExtension.state();
	}

	/** Each fault starts from a whole cluster, whatever the previous one left. */
	@AfterEach
	void restoreServers() {
		for (ManagedProcess server : List.of(this.cluster.redis(), this.cluster.mariaDb(), this.cluster.zooKeeper())) {
			if (!server.isAlive()) {
				server.start();
			}
		}
		this.cluster.awaitGatewayKnows(FOLLOWERS);
	}

	@Test
	@Order(1)
	void redisKilledGivesStoreUnavailableThenEverythingAnswersAgain() throws Exception {
		StoreOutage outage = storeOutage("redis", this.cluster.redis(), Call::needsRedis);
		Report.print("2. Redis SIGKILLed for 10 s, restarted on its append-only file", outage.load.answers(),
				outage.figures());
		outage.assertFailedClosedAndRecovered(outage.probedLogin, outage.probedWhoami);
		this.state.assertEveryRegistrationStored(outage.load);
		this.state.assertSessionsWithinRule(outage.load);
	}

	@Test
	@Order(2)
	void mariaDbKilledGivesStoreUnavailableThenEverythingAnswersAgain() throws Exception {
		StoreOutage outage = storeOutage("mysql", this.cluster.mariaDb(), Call::needsMySql);
		Map<String, String> figures = outage.figures();
		for (ServiceProcess follower : this.cluster.runningFollowers()) {
			// the pool recovers: nobody waits for a connection, and not all are taken
			follower.awaitOrFail("connection pool settled", RECOVERY,
					() -> follower.metric("hikaricp_connections_pending", "") == 0 && follower
						.metric("hikaricp_connections_active", "") < follower.metric("hikaricp_connections_max", ""));
			figures.put(follower.name() + " pool after recovery",
					"active " + follower.metric("hikaricp_connections_active", "") + ", idle "
							+ follower.metric("hikaricp_connections_idle", "") + ", pending "
							+ follower.metric("hikaricp_connections_pending", "") + ", max "
							+ follower.metric("hikaricp_connections_max", ""));
		}
		Report.print("3. MariaDB SIGKILLed for 10 s, restarted (crash recovery)", outage.load.answers(), figures);
		outage.assertFailedClosedAndRecovered(outage.probedLogin, outage.probedRegister);
		this.state.assertEveryRegistrationStored(outage.load);
		this.state.assertSessionsWithinRule(outage.load);
	}

	@Test
	@Order(3)
	void zooKeeperStoppedLeavesRoutingAloneAndFollowersRegisterAgain() throws Exception {
		Map<Integer, Registration> before = this.cluster.registrations();
		long stoppedAt;
		long readyAt;
		long registeredAt;
		MixedLoad load = LoadSupport.start(cluster, "zk");
		try (load) {
			LoadSupport.awaitCallsAfter(load, 0, 100);
			stoppedAt = System.currentTimeMillis();
			this.cluster.zooKeeper().stop();
			LoadSupport.hold(ZOOKEEPER_OUTAGE);
			this.cluster.zooKeeper().start();
			readyAt = System.currentTimeMillis();
			this.cluster.zooKeeper()
				.awaitOrFail("holding both followers' registrations", Duration.ofSeconds(30),
						() -> this.cluster.registrations().keySet().equals(before.keySet()));
			registeredAt = System.currentTimeMillis();
			this.cluster.awaitGatewayKnows(FOLLOWERS);
			LoadSupport.awaitCallsAfter(load, System.currentTimeMillis(), 100);
		}
		Map<Integer, Registration> after = this.cluster.registrations();
		List<Answer> errors = load.answers((answer) -> !answer.isSuccess());
		List<Answer> duringOutage = load
			.answers((answer) -> answer.startMillis() > stoppedAt && answer.endMillis() < readyAt);
		Map<String, String> figures = new LinkedHashMap<>();
		figures.put("ZooKeeper stopped (SIGTERM) for", Report.seconds(readyAt - stoppedAt));
		figures.put("calls answered while it was down", Long.toString(duringOutage.size()));
		figures.put("client-visible errors", errors.size() + " " + errors.stream().limit(10).toList());
		figures.put("both followers registered again after its return", Report.seconds(registeredAt - readyAt));
		figures.put("sessions before / after", sessions(before) + " / " + sessions(after));
		Report.print("4a. ZooKeeper stopped for 30 s", load.answers(), figures);
		assertThat(duringOutage).as("calls answered during the outage").isNotEmpty();
		assertThat(errors).as("client-visible errors").isEmpty();
		this.state.assertEveryRegistrationStored(load);
		this.state.assertSessionsWithinRule(load);
	}

	@Test
	@Order(4)
	void expiredZooKeeperSessionRegistersTheFollowerAgain() throws Exception {
		ServiceProcess victim = this.cluster.runningFollowers().get(0);
		long oldSession = this.cluster.registrations().get(victim.port()).sessionId();
		long expiredAt;
		long registeredAt;
		MixedLoad load = LoadSupport.start(cluster, "exp");
		String expired;
		try (load) {
			LoadSupport.awaitCallsAfter(load, 0, 100);
			expiredAt = System.currentTimeMillis();
			expired = expireZooKeeperSession(victim);
			victim.awaitOrFail("registered with a new session", Duration.ofSeconds(30), () -> {
				Registration registration = this.cluster.registrations().get(victim.port());
				return registration != null && registration.sessionId() != oldSession;
			});
			registeredAt = System.currentTimeMillis();
			this.cluster.awaitGatewayKnows(FOLLOWERS);
			LoadSupport.awaitCallsAfter(load, System.currentTimeMillis(), 100);
		}
		List<Answer> errors = load.answers((answer) -> !answer.isSuccess());
		Map<String, String> figures = new LinkedHashMap<>();
		figures.put("expired",
				victim.name() + "'s session 0x" + Long.toHexString(oldSession) + " (hook answered " + expired + ")");
		figures.put(
				"registered again, new session 0x"
						+ Long.toHexString(this.cluster.registrations().get(victim.port()).sessionId()) + ", after",
				Report.seconds(registeredAt - expiredAt));
		figures.put("client-visible errors", errors.size() + " " + errors.stream().limit(10).toList());
		Report.print("4b. ZooKeeper session of a follower expired", load.answers(), figures);
		assertThat(errors).as("client-visible errors").isEmpty();
		this.state.assertEveryRegistrationStored(load);
		this.state.assertSessionsWithinRule(load);
	}

	private static String expireZooKeeperSession(ServiceProcess follower) throws Exception {
		HttpClient http = HttpClient.newHttpClient();
		URI uri = follower.uri("/actuator/zookeepersession");
		HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri)
			// longer than the hook's slowest answer: 3 tries of up to 10 s connecting,
			// 5 s joining, 5 s closing
			.timeout(Duration.ofSeconds(75))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode())
			.as("the expiry hook's answer: %s (%s's log: %s)", response.body(), follower.name(), follower.log())
			.isEqualTo(200);
		return response.body();
	}

	private static List<String> sessions(Map<Integer, Registration> registrations) {
		return registrations.values()
			.stream()
			.map((registration) -> "0x" + Long.toHexString(registration.sessionId()))
			.toList();
	}

	private StoreOutage storeOutage(String store, ManagedProcess server, Predicate<Call> needsStore) throws Exception {
		Probe probe = new Probe(this.cluster.gateway().uri("/"),
				"p" + store.substring(0, 1) + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36));
		MixedLoad load = LoadSupport.start(this.cluster, store.substring(0, 2));
		StoreOutage outage = new StoreOutage(store, load, needsStore);
		try (load) {
			LoadSupport.awaitCallsAfter(load, 0, 100);
			server.kill();
			// after kill() has reaped the process: a call sent while it was dying
			// may still have had its answer from the store
			outage.killedAt = System.currentTimeMillis();
			// one call of each kind the SPEC names, while the store is down
			CompletableFuture<Probe.Result> login = CompletableFuture.supplyAsync(probe::login);
			CompletableFuture<Probe.Result> whoami = CompletableFuture.supplyAsync(probe::whoami);
			CompletableFuture<Probe.Result> register = CompletableFuture.supplyAsync(probe::register);
			LoadSupport.hold(STORE_OUTAGE);
			outage.probedLogin = login.get(30, TimeUnit.SECONDS);
			outage.probedWhoami = whoami.get(30, TimeUnit.SECONDS);
			outage.probedRegister = register.get(30, TimeUnit.SECONDS);
			outage.restartedAt = System.currentTimeMillis();
			server.start();
			outage.readyAt = System.currentTimeMillis();
			CompletableFuture<Long> loginBack = CompletableFuture
				.supplyAsync(() -> firstSuccess(() -> probe.login().status() == 201));
			CompletableFuture<Long> whoamiBack = CompletableFuture
				.supplyAsync(() -> firstSuccess(() -> probe.whoami().status() == 200));
			CompletableFuture<Long> registerBack = CompletableFuture
				.supplyAsync(() -> firstSuccess(() -> probe.register().status() == 201));
			outage.loginBack = loginBack.get(60, TimeUnit.SECONDS) - outage.readyAt;
			outage.whoamiBack = whoamiBack.get(60, TimeUnit.SECONDS) - outage.readyAt;
			outage.registerBack = registerBack.get(60, TimeUnit.SECONDS) - outage.readyAt;
			LoadSupport.awaitCallsAfter(load, outage.readyAt + RECOVERY.toMillis(), 100);
		}
		return outage;
	}

	/**
	 * Send a call every 250 ms, each on its own thread so that a slow failure does not
	 * delay the next, until one succeeds (at most 30 s).
	 * @return when the first success came (epoch milliseconds), or a day from now
	 */
	private static long firstSuccess(BooleanSupplier call) {
		ExecutorService senders = Executors.newCachedThreadPool();
		CompletableFuture<Long> first = new CompletableFuture<>();
		try {
			long deadline = System.currentTimeMillis() + 30_000;
			while (!first.isDone() && System.currentTimeMillis() < deadline) {
				senders.execute(() -> {
					if (call.getAsBoolean()) {
						first.complete(System.currentTimeMillis());
					}
				});
				try {
					first.get(250, TimeUnit.MILLISECONDS);
				}
				catch (TimeoutException ex) {
					// not yet: send the next
				}
			}
			return first.getNow(System.currentTimeMillis() + Duration.ofDays(1).toMillis());
		}
		catch (InterruptedException | ExecutionException ex) {
			throw new IllegalStateException(ex);
		}
		finally {
			senders.shutdownNow();
		}
	}

	/** What a load saw of one store's outage. */
	private static final class StoreOutage {

		final String store;

		final MixedLoad load;

		final Predicate<Call> needsStore;

		long killedAt;

		long restartedAt;

		long readyAt;

		Probe.Result probedLogin;

		Probe.Result probedWhoami;

		Probe.Result probedRegister;

		long loginBack;

		long whoamiBack;

		long registerBack;

		StoreOutage(String store, MixedLoad load, Predicate<Call> needsStore) {
			this.store = store;
			this.load = load;
			this.needsStore = needsStore;
		}

		List<Answer> duringOutage() {
			return this.load.answers((answer) -> this.needsStore.test(answer.call())
					&& answer.startMillis() > this.killedAt && answer.endMillis() < this.restartedAt);
		}

		List<Answer> unavailableAfterRecovery() {
			return this.load
				.answers((answer) -> !answer.isSuccess() && answer.startMillis() > this.readyAt + RECOVERY.toMillis());
		}

		long lastUnavailable() {
			return this.load.answers()
				.stream()
				.filter(Answer::isStoreUnavailable)
				.mapToLong(Answer::endMillis)
				.max()
				.orElse(this.readyAt);
		}

		Map<String, String> figures() {
			Map<String, String> figures = new LinkedHashMap<>();
			List<Answer> notSpec = this.load.answers((answer) -> !answer.isSuccess() && !answer.isStoreUnavailable());
			figures.put("killed (SIGKILL) for", Report.seconds(this.restartedAt - this.killedAt) + ", back up "
					+ Report.seconds(this.readyAt - this.restartedAt) + " after its restart");
			figures.put("calls needing " + this.store + " during the outage",
					this.duringOutage().size() + ", of which 503 store-unavailable: "
							+ this.duringOutage().stream().filter(Answer::isStoreUnavailable).count());
			figures.put("answers other than success or 503 store-unavailable",
					notSpec.size() + " " + notSpec.stream().limit(10).toList());
			figures.put("probe calls during the outage", "login " + this.probedLogin + ", whoami " + this.probedWhoami
					+ ", register " + this.probedRegister);
			figures.put("last 503 store-unavailable of the load, after its return",
					Report.seconds(lastUnavailable() - this.readyAt));
			figures.put("probe answered again after its return", "login " + Report.seconds(this.loginBack) + ", whoami "
					+ Report.seconds(this.whoamiBack) + ", register " + Report.seconds(this.registerBack));
			return figures;
		}

		void assertFailedClosedAndRecovered(Probe.Result... mustBeUnavailable) {
			assertThat(mustBeUnavailable).as("probe calls needing %s during the outage", this.store)
				.allSatisfy((result) -> assertThat(result.isStoreUnavailable()).as("503 store-unavailable: %s", result)
					.isTrue());
			assertThat(List.of(this.loginBack, this.whoamiBack, this.registerBack))
				.as("login, whoami, register answering again after %s's return (ms)", this.store)
				.allSatisfy((millis) -> assertThat(millis).isBetween(0L, RECOVERY.toMillis()));
			assertThat(duringOutage()).as("calls needing %s during the outage", this.store)
				.isNotEmpty()
				.allSatisfy((answer) -> assertThat(answer.isStoreUnavailable()).as("503 store-unavailable: %s", answer)
					.isTrue());
			assertThat(this.load.answers((answer) -> !answer.isSuccess() && !answer.isStoreUnavailable()))
				.as("answers other than success or 503 store-unavailable")
				.isEmpty();
			assertThat(unavailableAfterRecovery()).as("failures more than %s after %s's return", RECOVERY, this.store)
				.isEmpty();
		}

	}

}
