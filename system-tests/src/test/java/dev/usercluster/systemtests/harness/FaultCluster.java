package dev.usercluster.systemtests.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.jayway.jsonpath.JsonPath;
import dev.usercluster.embedded.ServerProperties;

/**
 * A whole cluster of separate processes for fault tests, each on free ports with its data
 * under {@code target/system-tests/<name>}: a private Redis, MariaDB and ZooKeeper, some
 * followers (the runnable jar, with a test-only hook to expire their ZooKeeper session)
 * and the gateway. Short timeouts keep failover quick. {@link #close()} stops everything,
 * newest first; a JVM shutdown hook kills whatever is left.
 */
public final class FaultCluster implements AutoCloseable {

	/** The gateway's connect timeout to a follower. */
	public static final Duration CONNECT_TIMEOUT = Duration.ofMillis(500);

	/** The gateway's read timeout; longer than a follower's slowest store failure. */
	public static final Duration READ_TIMEOUT = Duration.ofSeconds(5);

	/**
	 * A follower's ZooKeeper session timeout: how long a crashed follower stays
	 * registered.
	 */
	public static final Duration SESSION_TIMEOUT = Duration.ofSeconds(4);

	public static final String ADMIN_TOKEN = "system-tests-admin-token-0123456789";

	private static final Duration KNOWN_WAIT = Duration.ofSeconds(30);

	private final Path directory;

	private final RedisProcess redis;

	private final List<RedisProcess> redisCluster;

	private final MariaDbProcess mariaDb;

	private final List<ZooKeeperProcess> zooKeepers;

	private final ZooKeeperProcess zooKeeper;

	private final List<ServiceProcess> followers = new CopyOnWriteArrayList<>();

	private final List<ManagedProcess> started = new CopyOnWriteArrayList<>();

	private final ServiceProcess gateway;

	private int followerCount;

	/**
	 * Start a cluster; on failure, stop what was started and rethrow.
	 * @param name the folder under {@code target/system-tests}
	 * @param followers how many followers
	 */
	public FaultCluster(String name, int followers) {
		this(name, followers, 1);
	}

	/**
	 * Start a cluster; on failure, stop what was started and rethrow.
	 * @param name the folder under {@code target/system-tests}
	 * @param followers how many followers
	 * @param zooKeeperServers 1 for a standalone ZooKeeper, 3 (or 5) for an ensemble
	 */
	public FaultCluster(String name, int followers, int zooKeeperServers) {
		this(name, followers, zooKeeperServers, false);
	}

	/**
	 * Start a cluster; on failure, stop what was started and rethrow.
	 * @param name the folder under {@code target/system-tests}
	 * @param followers how many followers
	 * @param zooKeeperServers 1 for a standalone ZooKeeper, 3 (or 5) for an ensemble
	 * @param redisCluster whether the followers use a Redis Cluster (3 masters with a
	 * replica each: {@link RedisClusterProcesses}) instead of one Redis
	 */
	public FaultCluster(String name, int followers, int zooKeeperServers, boolean redisCluster) {
		this.directory = Path.of("target", "system-tests", name).toAbsolutePath();
		deleteRecursively(this.directory);
		long start = System.nanoTime();
		try {
			if (redisCluster) {
				this.redisCluster = RedisClusterProcesses.start(this.directory.resolve("redis-cluster"), this.started);
				this.redis = this.redisCluster.get(0);
			}
			else {
				this.redisCluster = List.of();
				this.redis = started(new RedisProcess(this.directory.resolve("redis")));
			}
			this.mariaDb = started(new MariaDbProcess(this.directory.resolve("mariadb")));
			this.zooKeepers = (zooKeeperServers == 1)
					? List.of(ZooKeeperProcess.standalone(this.directory.resolve("zookeeper")))
					: ZooKeeperProcess.ensemble(this.directory.resolve("zookeeper"), zooKeeperServers);
			// an ensemble serves only once a quorum is up: launch every member, then wait
			this.zooKeepers.forEach((server) -> {
				this.started.add(server);
				server.launch();
			});
			this.zooKeepers.forEach(ZooKeeperProcess::awaitReady);
			this.zooKeeper = this.zooKeepers.get(0);
			List<ServiceProcess> launched = new ArrayList<>();
			for (int i = 0; i < followers; i++) {
				ServiceProcess follower = newFollower();
				follower.launch();
				launched.add(follower);
			}
			launched.forEach(ServiceProcess::awaitReady);
			this.gateway = new ServiceProcess("gateway", this.directory.resolve("gateway"), jar("gateway-master"),
					gatewayProperties());
			started(this.gateway);
			awaitGatewayKnows(followers);
		}
		catch (RuntimeException | Error ex) {
			close();
			throw ex;
		}
		System.out.printf("[%s] cluster up in %.1f s: %s%n", name, (System.nanoTime() - start) / 1e9, this);
	}

	private <P extends ManagedProcess> P started(P process) {
		this.started.add(process);
		process.start();
		return process;
	}

	/**
	 * A new follower (not yet started), counted in {@link #followers()}.
	 * @return the follower
	 */
	public ServiceProcess newFollower() {
		this.followerCount++;
		String name = "follower-" + this.followerCount;
		ServiceProcess follower = new ServiceProcess(name, this.directory.resolve(name), jar("user-follower"),
				followerProperties())
			.withLoaderPath(hooks());
		this.followers.add(follower);
		this.started.add(follower);
		return follower;
	}

	private Map<String, String> followerProperties() {
		ServerProperties servers = ServerProperties.none()
			.mysql(this.mariaDb.jdbcUrl("user_cluster", "connectTimeout=5000&socketTimeout=10000"), "root", "")
			.poolSize(10)
			.zooKeeper(this.zooKeeper.connectString())
			.loopbackRegistration();
		servers = this.redisCluster.isEmpty() ? servers.redis("127.0.0.1", this.redis.port(), 0)
				: servers.redisCluster(RedisClusterProcesses.nodes(this.redisCluster));
		Map<String, String> properties = new LinkedHashMap<>(servers.asMap());
		properties.put("spring.cloud.zookeeper.session-timeout", SESSION_TIMEOUT.toMillis() + "ms");
		properties.put("user-cluster.admin.token", ADMIN_TOKEN);
		// hashing cost is not under test: the 2 cores are for the processes' own work
		properties.put("user-cluster.passwords.memory-kib", "1024");
		properties.put("user-cluster.passwords.iterations", "1");
		// the load registers hundreds of users from one address
		properties.put("user-cluster.throttle.registration.attempts", "100000");
		properties.put("management.endpoints.web.exposure.include", "health,prometheus,zookeepersession");
		properties.put("logging.level.org.apache.zookeeper", "WARN");
		return properties;
	}

	private Map<String, String> gatewayProperties() {
		Map<String, String> properties = new LinkedHashMap<>(
				ServerProperties.none().zooKeeper(this.zooKeeper.connectString()).asMap());
		properties.put("user-cluster.routing.connect-timeout", CONNECT_TIMEOUT.toMillis() + "ms");
		properties.put("user-cluster.routing.read-timeout", READ_TIMEOUT.toMillis() + "ms");
		properties.put("management.endpoint.health.show-components", "always");
		properties.put("management.endpoint.health.show-details", "always");
		properties.put("logging.level.org.apache.zookeeper", "WARN");
		return properties;
	}

	/** The Redis, or the first node of the Redis Cluster. */
	public RedisProcess redis() {
		return this.redis;
	}

	/** The nodes of the Redis Cluster (empty when the followers use one Redis). */
	public List<RedisProcess> redisCluster() {
		return this.redisCluster;
	}

	public MariaDbProcess mariaDb() {
		return this.mariaDb;
	}

	/** The ZooKeeper server, or the first member of the ensemble. */
	public ZooKeeperProcess zooKeeper() {
		return this.zooKeeper;
	}

	/** Every ZooKeeper server: one, or the members of the ensemble. */
	public List<ZooKeeperProcess> zooKeepers() {
		return this.zooKeepers;
	}

	public ServiceProcess gateway() {
		return this.gateway;
	}

	/** The followers ever started, running or not. */
	public List<ServiceProcess> followers() {
		return this.followers;
	}

	/** The followers whose process runs. */
	public List<ServiceProcess> runningFollowers() {
		return this.followers.stream().filter(ManagedProcess::isAlive).toList();
	}

	/**
	 * How many followers the gateway routes to, from its readiness details.
	 * @return the count, or -1 when the gateway does not say
	 */
	public int followersKnownToGateway() {
		var response = this.gateway.get("/actuator/health/readiness");
		if (response == null) {
			return -1;
		}
		Integer count = JsonPath.read(response.body(), "$.components.followers.details.instances");
		return count;
	}

	/** Wait (bounded) until the gateway routes to exactly this many followers. */
	public void awaitGatewayKnows(int count) {
		this.gateway.awaitOrFail("routing to " + count + " followers", KNOWN_WAIT,
				() -> followersKnownToGateway() == count);
	}

	/** The followers registered in ZooKeeper now, by port. */
	public Map<Integer, Registrations.Registration> registrations() {
		return Registrations.read(this.zooKeeper.connectString());
	}

	private static Path jar(String module) {
		Path apps = Path.of(System.getProperty("system-tests.apps", "target/apps"));
		return apps.resolve(module + ".jar").toAbsolutePath();
	}

	private static Path hooks() {
		return Path.of(System.getProperty("system-tests.hooks", "target/test-classes")).toAbsolutePath();
	}

	/** Stops every process, newest first. */
	@Override
	public void close() {
		List<ManagedProcess> newestFirst = new ArrayList<>(this.started);
		Collections.reverse(newestFirst);
		for (ManagedProcess process : newestFirst) {
			try {
				process.stop();
			}
			catch (RuntimeException ex) {
				process.kill();
			}
		}
	}

	private static void deleteRecursively(Path path) {
		if (!Files.exists(path)) {
			return;
		}
		try (var paths = Files.walk(path)) {
			paths.sorted(Collections.reverseOrder()).forEach((each) -> each.toFile().delete());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public String toString() {
		return "redis :" + this.redis.port() + ", mariadb :" + this.mariaDb.port() + ", zookeeper "
				+ this.zooKeeper.connectString() + ", followers "
				+ this.followers.stream().map((f) -> ":" + f.port()).toList() + ", gateway :"
				+ ((this.gateway != null) ? this.gateway.port() : "-");
	}

}
