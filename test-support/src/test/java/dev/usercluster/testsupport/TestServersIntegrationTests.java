package dev.usercluster.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whichever source {@link TestServers} chose (environment, Testcontainers or embedded),
 * its servers answer and keep what is written to them.
 */
class TestServersIntegrationTests {

	@Test
	void mysqlStoresAndReturnsARow() throws SQLException {
		String value = UUID.randomUUID().toString();
		try (Connection connection = DriverManager.getConnection(TestServers.jdbcUrl(), TestServers.jdbcUsername(),
				TestServers.jdbcPassword())) {
			try (Statement statement = connection.createStatement()) {
				statement.execute("CREATE TEMPORARY TABLE round_trip (value VARCHAR(36) NOT NULL)");
			}
			try (PreparedStatement insert = connection.prepareStatement("INSERT INTO round_trip (value) VALUES (?)")) {
				insert.setString(1, value);
				assertThat(insert.executeUpdate()).isOne();
			}
			try (Statement select = connection.createStatement();
					ResultSet rows = select.executeQuery("SELECT value FROM round_trip")) {
				assertThat(rows.next()).isTrue();
				assertThat(rows.getString(1)).isEqualTo(value);
				assertThat(rows.next()).isFalse();
			}
		}
	}

	@Test
	void redisStoresAndReturnsAValueInTheChosenDatabase() {
		RedisURI uri = RedisURI.builder()
			.withHost(TestServers.redisHost())
			.withPort(TestServers.redisPort())
			.withDatabase(TestServers.redisDatabase())
			.withTimeout(Duration.ofSeconds(5))
			.build();
		RedisClient client = RedisClient.create(uri);
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			RedisCommands<String, String> redis = connection.sync();
			String key = "test-support:round-trip:" + UUID.randomUUID();
			redis.set(key, "value", SetArgs.Builder.ex(60));
			assertThat(redis.get(key)).isEqualTo("value");
			assertThat(redis.ttl(key)).isPositive();
			assertThat(redis.del(key)).isOne();
		}
		finally {
			client.shutdown();
		}
	}

	@Test
	void zookeeperConnectStringNamesALocalPort() {
		assertThat(TestServers.zookeeperConnectString()).matches("127\\.0\\.0\\.1:\\d+");
	}

}
