package dev.usercluster.testsupport;

import org.apache.curator.test.TestingServer;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * The one test configuration that supplies servers to every test: MySQL, Redis and
 * ZooKeeper. Import it into a test ({@code @Import(TestServers.class)}), or call the
 * static accessors when a test starts applications itself.
 *
 * <p>
 * MySQL and Redis come from the environment when given ({@code TEST_MYSQL_URL},
 * {@code TEST_MYSQL_USERNAME}, {@code TEST_MYSQL_PASSWORD}, {@code TEST_REDIS_HOST},
 * {@code TEST_REDIS_PORT}, {@code TEST_REDIS_DATABASE}), otherwise from the machine's own
 * servers on 127.0.0.1. ZooKeeper is an in-process test server, one per JVM.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestServers {

	@Bean
	DynamicPropertyRegistrar testServerProperties() {
		return (registry) -> {
			registry.add("spring.datasource.url", TestServers::jdbcUrl);
			registry.add("spring.datasource.username", TestServers::jdbcUsername);
			registry.add("spring.datasource.password", TestServers::jdbcPassword);
			registry.add("spring.data.redis.host", TestServers::redisHost);
			registry.add("spring.data.redis.port", TestServers::redisPort);
			registry.add("spring.data.redis.database", TestServers::redisDatabase);
			registry.add("spring.cloud.zookeeper.connect-string", TestServers::zookeeperConnectString);
		};
	}

	public static String jdbcUrl() {
		return env("TEST_MYSQL_URL",
				"jdbc:mysql://127.0.0.1:3306/user_cluster_test?createDatabaseIfNotExist=true&connectTimeout=2000");
	}

	public static String jdbcUsername() {
		return env("TEST_MYSQL_USERNAME", "root");
	}

	public static String jdbcPassword() {
		return env("TEST_MYSQL_PASSWORD", "");
	}

	public static String redisHost() {
		return env("TEST_REDIS_HOST", "127.0.0.1");
	}

	public static int redisPort() {
		return Integer.parseInt(env("TEST_REDIS_PORT", "6379"));
	}

	public static int redisDatabase() {
		return Integer.parseInt(env("TEST_REDIS_DATABASE", "0"));
	}

	public static String zookeeperConnectString() {
		return ZooKeeper.SERVER.getConnectString();
	}

	private static String env(String name, String fallback) {
		String value = System.getProperty(name, System.getenv(name));
		return (value != null && !value.isBlank()) ? value : fallback;
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
