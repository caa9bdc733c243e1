package dev.usercluster.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

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
