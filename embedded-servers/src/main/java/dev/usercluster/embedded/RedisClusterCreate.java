package dev.usercluster.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Joins running {@code redis-server} nodes (started with {@code --cluster-enabled yes})
 * into a Redis Cluster with {@code redis-cli --cluster create}, one replica a master, the
 * first half of the nodes becoming the masters. The one place the test cluster and the
 * fault tests' cluster are created.
 */
public final class RedisClusterCreate {

	private RedisClusterCreate() {
	}

	/**
	 * Join the nodes and wait, bounded, for {@code redis-cli} to finish. The cluster may
	 * still need a moment until every node reports {@code cluster_state:ok}.
	 * @param ports the nodes' ports on 127.0.0.1, masters first
	 * @param log where {@code redis-cli} writes its output
	 * @param timeout how long {@code redis-cli} may take
	 * @throws IllegalStateException when it failed or timed out, with its output
	 */
	public static void join(List<Integer> ports, Path log, Duration timeout) {
		List<String> command = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
		ports.forEach((port) -> command.add("127.0.0.1:" + port));
		command.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
		try {
			Process creating = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			if (!creating.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS) || creating.exitValue() != 0) {
				creating.destroyForcibly();
				throw new IllegalStateException(
						"redis-cli --cluster create failed (" + log + "):\n" + Files.readString(log));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not run redis-cli --cluster create (is redis-tools installed?)", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while joining the Redis Cluster", ex);
		}
	}

}
