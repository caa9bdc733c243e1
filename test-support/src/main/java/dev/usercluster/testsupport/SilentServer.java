package dev.usercluster.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * A loopback port that takes connections and never answers, for tests of timeouts: the
 * operating system completes the handshake of up to {@value #BACKLOG} connections, and
 * nothing ever reads from them or writes to them.
 */
public final class SilentServer implements AutoCloseable {

	private static final int BACKLOG = 50;

	private final ServerSocket socket;

	private SilentServer(ServerSocket socket) {
		this.socket = socket;
	}

	/**
	 * Listen on a free loopback port.
	 * @return the server, to close when done
	 */
	public static SilentServer start() {
		try {
			return new SilentServer(new ServerSocket(0, BACKLOG, InetAddress.getLoopbackAddress()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not listen on a loopback port", ex);
		}
	}

	/**
	 * The port it listens on.
	 * @return the port
	 */
	public int port() {
		return this.socket.getLocalPort();
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

}
