package dev.usercluster.systemtests.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.awaitility.Awaitility.await;

/**
 * One server started as a process of its own, with its output in a log file, that a test
 * can stop gracefully, kill, pause and resume like an operator or a crash would, and
 * start again with the same command. Every process still running when the JVM exits is
 * killed by a shutdown hook, so a failed or aborted test leaves none behind.
 *
 * <p>
 * Subclasses say how to start the server ({@link #command()}) and when it is ready
 * ({@link #isReady()}).
 */
public abstract class ManagedProcess implements AutoCloseable {

	private static final Set<ManagedProcess> running = ConcurrentHashMap.newKeySet();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> running.forEach(ManagedProcess::kill), "process-reaper"));
	}

	private static final Duration STOP_WAIT = Duration.ofSeconds(30);

	private final String name;

	private final Path directory;

	private volatile Process process;

	private int starts;

	private volatile Path log;

	/**
	 * A process not yet started.
	 * @param name what logs and messages call it
	 * @param directory its own folder (data, configuration, logs); created if missing
	 */
	protected ManagedProcess(String name, Path directory) {
		this.name = name;
		this.directory = directory;
		try {
			Files.createDirectories(directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The command line that starts the server. */
	protected abstract List<String> command();

	/** Environment variables added to this JVM's for the server. */
	protected Map<String, String> environment() {
		return Map.of();
	}

	/** Whether the server answers; called until it does or the start-up wait is over. */
	protected abstract boolean isReady();

	/** How long a start may take before it counts as failed. */
	protected Duration startupWait() {
		return Duration.ofSeconds(60);
	}

	public String name() {
		return this.name;
	}

	public Path directory() {
		return this.directory;
	}

	/**
	 * Start the server and wait until it is ready; on a restart with the same data.
	 * @return this process
	 */
	public synchronized ManagedProcess start() {
		launch();
		awaitReady();
		return this;
	}

	/**
	 * How often a start is tried when the process exits before it is ready, as an
	 * orchestrator restarts a crashed container: a follower exits when it cannot reach a
	 * store in time, which a machine loaded by other builds can cause.
	 */
	protected int startAttempts() {
		return 1;
	}

	/**
	 * Start the server without waiting for it: for servers that become ready only
	 * together (a ZooKeeper ensemble) or to start several at once. Follow with
	 * {@link #awaitReady()}.
	 * @return this process
	 */
	public synchronized ManagedProcess launch() {
		if (isAlive()) {
			throw new IllegalStateException(this.name + " is already running");
		}
		this.starts++;
		Path log = this.directory.resolve(this.name + "-" + this.starts + ".log");
		ProcessBuilder builder = new ProcessBuilder(command()).directory(this.directory.toFile())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
		builder.environment().putAll(environment());
		try {
			this.process = builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + this.name + ": " + command(), ex);
		}
		running.add(this);
		this.log = log;
		return this;
	}

	/** Wait, bounded by {@link #startupWait()}, until the launched server is ready. */
	public void awaitReady() {
		for (int attempt = 1;; attempt++) {
			try {
				awaitOrFail("ready", startupWait(), this::isReady, this.log);
				return;
			}
			catch (IllegalStateException ex) {
				if (isAlive() || attempt >= startAttempts()) {
					throw ex;
				}
				System.out.println(
						"[harness] " + this.name + " exited before it was ready (" + this.log + "); starting it again");
				launch();
			}
		}
	}

	/** The log file of the latest start. */
	public Path log() {
		return this.log;
	}

	/** Whether the process is running (it may be paused). */
	public boolean isAlive() {
		Process current = this.process;
		return current != null && current.isAlive();
	}

	/** The operating system's id of the running process. */
	public long pid() {
		Process current = this.process;
		if (current == null) {
			throw new IllegalStateException(this.name + " was never started");
		}
		return current.pid();
	}

	/** SIGKILL: the server stops at once, as in a crash or an out-of-memory kill. */
	public void kill() {
		Process current = this.process;
		if (current != null && current.isAlive()) {
			resume();
			current.destroyForcibly();
			waitFor(current, STOP_WAIT);
		}
		running.remove(this);
	}

	/**
	 * SIGTERM, waiting for the server to finish (graceful shutdown); SIGKILL if it does
	 * not.
	 */
	public void stop() {
		Process current = this.process;
		if (current != null && current.isAlive()) {
			resume();
			current.destroy();
			if (!waitFor(current, STOP_WAIT)) {
				current.destroyForcibly();
				waitFor(current, STOP_WAIT);
			}
		}
		running.remove(this);
	}

	/**
	 * SIGSTOP: the server keeps its sockets open but answers nothing, as under a long GC
	 * pause.
	 */
	public void pause() {
		signal("STOP");
	}

	/** SIGCONT after {@link #pause()}. */
	public void resume() {
		if (isAlive()) {
			signal("CONT");
		}
	}

	/**
	 * Wait for a condition about this server, bounded.
	 * @param what what is awaited, for the failure message
	 * @param limit how long at most
	 * @param condition the condition
	 */
	public void awaitOrFail(String what, Duration limit, BooleanSupplier condition) {
		awaitOrFail(what, limit, condition, null);
	}

	private void awaitOrFail(String what, Duration limit, BooleanSupplier condition, Path log) {
		try {
			await(this.name + " " + what).atMost(limit)
				.pollInterval(Duration.ofMillis(100))
				.failFast(this.name + " exited", () -> !isAlive())
				.ignoreExceptions()
				.until(condition::getAsBoolean);
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException(
					this.name + " not " + what + " within " + limit + ((log != null) ? "; its log: " + log : ""), ex);
		}
	}

	private void signal(String signal) {
		try {
			Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid())).inheritIO().start();
			if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
				throw new IllegalStateException("kill -" + signal + " " + pid() + " failed");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static boolean waitFor(Process process, Duration limit) {
		try {
			return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private static java.io.File nullDevice() {
		return new java.io.File("/dev/null");
	}

	/** Runs a short helper command to its end (an installer, say), bounded. */
	protected static void run(Path directory, Duration limit, List<String> command) {
		Path log = directory.resolve(Path.of(command.get(0)).getFileName() + ".log");
		try {
			Process process = new ProcessBuilder(new ArrayList<>(command)).directory(directory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			if (!waitFor(process, limit)) {
				process.destroyForcibly();
				throw new IllegalStateException(command + " did not finish within " + limit + "; its log: " + log);
			}
			if (process.exitValue() != 0) {
				throw new IllegalStateException(
						command + " failed with " + process.exitValue() + ": " + Files.readString(log));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Stops the server (gracefully, then by force). */
	@Override
	public void close() {
		stop();
	}

	@Override
	public String toString() {
		return this.name + (isAlive() ? " (pid " + pid() + ")" : " (not running)");
	}

}
