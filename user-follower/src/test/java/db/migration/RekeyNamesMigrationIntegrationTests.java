package db.migration;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import dev.usercluster.testsupport.TestServers;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The V2 re-keying on the tests' real MySQL/MariaDB, each test in a private schema of its
 * own that it drops afterwards.
 */
class RekeyNamesMigrationIntegrationTests {

	private final String schema = "uc_rekey_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

	private Connection connection;

	@BeforeEach
	void migrateToV1() throws SQLException {
		this.connection = DriverManager.getConnection(TestServers.jdbcUrl(), TestServers.jdbcUsername(),
				TestServers.jdbcPassword());
		flyway("1").migrate();
	}

	@AfterEach
	void dropSchema() throws SQLException {
		try (Statement statement = this.connection.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + this.schema);
		}
		this.connection.close();
	}

	@Test
	void rekeysEveryAccountToNfkcCasefold() throws SQLException {
		insert(1, "Alice", "alice");
		insert(2, "\u01C5emal", "\u01C6emal");
		insert(3, "\u00B5", "\u00B5");
		insert(4, "\uFF33\uFF55\uFF45", "\uFF53\uFF55\uFF45");
		insert(5, "Stra\u00DFe", "stra\u00DFe");
		insert(6, "\u017Fun", "\u017Fun");
		insert(7, "sam", "sam");

		assertThat(flyway(null).migrate().migrationsExecuted).isEqualTo(1);
		assertThat(nameKeyColumnLength()).isEqualTo(576);

		assertThat(keys()).containsExactly(Map.entry(1L, "alice"), Map.entry(2L, "d\u017Eemal"),
				Map.entry(3L, "\u03BC"), Map.entry(4L, "sue"), Map.entry(5L, "strasse"), Map.entry(6L, "sun"),
				Map.entry(7L, "sam"));
	}

	@Test
	void stopsNamingTheAccountsWhenTwoWouldShareAKeyAndChangesNothing() throws SQLException {
		insert(1, "\u00B5", "\u00B5");
		insert(2, "\u03BC", "\u03BC");
		insert(3, "admin", "admin");
		insert(4, "admin\uFE0F", "admin\uFE0F");
		insert(5, "bob", "bob");
		Map<Long, String> before = keys();

		assertThatExceptionOfType(FlywayException.class).isThrownBy(() -> flyway(null).migrate())
			.havingRootCause()
			.withMessageContaining("nothing was changed")
			.withMessageContaining("id 1 '\u00B5', id 2 '\u03BC' would all have the key '\u03BC'")
			.withMessageContaining("id 3 'admin', id 4 'admin\uFE0F' would all have the key 'admin'")
			.withMessageNotContaining("bob");

		assertThat(keys()).isEqualTo(before);
		assertThat(nameKeyColumnLength()).isEqualTo(128);
	}

	private Flyway flyway(String target) {
		var configuration = Flyway.configure()
			.dataSource(TestServers.jdbcUrl(), TestServers.jdbcUsername(), TestServers.jdbcPassword())
			.schemas(this.schema)
			.createSchemas(true)
			.locations("classpath:db/migration");
		if (target != null) {
			configuration.target(target);
		}
		return configuration.load();
	}

	private void insert(long id, String name, String oldKey) throws SQLException {
		try (PreparedStatement insert = this.connection.prepareStatement("INSERT INTO " + this.schema
				+ ".users (id, name, name_key, password_hash, created_at) VALUES (?, ?, ?, 'x', NOW())")) {
			insert.setLong(1, id);
			insert.setString(2, name);
			insert.setString(3, oldKey);
			insert.executeUpdate();
		}
	}

	private Map<Long, String> keys() throws SQLException {
		Map<Long, String> keys = new LinkedHashMap<>();
		try (Statement statement = this.connection.createStatement();
				ResultSet rows = statement
					.executeQuery("SELECT id, name_key FROM " + this.schema + ".users ORDER BY id")) {
			while (rows.next()) {
				keys.put(rows.getLong(1), rows.getString(2));
			}
		}
		return keys;
	}

	private int nameKeyColumnLength() throws SQLException {
		try (PreparedStatement query = this.connection.prepareStatement("""
				SELECT CHARACTER_MAXIMUM_LENGTH FROM information_schema.COLUMNS
				WHERE TABLE_SCHEMA = ? AND TABLE_NAME = 'users' AND COLUMN_NAME = 'name_key'
				""")) {
			query.setString(1, this.schema);
			try (ResultSet result = query.executeQuery()) {
				result.next();
				return result.getInt(1);
			}
		}
	}

}
