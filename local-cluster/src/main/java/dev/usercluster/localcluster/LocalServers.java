package dev.usercluster.localcluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.usercluster.embedded.EmbeddedMariaDb;
import dev.usercluster.embedded.EmbeddedRedis;
import dev.usercluster.embedded.Ports;
import dev.usercluster.embedded.ServerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ZooKeeper, MySQL and Redis for the local cluster: the real ones when the environment
 * names them (the followers then read the same variables), embedded ones otherwise.
 * Embedded MariaDB keeps its data under the given directory, so accounts survive a
 * restart; embedded Redis keeps nothing, so sessions end with the cluster.
 */
final class LocalServers implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(LocalServers.class);

	private final List<AutoCloseable> started = new ArrayList<>();

	private ServerProperties follower = ServerProperties.none();

	private ServerProperties gateway = ServerProperties.none();

	private LocalServers() {
	}

	static LocalServers start(Path dataDir) throws Exception {
		LocalServers servers = new LocalServers();
		try {
			servers.startZooKeeper(dataDir.resolve("zookeeper"));
			servers.startMariaDb(dataDir.resolve("mariadb"));
			servers.startRedis();
			return servers;
		}
		catch (Exception ex) {
			servers.close();
			throw ex;
		}
	}

	private void startZooKeeper(Path dir) throws Exception {
		if (given("SPRING_CLOUD_ZOOKEEPER_CONNECT_STRING")) {
			return;
		}
		EmbeddedZooKeeper zooKeeper = EmbeddedZooKeeper.start(dir, Ports.free());
		this.started.add(zooKeeper);
		this.follower = this.follower.zooKeeper(zooKeeper.connectString());
		this.gateway = this.gateway.zooKeeper(zooKeeper.connectString());
		logger.info("Embedded ZooKeeper at {} (data in {})", zooKeeper.connectString(), dir);
	}

	private void startMariaDb(Path dir) {
		if (given("SPRING_DATASOURCE_URL")) {
			return;
		}
		EmbeddedMariaDb mariaDb = EmbeddedMariaDb.startPersistent(dir, 0);
		this.started.add(mariaDb);
		this.follower = this.follower.mysql(mariaDb.jdbcUrl("user_cluster"), "root", "");
		logger.info("Embedded MariaDB at 127.0.0.1:{} (data in {})", mariaDb.port(), dir);
	}

	private void startRedis() {
		if (given("SPRING_DATA_REDIS_HOST")) {
			return;
		}
		EmbeddedRedis redis = EmbeddedRedis.start(0);
		this.started.add(redis);
		this.follower = this.follower.redis("127.0.0.1", redis.port(), 0);
		logger.info("Embedded Redis at 127.0.0.1:{}", redis.port());
	}

	private static boolean given(String variable) {
		String value = System.getenv(variable);
		if (value == null || value.isBlank()) {
			return false;
		}
		logger.info("Using the server named by {}", variable);
		return true;
	}

	/**
	 * Properties that point a follower at the embedded servers; none for a server the
	 * environment names.
	 * @return the properties
	 */
	ServerProperties follower() {
		return this.follower;
	}

	/**
	 * Properties that point the gateway at the embedded ZooKeeper; none when the
	 * environment names one.
	 * @return the properties
	 */
	ServerProperties gateway() {
		return this.gateway;
	}

	@Override
	public void close() {
		for (int i = this.started.size() - 1; i >= 0; i--) {
			try {
				this.started.get(i).close();
			}
			catch (Exception ex) {
				logger.warn("Could not stop {}", this.started.get(i), ex);
			}
		}
		this.started.clear();
	}

}
