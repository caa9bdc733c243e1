package dev.usercluster.follower.web;

import java.time.Duration;

import com.zaxxer.hikari.pool.HikariPool.PoolInitializationException;
import io.lettuce.core.RedisException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.usercluster.api.ApiException;
import dev.usercluster.api.ProblemCode;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * MySQL or Redis unable to serve now (unreachable, too slow, read-only, loading, out of
 * memory, out of connections; {@link StoreFailures} decides by cause): 503
 * {@code store-unavailable} with {@code Retry-After}, so the gateway can try another
 * follower and a client knows to come back, instead of a 500. The bounded connect and
 * command timeouts in {@code follower.yml} make this answer come quickly. Any other store
 * error is a bug: 500 {@code internal-error}, logged.
 *
 * <p>
 * Ordered first, ahead of the shared catch-all handler. Handlers also match a cause, so a
 * Lettuce timeout wrapped in a {@code RedisSystemException} lands here too.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class StoreFailureAdvice {

	private static final Logger logger = LoggerFactory.getLogger(StoreFailureAdvice.class);

	/** Long enough for a pool to reconnect after a blip, short enough to feel live. */
	private static final Duration RETRY_AFTER = Duration.ofSeconds(2);

	@ExceptionHandler({ DataAccessException.class, RedisException.class, PoolInitializationException.class })
	ErrorResponse storeFailure(Exception ex) {
		if (!StoreFailures.isNotNow(ex)) {
			logger.error("A data store failed", ex);
			return new ApiException(ProblemCode.INTERNAL_ERROR, "The request could not be processed.", ex);
		}
		logger.warn("A data store is unavailable: {}", ex.toString());
		ApiException unavailable = new ApiException(ProblemCode.STORE_UNAVAILABLE,
				"A data store is unavailable. Try again shortly.", ex)
			.retryAfter(RETRY_AFTER);
		// no MySQL connection was had, so no statement was sent: another follower may
		// take the call whatever its method (the gateway reads X-Retry-Safe)
		return noConnection(ex) ? unavailable.retrySafe() : unavailable;
	}

	private static boolean noConnection(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof CannotGetJdbcConnectionException || cause instanceof PoolInitializationException) {
				return true;
			}
		}
		return false;
	}

}
