package dev.usercluster.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;

import redis.embedded.RedisServer;

/**
 * A Redis 6.2 server run by embedded-redis, listening on 127.0.0.1 only. It never writes
 * a snapshot or an append-only file: sessions are meant to expire, and a stray
 * {@code dump.rdb} would bring old keys back on the next start.
 */
public final class EmbeddedRedis implements AutoCloseable {

	private final RedisServer server;

	private final int port;

	private EmbeddedRedis(RedisServer server, int port) {
		this.server = server;
		this.port = port;
	}

	/**
	 * Starts a server. With saving and the append-only file off it writes no files.
	 * @param port the port to listen on, or 0 for any free one
	 * @return the running server
	 */
	public static EmbeddedRedis start(int port) {
		int chosen = (port != 0) ? port : Ports.free();
		try {
			RedisServer server = RedisServer.newRedisServer()
				.bind("127.0.0.1")
				.port(chosen)
				.setting("save \"\"")
				.setting("appendonly no")
				.onShutdownForceStop(true)
				.build();
			server.start();
			return new EmbeddedRedis(server, chosen);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start an embedded Redis on port " + chosen, ex);
		}
	}

	/**
	 * The port this server listens on, at 127.0.0.1.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	@Override
	public void close() {
		try {
			this.server.stop();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not stop the embedded Redis on port " + this.port, ex);
		}
	}

}
