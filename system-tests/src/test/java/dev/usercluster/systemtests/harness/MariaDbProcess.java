package dev.usercluster.systemtests.harness;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import dev.usercluster.embedded.Ports;

/**
 * A private MariaDB server ({@code mariadbd}) on 127.0.0.1 and a port of its own, root
 * with an empty password, its data folder made by {@code mariadb-install-db} on first
 * start. {@code --no-defaults} keeps the machine's {@code my.cnf} (and its shared server)
 * out of it.
 */
public class MariaDbProcess extends ManagedProcess {

	private static final Duration INSTALL_WAIT = Duration.ofSeconds(120);

	private final int port;

	private final Path data;

	public MariaDbProcess(Path directory) {
		super("mariadb", directory);
		this.port = Ports.free();
		this.data = directory.resolve("data");
	}

	public int port() {
		return this.port;
	}

	/**
	 * A JDBC URL for a database of this server, created on first connection.
	 * @param database the database name
	 * @param options further URL options, {@code &}-separated, or empty
	 * @return the URL
	 */
	public String jdbcUrl(String database, String options) {
		return "jdbc:mysql://127.0.0.1:" + this.port + "/" + database + "?createDatabaseIfNotExist=true"
				+ (options.isEmpty() ? "" : "&" + options);
	}

	@Override
	public synchronized ManagedProcess start() {
		if (!Files.isDirectory(this.data.resolve("mysql"))) {
			run(directory(), INSTALL_WAIT, List.of("mariadb-install-db", "--no-defaults", "--user=root",
					"--datadir=" + this.data, "--auth-root-authentication-method=normal", "--skip-test-db"));
		}
		return super.start();
	}

	@Override
	protected List<String> command() {
		return List.of("mariadbd", "--no-defaults", "--datadir=" + this.data, "--port=" + this.port,
				"--bind-address=127.0.0.1", "--socket=" + directory().resolve("sock"), "--user=root",
				"--pid-file=" + directory().resolve("mariadb.pid"), "--max-connections=200",
				"--innodb-buffer-pool-size=64M", "--skip-name-resolve");
	}

	@Override
	protected boolean isReady() {
		try (Connection connection = connect("mysql")) {
			return connection.isValid(2);
		}
		catch (SQLException ex) {
			return false;
		}
	}

	/**
	 * A new connection as root.
	 * @param database the database to use
	 * @return the connection; the caller closes it
	 * @throws SQLException when the server does not answer
	 */
	public Connection connect(String database) throws SQLException {
		return DriverManager.getConnection(jdbcUrl(database, "connectTimeout=2000&socketTimeout=10000"), "root", "");
	}

	@Override
	protected Duration startupWait() {
		return Duration.ofSeconds(60);
	}

}
