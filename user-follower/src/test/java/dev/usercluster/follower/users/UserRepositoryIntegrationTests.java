package dev.usercluster.follower.users;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import dev.usercluster.testsupport.TestStores;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase.Replace;
import org.springframework.boot.jdbc.test.autoconfigure.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The {@code users} table's SQL against the real MySQL/MariaDB with Flyway's migrations
 * applied, without the web layer, Redis or ZooKeeper. Each test runs in a transaction
 * that is rolled back; names carry a random prefix all the same, as the database is
 * shared.
 */
@JdbcTest
@AutoConfigureTestDatabase(replace = Replace.NONE)
@Import({ TestStores.class, UserRepository.class })
class UserRepositoryIntegrationTests {

	@Autowired
	private UserRepository users;

	@Autowired
	private JdbcClient jdbc;

	private final String prefix = "r" + UUID.randomUUID().toString().substring(0, 8);

	private final Instant createdAt = Instant.parse("2026-03-01T12:34:56Z");

	@Test
	void insertedAccountIsFoundByItsExactKeyWithItsHash() {
		Account inserted = this.users.insert(this.prefix + "Alice", this.prefix + "alice", "$argon2id$h1",
				this.createdAt);
		UserRepository.StoredAccount stored = this.users.findByKey(this.prefix + "alice").orElseThrow();
		assertThat(stored.account()).isEqualTo(inserted);
		assertThat(stored.account().name()).isEqualTo(this.prefix + "Alice");
		assertThat(stored.account().createdAt()).isEqualTo(this.createdAt);
		assertThat(stored.passwordHash()).isEqualTo("$argon2id$h1");
		assertThat(stored.toString()).doesNotContain("$argon2id$h1");
	}

	@Test
	void createdAtIsStoredAsUtc() {
		Account inserted = this.users.insert(this.prefix + "tz", this.prefix + "tz", "h", this.createdAt);
		String stored = this.jdbc.sql("SELECT DATE_FORMAT(created_at, '%Y-%m-%dT%H:%i:%sZ') FROM users WHERE id = ?")
			.param(inserted.id())
			.query(String.class)
			.single();
		assertThat(Instant.parse(stored)).isEqualTo(this.createdAt);
	}

	@Test
	void secondInsertOfAKeyIsADuplicate() {
		this.users.insert(this.prefix + "Bob", this.prefix + "bob", "h", this.createdAt);
		assertThatExceptionOfType(DuplicateKeyException.class)
			.isThrownBy(() -> this.users.insert(this.prefix + "BOB", this.prefix + "bob", "h", this.createdAt));
	}

	@Test
	void keyWithATrailingSpaceFindsNothingThoughTheCollationPads() {
		this.users.insert(this.prefix + "pad", this.prefix + "pad", "h", this.createdAt);
		assertThat(this.users.findByKey(this.prefix + "pad ")).isEmpty();
		assertThat(this.users.findByKey(this.prefix + "PAD")).isEmpty();
	}

	@Test
	void findAfterListsKeysInOrderFromJustAfterTheGivenOne() {
		for (String key : new String[] { "c", "a", "d", "b" }) {
			this.users.insert(this.prefix + key.toUpperCase(), this.prefix + key, "h",
					this.createdAt.plus(1, ChronoUnit.SECONDS));
		}
		assertThat(this.users.findAfter(this.prefix + "a", 2)).extracting(Account::nameKey)
			.containsExactly(this.prefix + "b", this.prefix + "c");
		assertThat(this.users.findAfter(this.prefix + "c", 10)).extracting(Account::nameKey)
			.filteredOn((key) -> key.startsWith(this.prefix))
			.containsExactly(this.prefix + "d");
		assertThat(this.users.findAfter(null, 1)).hasSize(1);
	}

	@Test
	void hashIsReplacedOnlyIfStillTheOneRead() {
		Account account = this.users.insert(this.prefix + "cas", this.prefix + "cas", "$old", this.createdAt);
		assertThat(this.users.replaceHash(account.id(), "$stale", "$new")).isFalse();
		assertThat(this.users.findByKey(this.prefix + "cas").orElseThrow().passwordHash()).isEqualTo("$old");
		assertThat(this.users.replaceHash(account.id(), "$old", "$new")).isTrue();
		assertThat(this.users.findByKey(this.prefix + "cas").orElseThrow().passwordHash()).isEqualTo("$new");
	}

}
