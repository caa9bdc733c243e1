package dev.usercluster.systemtests.harness;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import dev.usercluster.embedded.Ports;
import dev.usercluster.embedded.RedisClusterCreate;

import static org.awaitility.Awaitility.await;

/**
 * A Redis Cluster of separate {@code redis-server} processes for fault tests: three
 * masters, each with one replica, joined by {@code redis-cli --cluster create}. Nodes
 * time out after 2 s ({@code cluster-node-timeout}), so a killed master's replica takes
 * over within seconds. Each node is a {@link RedisProcess} (append-only file synced on
 * every write) that a test may kill, pause or restart.
 */
public final class RedisClusterProcesses {

	/** How long a node may be unreachable before the cluster fails it over. */
	public static final Duration NODE_TIMEOUT = Duration.ofSeconds(2);

	private static final Duration WAIT = Duration.ofSeconds(60);

	private RedisClusterProcesses() {
	}

	/**
	 * Start six nodes and join them; every process goes into {@code started} as it
	 * starts, so the caller stops them even when this fails.
	 * @param directory the cluster's folder
	 * @param started where to record each process
	 * @return the nodes, the three first-made masters first
	 */
	static List<RedisProcess> start(Path directory, List<ManagedProcess> started) {
		List<RedisProcess> nodes = new ArrayList<>();
		List<Integer> ports = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			int port = Ports.freeWithClusterBus(ports);
			ports.add(port);
			Path nodeDirectory = directory.resolve("node-" + port);
			RedisProcess node = new RedisProcess("redis-" + port, nodeDirectory, port,
					List.of("--cluster-enabled", "yes", "--cluster-config-file",
							nodeDirectory.resolve("nodes.conf").toString(), "--cluster-node-timeout",
							Long.toString(NODE_TIMEOUT.toMillis())));
			started.add(node);
			node.launch();
			nodes.add(node);
		}
		nodes.forEach(RedisProcess::awaitReady);
		RedisClusterCreate.join(ports, directory.resolve("create.log"), WAIT);
		await("the Redis Cluster serving every slot").atMost(WAIT)
			.pollInterval(Duration.ofMillis(200))
			.until(() -> nodes.stream().allMatch((node) -> info(node, "cluster").contains("cluster_state:ok")));
		return nodes;
	}

	/** {@code 127.0.0.1:port} of every node, joined by commas. */
	static String nodes(List<RedisProcess> nodes) {
		return nodes.stream().map((node) -> "127.0.0.1:" + node.port()).collect(Collectors.joining(","));
	}

	/** A section of a node's {@code INFO} (or {@code CLUSTER INFO} for "cluster"). */
	public static String info(RedisProcess node, String section) {
		try {
			return node.call((connection) -> "cluster".equals(section) ? connection.sync().clusterInfo()
					: connection.sync().info(section));
		}
		catch (RuntimeException ex) {
			return "";
		}
	}

	/** Whether a node is a master now (it may have been promoted). */
	public static boolean isMaster(RedisProcess node) {
		return node.isAlive() && info(node, "replication").contains("role:master");
	}

	/** The running nodes that replicate from a master now. */
	public static List<RedisProcess> replicasOf(RedisProcess master, List<RedisProcess> nodes) {
		return nodes.stream()
			.filter(RedisProcess::isAlive)
			.filter((node) -> info(node, "replication").contains("master_port:" + master.port()))
			.toList();
	}

	/** How many keys a node holds. */
	public static long keys(RedisProcess node) {
		return node.call((connection) -> connection.sync().dbsize());
	}

}
