package dev.usercluster.systemtests.harness;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.usercluster.embedded.Ports;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;

/**
 * A private {@code redis-server} on 127.0.0.1 and a port of its own, with an append-only
 * file that is synced on every write ({@code appendfsync always}), so that a SIGKILL
 * loses nothing that Redis acknowledged: a session a login was granted is still there
 * after a restart. {@code maxmemory-policy noeviction}, as the SPEC requires.
 */
public class RedisProcess extends ManagedProcess {

	private final int port;

	private final List<String> extraArguments;

	/**
	 * @param name what logs call it
	 * @param directory its data folder
	 * @param extraArguments further {@code redis-server} options
	 * ({@code --cluster-enabled yes}, say)
	 */
	public RedisProcess(String name, Path directory, List<String> extraArguments) {
		this(name, directory, Ports.free(), extraArguments);
	}

	/**
	 * @param name what logs call it
	 * @param directory its data folder
	 * @param port its port
	 * @param extraArguments further {@code redis-server} options
	 */
	public RedisProcess(String name, Path directory, int port, List<String> extraArguments) {
		super(name, directory);
		this.port = port;
		this.extraArguments = List.copyOf(extraArguments);
	}

	public RedisProcess(Path directory) {
		this("redis", directory, List.of());
	}

	public int port() {
		return this.port;
	}

	@Override
	protected List<String> command() {
		List<String> command = new ArrayList<>(List.of("redis-server", "--port", Integer.toString(this.port), "--bind",
				"127.0.0.1", "--dir", directory().toString(), "--appendonly", "yes", "--appendfsync", "always",
				"--save", "", "--maxmemory-policy", "noeviction", "--daemonize", "no"));
		command.addAll(this.extraArguments);
		return command;
	}

	/** PING over a plain socket: cheap enough to poll, even on a loaded machine. */
	@Override
	protected boolean isReady() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), 1000);
			socket.setSoTimeout(2000);
			socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			byte[] answer = new byte[7];
			int read = socket.getInputStream().readNBytes(answer, 0, answer.length);
			return "+PONG\r\n".equals(new String(answer, 0, read, StandardCharsets.US_ASCII));
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Run something on a short-lived connection.
	 * @param <T> what it returns
	 * @param action what to do
	 * @return its result
	 */
	public <T> T call(java.util.function.Function<StatefulRedisConnection<String, String>, T> action) {
		RedisURI uri = RedisURI.builder()
			.withHost("127.0.0.1")
			.withPort(this.port)
			.withTimeout(Duration.ofSeconds(2))
			.build();
		RedisClient client = RedisClient.create(uri);
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			return action.apply(connection);
		}
		finally {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		}
	}

	@Override
	protected Duration startupWait() {
		return Duration.ofSeconds(60);
	}

}
