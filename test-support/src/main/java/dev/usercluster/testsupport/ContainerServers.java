package dev.usercluster.testsupport;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.mysql.MySQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * MySQL 8 and Redis 7 in containers, started once per JVM; Testcontainers removes them
 * when the JVM ends.
 */
final class ContainerServers {

	private static final int REDIS_PORT = 6379;

	private ContainerServers() {
	}

	static MySqlEndpoint mysql() {
		MySQLContainer mysql = new MySQLContainer(DockerImageName.parse("mysql:8.4"))
			.withDatabaseName("user_cluster_test");
		mysql.start();
		return new MySqlEndpoint(mysql.getJdbcUrl(), mysql.getUsername(), mysql.getPassword());
	}

	static RedisEndpoint redis() {
		GenericContainer<?> redis = new GenericContainer<>(DockerImageName.parse("redis:7"))
			.withExposedPorts(REDIS_PORT);
		redis.start();
		return new RedisEndpoint(redis.getHost(), redis.getMappedPort(REDIS_PORT), 0);
	}

}
