package dev.usercluster.follower.users;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.usercluster.api.ApiException;
import dev.usercluster.api.ProblemCode;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Argon2id password hashes in the PHC encoded form ({@code $argon2id$v=19$m=...}), which
 * carries its own parameters so they can be raised later.
 *
 * <p>
 * Each hash holds {@code memoryKib} of memory and a CPU, so a fair semaphore bounds how
 * many run at once; a caller waits for a permit at most {@code max-hash-wait}, and at
 * most {@code max-queued-hashes} callers wait at once. Beyond either the call is refused
 * with 503 {@code overloaded} before anything was written, which the gateway may send to
 * another follower.
 */
@Component
class PasswordHasher {

	private static final Logger logger = LoggerFactory.getLogger(PasswordHasher.class);

	private static final int SALT_BYTES = 16;

	private static final int HASH_BYTES = 32;

	/** Time for a permit to come free again, about one hash. */
	private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

	private final Argon2PasswordEncoder encoder;

	private final Semaphore permits;

	private final AtomicInteger waiting = new AtomicInteger();

	private final long maxWaitNanos;

	private final int maxQueued;

	/**
	 * Verified against when a name is unknown, so that costs what a wrong password does.
	 */
	private final String dummyHash;

	PasswordHasher(PasswordProperties properties) {
		this.encoder = new Argon2PasswordEncoder(SALT_BYTES, HASH_BYTES, properties.parallelism(),
				properties.memoryKib(), properties.iterations());
		int concurrent = properties.concurrentHashes(Runtime.getRuntime().maxMemory());
		if (concurrent < properties.maxConcurrentHashes()) {
			logger.warn("Hashing {} passwords at once instead of {}: the heap holds no more at {} KiB each", concurrent,
					properties.maxConcurrentHashes(), properties.memoryKib());
		}
		this.permits = new Semaphore(concurrent, true);
		this.maxWaitNanos = properties.maxHashWait().toNanos();
		this.maxQueued = properties.maxQueuedHashes();
		this.dummyHash = hash("dummy password, never a real one");
	}

	String hash(String password) {
		return bounded(() -> this.encoder.encode(password));
	}

	/**
	 * Whether a password matches a stored hash; with no hash (unknown name) it is checked
	 * against the dummy hash and the answer is always {@code false}.
	 */
	boolean matches(String password, String encoded) {
		if (encoded == null) {
			bounded(() -> this.encoder.matches(password, this.dummyHash));
			return false;
		}
		return bounded(() -> this.encoder.matches(password, encoded));
	}

	/** Whether a stored hash was made with weaker parameters than the configured ones. */
	boolean isOutdated(String encoded) {
		return this.encoder.upgradeEncoding(encoded);
	}

	// package-private for tests, which hold a permit with work of their own
	<T> T bounded(Supplier<T> work) {
		acquire();
		try {
			return work.get();
		}
		finally {
			this.permits.release();
		}
	}

	private void acquire() {
		// a zero timeout keeps the queue's order, which tryAcquire() would not
		if (tryAcquire(0)) {
			return;
		}
		if (this.waiting.incrementAndGet() > this.maxQueued) {
			this.waiting.decrementAndGet();
			throw overloaded();
		}
		try {
			if (!tryAcquire(this.maxWaitNanos)) {
				throw overloaded();
			}
		}
		finally {
			this.waiting.decrementAndGet();
		}
	}

	private boolean tryAcquire(long nanos) {
		try {
			return this.permits.tryAcquire(nanos, TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting to hash a password", ex);
		}
	}

	private static ApiException overloaded() {
		return new ApiException(ProblemCode.OVERLOADED, "Too many logins and registrations at once. Try again shortly.")
			.retryAfter(RETRY_AFTER)
			.retrySafe();
	}

}
