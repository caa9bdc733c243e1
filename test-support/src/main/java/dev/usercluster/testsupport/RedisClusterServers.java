package dev.usercluster.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import dev.usercluster.embedded.Ports;
import dev.usercluster.embedded.RedisClusterCreate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A private Redis Cluster for tests that must run on one
 * ({@code TEST_REDIS_CLUSTER=private}): three masters, each with a replica, as Debian's
 * {@code redis-server} processes on free ports of 127.0.0.1 with their data under
 * {@code target/}, joined by {@code redis-cli --cluster create}. Started once per JVM and
 * stopped when the JVM exits. Every wait is bounded.
 */
final class RedisClusterServers {

	private static final Logger logger = LoggerFactory.getLogger(RedisClusterServers.class);

	private static final int NODES = 6;

	private static final long WAIT_MILLIS = 60_000;

	private RedisClusterServers() {
	}

	/**
	 * Start the cluster and wait until it serves every slot.
	 * @return its nodes, {@code 127.0.0.1:port} joined by commas
	 */
	static String start() {
		try {
			Path root = Files.createDirectories(Path.of("target").toAbsolutePath())
				.resolve("redis-cluster-" + ProcessHandle.current().pid());
			List<Integer> ports = new ArrayList<>();
			List<Process> processes = new ArrayList<>();
			Runtime.getRuntime()
				.addShutdownHook(new Thread(() -> processes.forEach(Process::destroyForcibly), "redis-cluster-stop"));
			for (int i = 0; i < NODES; i++) {
				int port = Ports.freeWithClusterBus(ports);
				Path directory = Files.createDirectories(root.resolve(Integer.toString(port)));
				processes.add(new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind",
						"127.0.0.1", "--cluster-enabled", "yes", "--cluster-config-file",
						directory.resolve("nodes.conf").toString(), "--cluster-node-timeout", "2000", "--dir",
						directory.toString(), "--save", "", "--appendonly", "no", "--maxmemory-policy", "noeviction",
						"--daemonize", "no")
					.redirectErrorStream(true)
					.redirectOutput(directory.resolve("redis.log").toFile())
					.start());
				ports.add(port);
			}
			for (int port : ports) {
				await("Redis on " + port, () -> "PONG".equals(command(port, "PING")));
			}
			RedisClusterCreate.join(ports, root.resolve("create.log"), Duration.ofMillis(WAIT_MILLIS));
			for (int port : ports) {
				await("the cluster on " + port, () -> command(port, "CLUSTER INFO").contains("cluster_state:ok"));
			}
			String nodes = ports.stream().map((port) -> "127.0.0.1:" + port).collect(Collectors.joining(","));
			logger.info("Private Redis Cluster: 3 masters, 3 replicas at {} (data in {})", nodes, root);
			return nodes;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start a private Redis Cluster (is redis-server installed?)", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static void await(String what, Check check) throws InterruptedException {
		long deadline = System.currentTimeMillis() + WAIT_MILLIS;
		while (!check.holds()) {
			if (System.currentTimeMillis() > deadline) {
				throw new IllegalStateException(what + " was not ready within " + WAIT_MILLIS + " ms");
			}
			Thread.sleep(200);
		}
	}

	/** One inline command over a plain socket; its reply, or "" when none came. */
	private static String command(int port, String command) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
			socket.setSoTimeout(2000);
			socket.getOutputStream().write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
			byte[] reply = new byte[4096];
			int read = socket.getInputStream().read(reply);
			return (read > 0) ? new String(reply, 0, read, StandardCharsets.US_ASCII).strip().replaceFirst("^\\+", "")
					: "";
		}
		catch (IOException ex) {
			return "";
		}
	}

	@FunctionalInterface
	private interface Check {

		boolean holds();

	}

}
