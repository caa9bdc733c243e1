package dev.usercluster.follower.web;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.stream.Stream;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.jdbc.BadSqlGrammarException;
import org.springframework.jdbc.UncategorizedSQLException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Store failures classified by cause, as Lettuce, Spring Data Redis, Connector/J and
 * Spring JDBC deliver them (the real servers' answers are in
 * {@code StoreRefusalIntegrationTests}).
 */
class StoreFailuresTests {

	@ParameterizedTest
	@ValueSource(strings = { "READONLY You can't write against a read only replica.",
			"LOADING Redis is loading the dataset in memory",
			"BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.",
			"OOM command not allowed when used memory > 'maxmemory'.",
			"MISCONF Redis is configured to save RDB snapshots, but it's currently unable to persist to disk.",
			"ERR Error running script (call to f_1a2b): @user_script:12: @user_script: 12: -READONLY You can't write against a read only replica.",
			"CLUSTERDOWN The cluster is down", "TRYAGAIN Multiple keys request during rehashing of slot" })
	void redisRepliesThatMeanNotNowAreStoreUnavailable(String reply) {
		assertThat(StoreFailures
			.isNotNow(new RedisSystemException("Error in execution", new RedisCommandExecutionException(reply))))
			.isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "ERR unknown command 'FOO'", "WRONGTYPE Operation against a key holding the wrong kind",
			"NOSCRIPT No matching script", "ERR Error running script: attempt to compare nil with number" })
	void otherRedisRepliesAreBugs(String reply) {
		assertThat(StoreFailures
			.isNotNow(new RedisSystemException("Error in execution", new RedisCommandExecutionException(reply))))
			.isFalse();
	}

	static Stream<SQLException> sqlNotNow() {
		return Stream.of(
				new SQLException("The MariaDB server is running with the --read-only option so it cannot execute this"
						+ " statement", "HY000", 1290),
				new SQLException("Cannot execute statement in a READ ONLY transaction.", "25006", 1792),
				new SQLException("Too many connections", "08004", 1040),
				new SQLException("User has exceeded the 'max_user_connections' resource", "42000", 1203),
				new SQLException("Lock wait timeout exceeded; try restarting transaction", "HY000", 1205),
				new SQLException("Deadlock found when trying to get lock", "40001", 1213),
				new SQLException("Communications link failure", "08S01", 0),
				new SQLTransientConnectionException("Connection is not available, request timed out"));
	}

	@ParameterizedTest
	@MethodSource("sqlNotNow")
	void sqlErrorsThatMeanNotNowAreStoreUnavailable(SQLException failure) {
		assertThat(StoreFailures.isNotNow(new UncategorizedSQLException("insert", "INSERT ...", failure))).isTrue();
	}

	@Test
	void aRedisConnectionThatBrokeMidCallIsNotNow() {
		assertThat(StoreFailures.isNotNow(new RedisSystemException("Redis exception",
				new RedisException(new java.io.IOException("recvAddress(..) failed: Connection reset by peer")))))
			.isTrue();
		assertThat(StoreFailures
			.isNotNow(new RedisSystemException("Redis exception", new RedisException("Connection closed")))).isTrue();
		assertThat(StoreFailures
			.isNotNow(new RedisSystemException("Redis exception", new RedisException("ERR syntax error")))).isFalse();
	}

	@Test
	void sqlBugsAndConstraintViolationsAreNot() {
		assertThat(StoreFailures.isNotNow(new BadSqlGrammarException("select", "SELECT",
				new SQLException("You have an error in your SQL syntax", "42000", 1064))))
			.isFalse();
		assertThat(StoreFailures.isNotNow(new DataIntegrityViolationException("too long",
				new SQLException("Data too long for column", "22001", 1406))))
			.isFalse();
		assertThat(StoreFailures.isNotNow(new IllegalStateException("not a store"))).isFalse();
	}

}
