package dev.usercluster.follower.users;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.usercluster.testsupport.TestServers;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Followers that start at once on a fresh database (a new Helm install, a scale-up) each
 * run Flyway at start, here as Boot runs it (the follower's migrations, its location).
 * Flyway serialises them with a MySQL/MariaDB named lock ({@code GET_LOCK},
 * flyway-mysql's {@code MySQLNamedLockTemplate}; Galera and Percona strict mode fall back
 * to a row lock on the history table): one migrates, the others wait and then find
 * nothing to do. Without the lock both would create the same tables and one would fail.
 */
class MigrationsAtOnceIntegrationTests {

	private static final int FOLLOWERS = 3;

	private final String database = "uc_flyway_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

	@AfterEach
	void dropTheDatabase() throws Exception {
		try (Connection connection = connect(TestServers.jdbcUrl());
				Statement statement = connection.createStatement()) {
			// this test's own database, never a shared one
			statement.execute("DROP DATABASE IF EXISTS " + this.database);
		}
	}

	@Test
	void followersStartingTogetherMigrateAFreshSchemaOnce() throws Exception {
		String url = freshDatabaseUrl();
		CountDownLatch go = new CountDownLatch(1);
		ExecutorService starters = Executors.newFixedThreadPool(FOLLOWERS);
		List<MigrateResult> results = new ArrayList<>();
		try {
			List<CompletableFuture<MigrateResult>> migrations = new ArrayList<>();
			for (int i = 0; i < FOLLOWERS; i++) {
				migrations.add(CompletableFuture.supplyAsync(() -> {
					Flyway flyway = Flyway.configure()
						.dataSource(url, TestServers.jdbcUsername(), TestServers.jdbcPassword())
						.locations("classpath:db/migration")
						.load();
					awaitQuietly(go);
					return flyway.migrate();
				}, starters));
			}
			go.countDown();
			for (CompletableFuture<MigrateResult> migration : migrations) {
				results.add(migration.get(60, TimeUnit.SECONDS));
			}
		}
		finally {
			starters.shutdownNow();
		}

		int available = Flyway.configure()
			.dataSource(url, TestServers.jdbcUsername(), TestServers.jdbcPassword())
			.locations("classpath:db/migration")
			.load()
			.info()
			.all().length;
		assertThat(available).isPositive();
		assertThat(results).allMatch((result) -> result.success);
		// Flyway takes its lock per migration, so the work may be shared out, but each
		// migration runs exactly once in all
		assertThat(results.stream().mapToInt((result) -> result.migrationsExecuted).sum()).isEqualTo(available);
		try (Connection connection = connect(url);
				Statement statement = connection.createStatement();
				ResultSet history = statement
					.executeQuery("SELECT version, success FROM flyway_schema_history WHERE version IS NOT NULL")) {
			List<String> versions = new ArrayList<>();
			while (history.next()) {
				assertThat(history.getBoolean("success")).isTrue();
				versions.add(history.getString("version"));
			}
			assertThat(versions).doesNotHaveDuplicates().hasSize(available);
		}
	}

	private String freshDatabaseUrl() {
		String url = TestServers.jdbcUrl().replaceFirst("^(jdbc:[a-z]+://[^/?]+)/[^?]*", "$1/" + this.database);
		return url.contains("createDatabaseIfNotExist=") ? url
				: url + (url.contains("?") ? "&" : "?") + "createDatabaseIfNotExist=true";
	}

	private static Connection connect(String url) throws Exception {
		return DriverManager.getConnection(url, TestServers.jdbcUsername(), TestServers.jdbcPassword());
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
