package dev.usercluster.follower.web;

import java.time.Duration;

import com.zaxxer.hikari.pool.HikariPool.PoolInitializationException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.usercluster.api.ApiException;
import dev.usercluster.api.ProblemCode;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * MySQL or Redis unreachable or too slow: 503 {@code store-unavailable} with
 * {@code Retry-After}, so the gateway can try another follower and a client knows to come
 * back, instead of a 500. The bounded connect and command timeouts in
 * {@code follower.yml} make this answer come quickly.
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

	// CannotGetJdbcConnectionException and RedisConnectionFailureException are
	// DataAccessResourceFailureExceptions; QueryTimeoutException (Spring Data Redis's
	// translation of a command timeout too) is a TransientDataAccessException
	@ExceptionHandler({ DataAccessResourceFailureException.class, TransientDataAccessException.class,
			RecoverableDataAccessException.class, PoolInitializationException.class, RedisCommandTimeoutException.class,
			RedisConnectionException.class })
	ErrorResponse storeUnavailable(Exception ex) {
		logger.warn("A data store is unavailable: {}", ex.toString());
		return new ApiException(ProblemCode.STORE_UNAVAILABLE, "A data store is unavailable. Try again shortly.", ex)
			.retryAfter(RETRY_AFTER);
	}

}
