package dev.usercluster.gateway;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.usercluster.testsupport.TestServers;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;

/**
 * What MySQL and a Redis hold, read directly: account rows by name key and every Redis
 * key with its serialised value, so that two readings can be compared.
 */
final class StoredData implements AutoCloseable {

	private final RedisClient redis;

	private final StatefulRedisConnection<byte[], byte[]> connection;

	StoredData(int redisPort) {
		this.redis = RedisClient.create(RedisURI.create("127.0.0.1", redisPort));
		this.connection = this.redis.connect(ByteArrayCodec.INSTANCE);
	}

	/** Every column of the accounts with these name keys, by name key. */
	Map<String, List<String>> accounts(List<String> nameKeys) throws SQLException {
		String marks = String.join(",", nameKeys.stream().map((key) -> "?").toList());
		Map<String, List<String>> rows = new TreeMap<>();
		try (Connection db = db();
				PreparedStatement select = db.prepareStatement(
						"SELECT id, name, name_key, password_hash, created_at FROM users WHERE name_key IN (" + marks
								+ ")")) {
			for (int i = 0; i < nameKeys.size(); i++) {
				select.setString(i + 1, nameKeys.get(i));
			}
			try (ResultSet result = select.executeQuery()) {
				while (result.next()) {
					List<String> row = new ArrayList<>();
					for (int column = 1; column <= 5; column++) {
						row.add(result.getString(column));
					}
					rows.put(result.getString("name_key"), row);
				}
			}
		}
		return rows;
	}

	/** The names of the accounts whose name key starts with this prefix. */
	List<String> namesStartingWith(String prefix) throws SQLException {
		List<String> names = new ArrayList<>();
		try (Connection db = db();
				PreparedStatement select = db.prepareStatement("SELECT name FROM users WHERE name_key LIKE ?")) {
			select.setString(1, prefix + "%");
			try (ResultSet result = select.executeQuery()) {
				while (result.next()) {
					names.add(result.getString(1));
				}
			}
		}
		return names;
	}

	/** Every key of the Redis and its {@code DUMP} (value without expiry), Base64. */
	Map<String, String> redisKeys() {
		RedisCommands<byte[], byte[]> commands = this.connection.sync();
		Map<String, String> keys = new TreeMap<>();
		ScanCursor cursor = ScanCursor.INITIAL;
		do {
			var page = commands.scan(cursor, ScanArgs.Builder.limit(500));
			for (byte[] key : page.getKeys()) {
				byte[] dump = commands.dump(key);
				keys.put(new String(key, StandardCharsets.UTF_8),
						(dump != null) ? Base64.getEncoder().encodeToString(dump) : "gone");
			}
			cursor = page;
		}
		while (!cursor.isFinished());
		return keys;
	}

	/** The fields of a hash. */
	Map<String, String> hash(String key) {
		Map<String, String> fields = new HashMap<>();
		this.connection.sync()
			.hgetall(key.getBytes(StandardCharsets.UTF_8))
			.forEach((field, value) -> fields.put(new String(field, StandardCharsets.UTF_8),
					new String(value, StandardCharsets.UTF_8)));
		return new LinkedHashMap<>(new TreeMap<>(fields));
	}

	private static Connection db() throws SQLException {
		return DriverManager.getConnection(TestServers.jdbcUrl(), TestServers.jdbcUsername(),
				TestServers.jdbcPassword());
	}

	@Override
	public void close() {
		this.connection.close();
		this.redis.shutdown();
	}

}
