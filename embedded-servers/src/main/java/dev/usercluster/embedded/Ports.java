package dev.usercluster.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Collection;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Free TCP ports on 127.0.0.1, for servers that must be told their port up front.
 */
public final class Ports {

	private Ports() {
	}

	/**
	 * A port that was free a moment ago; another process may still take it first.
	 * @return the port
	 */
	public static int free() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free port on 127.0.0.1", ex);
		}
	}

	/**
	 * A free port for a Redis Cluster node, which also listens on its port + 10,000 (the
	 * cluster bus): both were free a moment ago, in 20,000-39,999.
	 * @param taken ports already handed to other nodes
	 * @return the port
	 */
	public static int freeWithClusterBus(Collection<Integer> taken) {
		for (int attempt = 0; attempt < 1000; attempt++) {
			int port = ThreadLocalRandom.current().nextInt(20_000, 40_000);
			if (!taken.contains(port) && !isTaken(port) && !isTaken(port + 10_000)) {
				return port;
			}
		}
		throw new IllegalStateException("No free pair of ports for a Redis Cluster node");
	}

	/**
	 * Whether something already listens on the given port of 127.0.0.1.
	 * @param port the port
	 * @return {@code true} if the port is taken
	 */
	public static boolean isTaken(int port) {
		try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
			return false;
		}
		catch (IOException ex) {
			return true;
		}
	}

}
