package dev.usercluster.follower.users;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The {@code users} table. {@code created_at} is a zone-less DATETIME holding UTC: it is
 * converted explicitly both ways so neither the JVM's nor the server's time zone matters.
 */
@Repository
class UserRepository {

	private static final RowMapper<Account> ACCOUNT = (rs, row) -> new Account(rs.getLong("id"), rs.getString("name"),
			rs.getString("name_key"), rs.getObject("created_at", LocalDateTime.class).toInstant(ZoneOffset.UTC));

	private final JdbcClient jdbc;

	UserRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Insert an account.
	 * @throws org.springframework.dao.DuplicateKeyException when the name key exists
	 */
	Account insert(String name, String nameKey, String passwordHash, Instant createdAt) {
		KeyHolder keys = new GeneratedKeyHolder();
		this.jdbc.sql("""
				INSERT INTO users (name, name_key, password_hash, created_at)
				VALUES (:name, :nameKey, :passwordHash, :createdAt)
				""")
			.param("name", name)
			.param("nameKey", nameKey)
			.param("passwordHash", passwordHash)
			.param("createdAt", LocalDateTime.ofInstant(createdAt, ZoneOffset.UTC))
			.update(keys, "id");
		return new Account(keys.getKeyAs(Number.class).longValue(), name, nameKey, createdAt);
	}

	Optional<StoredAccount> findByKey(String nameKey) {
		return this.jdbc.sql("""
				SELECT id, name, name_key, password_hash, created_at
				FROM users
				WHERE name_key = :nameKey
				""")
			.param("nameKey", nameKey)
			.query((rs, row) -> new StoredAccount(ACCOUNT.mapRow(rs, row), rs.getString("password_hash")))
			.optional()
			// the collation pads with spaces ('a ' = 'a'): only an exact key counts
			.filter((stored) -> stored.account().nameKey().equals(nameKey));
	}

	/** Accounts whose key sorts after {@code afterKey} (all when {@code null}). */
	List<Account> findAfter(@Nullable String afterKey, int count) {
		return this.jdbc.sql("""
				SELECT id, name, name_key, created_at
				FROM users
				WHERE name_key > :afterKey
				ORDER BY name_key
				LIMIT :count
				""").param("afterKey", (afterKey != null) ? afterKey : "").param("count", count).query(ACCOUNT).list();
	}

	/**
	 * Replace a password hash, only if it is still the one read (another login may have
	 * upgraded it meanwhile).
	 * @return whether the row changed
	 */
	boolean replaceHash(long id, String oldHash, String newHash) {
		return this.jdbc.sql("""
				UPDATE users SET password_hash = :newHash
				WHERE id = :id AND password_hash = :oldHash
				""").param("newHash", newHash).param("id", id).param("oldHash", oldHash).update() == 1;
	}

	/** Set the password hash of an account. */
	boolean setHash(String nameKey, String newHash) {
		return this.jdbc.sql("""
				UPDATE users SET password_hash = :newHash
				WHERE name_key = :nameKey
				""").param("newHash", newHash).param("nameKey", nameKey).update() == 1;
	}

	/** Delete an account by its exact name key; whether there was one. */
	boolean delete(String nameKey) {
		// BINARY: the collation pads with spaces ('a ' = 'a'), only an exact key counts;
		// MySQL 8 and MariaDB both take the cast
		return this.jdbc.sql("""
				DELETE FROM users WHERE name_key = :nameKey AND name_key = BINARY :nameKey
				""").param("nameKey", nameKey).update() == 1;
	}

	/** An account with its password hash, which never leaves this package. */
	record StoredAccount(Account account, String passwordHash) {

		@Override
		public String toString() {
			return "StoredAccount[account=" + this.account + ", passwordHash=<hidden>]";
		}

	}

}
