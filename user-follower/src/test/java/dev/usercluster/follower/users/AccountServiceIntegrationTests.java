package dev.usercluster.follower.users;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.usercluster.api.ApiException;
import dev.usercluster.follower.paging.Cursor;
import dev.usercluster.api.ProblemCode;
import dev.usercluster.api.RegisterRequest;
import dev.usercluster.testsupport.TestServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Accounts against a real MySQL/MariaDB. Every test uses names with a random prefix, so
 * rows left by other tests do not matter.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "spring.config.name=follower")
@Import(TestServers.class)
class AccountServiceIntegrationTests {

	@Autowired
	private AccountService accounts;

	@Autowired
	private UserRepository users;

	@Autowired
	private JdbcClient jdbc;

	@Autowired
	private PasswordPolicy passwordPolicy;

	@Autowired
	private Clock clock;

	private final String prefix = "t" + UUID.randomUUID().toString().substring(0, 8);

	@Test
	void registeredAccountIsFoundAgainInAnyCaseWithWhatRegisterReturned() {
		Account registered = register(this.prefix + "Alice", "pass-word-1");
		assertThat(registered.name()).isEqualTo(this.prefix + "Alice");
		assertThat(registered.createdAt()).isEqualTo(registered.createdAt().truncatedTo(ChronoUnit.SECONDS));
		assertThat(this.accounts.find(this.prefix.toUpperCase() + "ALICE")).isEqualTo(registered);
	}

	@Test
	void passwordIsStoredOnlyAsAnArgon2idHashWithTheConfiguredOwaspParameters() {
		Account account = register(this.prefix + "hash", "my password 1");
		assertThat(storedHash(account)).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain("my password");
	}

	@Test
	void createdAtIsStoredAsUtcWhateverTheSessionTimeZone() {
		Account registered = register(this.prefix + "tz", "pass-word-1");
		String stored = this.jdbc.sql("SELECT DATE_FORMAT(created_at, '%Y-%m-%dT%H:%i:%sZ') FROM users WHERE id = ?")
			.param(registered.id())
			.query(String.class)
			.single();
		assertThat(Instant.parse(stored)).isEqualTo(registered.createdAt());
		assertThat(registered.createdAt()).isBetween(this.clock.instant().minusSeconds(60), this.clock.instant());
	}

	@Test
	void nameDifferingOnlyInCaseIsTaken() {
		register(this.prefix + "Alice", "pass-word-1");
		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> register(this.prefix + "alice", "pass-word-2"))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ProblemCode.NAME_TAKEN));
	}

	@Test
	void decomposedNameIsStoredComposedAndItsUpperCaseIsTaken() {
		Account account = register(this.prefix + "e\u0301", "pass-word-1");
		assertThat(account.name()).isEqualTo(this.prefix + "\u00e9");
		assertThat(this.accounts.find(this.prefix + "\u00e9")).isEqualTo(account);
		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> register(this.prefix + "\u00c9", "pass-word-2"))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ProblemCode.NAME_TAKEN));
	}

	@ParameterizedTest
	@ValueSource(strings = { "王小明", "ユーザー", "사용자", "a\u0308\u0323", "क्षत्रिय", "x-y_z.1" })
	void cjkAndCombiningNamesAreStoredVerbatimInNfcAndFoundAgain(String name) {
		Account account = register(this.prefix + name, "pass-word-1");
		assertThat(account.name()).isEqualTo(Normalizer.normalize(this.prefix + name, Normalizer.Form.NFC));
		assertThat(this.accounts.find(this.prefix + name)).isEqualTo(account);
	}

	@ParameterizedTest
	@ValueSource(strings = { "' OR 1=1 --", "\"; DROP TABLE users; --", "\\'\\\\%_", "pass\u0000word" })
	void sqlMetacharactersInPasswordsAreJustPasswords(String password) {
		register(this.prefix + "sql", password);
		assertThat(this.accounts.authenticate(this.prefix + "sql", password)).isPresent();
		assertThat(this.accounts.authenticate(this.prefix + "sql", "' OR 1=1 --x")).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "' OR 1=1 --", "%", "_", "\\" })
	void sqlMetacharactersInLookedUpNamesFindNothing(String name) {
		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> this.accounts.find(name))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ProblemCode.USER_NOT_FOUND));
		assertThat(this.accounts.authenticate(name, "pass-word-1")).isEmpty();
	}

	@Test
	void nameWithTrailingSpaceDoesNotFindTheAccount() {
		register(this.prefix + "pad", "pass-word-1");
		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> this.accounts.find(this.prefix + "pad "));
		assertThat(this.accounts.authenticate(this.prefix + "pad ", "pass-word-1")).isEmpty();
	}

	@Test
	void authenticateAcceptsOnlyTheRightPasswordAndAnyCaseOfTheName() {
		Account account = register(this.prefix + "Bob", "right password");
		assertThat(this.accounts.authenticate(this.prefix + "BOB", "right password")).contains(account);
		assertThat(this.accounts.authenticate(this.prefix + "Bob", "wrong password")).isEmpty();
		assertThat(this.accounts.authenticate(this.prefix + "nobody", "right password")).isEmpty();
	}

	@Test
	void loginWithAnOutdatedHashUpgradesIt() {
		PasswordHasher weak = new PasswordHasher(new PasswordProperties(1024, 1, 1, 1, Duration.ofSeconds(2), 256),
				new SimpleMeterRegistry());
		PasswordHasher strong = new PasswordHasher(new PasswordProperties(19456, 2, 1, 1, Duration.ofSeconds(2), 256),
				new SimpleMeterRegistry());
		Account account = new AccountService(this.users, weak, this.passwordPolicy, this.clock)
			.register(new RegisterRequest(this.prefix + "up", "pass-word-1"));
		String weakHash = storedHash(account);
		assertThat(weakHash).contains("m=1024,t=1,p=1");
		AccountService upgraded = new AccountService(this.users, strong, this.passwordPolicy, this.clock);
		assertThat(upgraded.authenticate(this.prefix + "up", "wrong password")).isEmpty();
		assertThat(storedHash(account)).isEqualTo(weakHash);
		assertThat(upgraded.authenticate(this.prefix + "up", "pass-word-1")).contains(account);
		String strongHash = storedHash(account);
		assertThat(strongHash).contains("m=19456,t=2,p=1");
		assertThat(upgraded.authenticate(this.prefix + "up", "pass-word-1")).contains(account);
		assertThat(storedHash(account)).isEqualTo(strongHash);
	}

	@Test
	void hashIsReplacedOnlyIfStillTheOneRead() {
		Account account = register(this.prefix + "cas", "pass-word-1");
		String hash = storedHash(account);
		assertThat(this.users.replaceHash(account.id(), "$argon2id$stale", "$argon2id$new")).isFalse();
		assertThat(storedHash(account)).isEqualTo(hash);
	}

	@Test
	void paginationWalksEveryRowExactlyOnceWhateverTheLimit() {
		List<String> mine = new ArrayList<>();
		for (int i = 0; i < 23; i++) {
			mine.add(register(this.prefix + "p" + (char) ('a' + i) + (i % 3 == 0 ? "Ä" : ""), "pass-word-1").nameKey());
		}
		for (int limit : new int[] { 1, 2, 7, 23, 500 }) {
			assertThat(walk(limit)).filteredOn((key) -> key.startsWith(this.prefix.toLowerCase()))
				.containsExactlyElementsOf(mine.stream().sorted().toList());
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "!!!", "a", "_w", "=", "gA" })
	void malformedCursorIsAnInvalidRequest(String cursor) {
		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> this.accounts.list(cursor, 10))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ProblemCode.INVALID_REQUEST));
	}

	@ParameterizedTest
	@ValueSource(ints = { -1, 0, 501 })
	void limitOutsideOneToFiveHundredIsAnInvalidRequest(int limit) {
		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> this.accounts.list(null, limit))
			.satisfies((ex) -> assertThat(ex.code()).isEqualTo(ProblemCode.INVALID_REQUEST));
	}

	private List<String> walk(int limit) {
		List<String> keys = new ArrayList<>();
		String cursor = Cursor.encode(this.prefix.toLowerCase());
		int pages = 0;
		do {
			AccountPage page = this.accounts.list(cursor, limit);
			assertThat(page.items()).hasSizeLessThanOrEqualTo(limit);
			page.items().forEach((account) -> keys.add(account.nameKey()));
			cursor = page.next();
			assertThat(++pages).isLessThan(10_000);
		}
		while (cursor != null);
		return keys;
	}

	private Account register(String name, String password) {
		return this.accounts.register(new RegisterRequest(name, password));
	}

	private String storedHash(Account account) {
		return this.jdbc.sql("SELECT password_hash FROM users WHERE id = ?")
			.param(account.id())
			.query(String.class)
			.single();
	}

}
