package dev.usercluster.follower.web;

import java.io.IOException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Locale;
import java.util.Set;

import com.zaxxer.hikari.pool.HikariPool.PoolInitializationException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;

/**
 * Which store failures mean "not now" (503, try again or elsewhere) rather than a bug
 * (500), judged by cause: Spring's transient and resource-failure exceptions, Lettuce's
 * connection and timeout errors, Redis error replies by their code, and MySQL / MariaDB
 * errors by vendor code and SQLSTATE (Spring leaves some of them, read-only above all,
 * uncategorized).
 */
final class StoreFailures {

	/**
	 * Redis error codes of a server that cannot serve now: a replica (READONLY), loading
	 * its data (LOADING), running a long script (BUSY), out of memory (OOM), unable to
	 * persist (MISCONF), or a cluster in transition.
	 */
	private static final Set<String> REDIS_NOT_NOW = Set.of("READONLY", "LOADING", "BUSY", "OOM", "MISCONF",
			"MASTERDOWN", "NOREPLICAS", "TRYAGAIN", "CLUSTERDOWN");

	/**
	 * Vendor codes, the same in MySQL 8 and MariaDB unless noted: 1290 running with
	 * --read-only (ER_OPTION_PREVENTS_STATEMENT), 1792 read-only transaction, 1836
	 * read-only mode (MySQL), 1040 too many connections, 1203 user over its connection
	 * limit, 1205 lock wait timeout, 1213 deadlock, 1927 connection killed (MariaDB),
	 * 3024 query timeout (MySQL) and 1969 statement timeout (MariaDB), 2006 / 2013 server
	 * gone or connection lost.
	 */
	private static final Set<Integer> SQL_NOT_NOW = Set.of(1290, 1792, 1836, 1040, 1203, 1205, 1213, 1927, 3024, 1969,
			2006, 2013);

	private StoreFailures() {
	}

	/**
	 * Whether a failure, or any of its causes, means a store cannot serve now.
	 * @param failure what a store call threw
	 * @return {@code true} for a 503 {@code store-unavailable}
	 */
	static boolean isNotNow(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (isNotNowItself(cause)) {
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

	private static boolean isNotNowItself(Throwable failure) {
		if (failure instanceof DataAccessResourceFailureException || failure instanceof TransientDataAccessException
				|| failure instanceof RecoverableDataAccessException || failure instanceof PoolInitializationException
				|| failure instanceof RedisCommandTimeoutException || failure instanceof RedisConnectionException) {
			return true;
		}
		if (failure instanceof IOException) {
			// the connection to a store broke mid-call (Redis killed: "Connection reset
			// by peer" under a RedisSystemException, seen by
			// DependencyFaultsIntegrationTests)
			return true;
		}
		if (failure instanceof RedisException redis && isConnectionLost(redis.getMessage())) {
			// Lettuce fails the commands in flight on a connection that closed
			return true;
		}
		if (failure instanceof RedisCommandExecutionException redis) {
			return isRedisNotNow(redis.getMessage());
		}
		if (failure instanceof SQLException sql) {
			return failure instanceof SQLTransientException || failure instanceof SQLRecoverableException
					|| SQL_NOT_NOW.contains(sql.getErrorCode()) || isSqlStateNotNow(sql.getSQLState());
		}
		return false;
	}

	private static boolean isConnectionLost(String message) {
		if (message == null) {
			return false;
		}
		String lower = message.toLowerCase(Locale.ROOT);
		return lower.startsWith("connection closed") || lower.contains("connection reset")
				|| lower.startsWith("connection is closed");
	}

	/**
	 * A Redis error reply starts with its code; an error raised inside a Lua script is
	 * quoted after the script's name ({@code ... @user_script:12: -READONLY ...} on Redis
	 * 6), so the code is also looked for after a dash.
	 */
	static boolean isRedisNotNow(String reply) {
		if (reply == null) {
			return false;
		}
		String upper = reply.toUpperCase(Locale.ROOT);
		for (String code : REDIS_NOT_NOW) {
			if (upper.startsWith(code + " ") || upper.equals(code) || upper.contains("-" + code + " ")) {
				return true;
			}
		}
		return false;
	}

	// 08: connection exception; 25006: read-only SQL transaction; 40001: serialization
	// failure (deadlock); HYT00: timeout
	private static boolean isSqlStateNotNow(String state) {
		return state != null
				&& (state.startsWith("08") || state.equals("25006") || state.equals("40001") || state.equals("HYT00"));
	}

}
