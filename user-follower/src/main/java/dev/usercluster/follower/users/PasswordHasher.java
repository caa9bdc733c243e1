package dev.usercluster.follower.users;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.usercluster.api.ApiException;
import dev.usercluster.api.ProblemCode;
import dev.usercluster.api.UnicodeText;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Argon2id password hashes in the PHC encoded form ({@code $argon2id$v=19$m=...}), which
 * carries its own parameters so they can be raised later. The encoder is libargon2 where
 * it loads, Bouncy Castle otherwise ({@link NativeArgon2PasswordEncoder#fastest}).
 *
 * <p>
 * Each hash holds {@code memoryKib} of memory and a CPU, so a fair semaphore bounds how
 * many run at once; a caller waits for a permit at most {@code max-hash-wait}, and at
 * most {@code max-queued-hashes} callers wait at once. Beyond either the call is refused
 * with 503 {@code overloaded} before anything was written, which the gateway may send to
 * another follower.
 *
 * <p>
 * Hashes run on platform threads of their own, as many as there are permits: a hash is
 * CPU work that never yields, so on a virtual thread it would hold one of the few carrier
 * threads (one per core) for its whole length and every other request of the follower
 * would wait for a carrier. The caller's virtual thread waits unmounted instead.
 */
@Component
class PasswordHasher {

	private static final Logger logger = LoggerFactory.getLogger(PasswordHasher.class);

	private static final int SALT_BYTES = 16;

	private static final int HASH_BYTES = 32;

	/** Time for a permit to come free again, about one hash. */
	private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

	private final PasswordEncoder encoder;

	private final Semaphore permits;

	private final AtomicInteger waiting = new AtomicInteger();

	private final long maxWaitNanos;

	private final int maxQueued;

	private final ExecutorService hashing;

	/**
	 * Verified against when a name is unknown, so that costs what a wrong password does.
	 */
	private final String dummyHash;

	private final Timer hashes;

	private final Timer verifications;

	PasswordHasher(PasswordProperties properties, MeterRegistry registry) {
		this.encoder = NativeArgon2PasswordEncoder.fastest(properties, SALT_BYTES, HASH_BYTES);
		int concurrent = properties.concurrentHashes(Runtime.getRuntime().maxMemory());
		if (concurrent < properties.maxConcurrentHashes()) {
			logger.warn("Hashing {} passwords at once instead of {}: the heap holds no more at {} KiB each", concurrent,
					properties.maxConcurrentHashes(), properties.memoryKib());
		}
		this.permits = new Semaphore(concurrent, true);
		this.maxWaitNanos = properties.maxHashWait().toNanos();
		this.maxQueued = properties.maxQueuedHashes();
		AtomicInteger threads = new AtomicInteger();
		this.hashing = Executors.newFixedThreadPool(concurrent, (task) -> {
			Thread thread = new Thread(task, "password-hash-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		this.hashes = hashTimer(registry, "hash");
		this.verifications = hashTimer(registry, "verify");
		Gauge.builder("user.cluster.password.hash.queue", this.waiting, AtomicInteger::get)
			.description("Callers waiting for one of the max-concurrent-hashes permits")
			.register(registry);
		// on this thread, not the hashing pool: a timer recorded there during start-up
		// looks
		// up the tracer for a Prometheus exemplar, and that bean lookup waits for the
		// bean
		// under construction here, which would wait for the pool for ever
		this.dummyHash = this.encoder.encode("dummy password, never a real one");
	}

	// the hash alone, without the wait for a permit (that is the queue gauge)
	private static Timer hashTimer(MeterRegistry registry, String operation) {
		return Timer.builder("user.cluster.password.hash")
			.description("Time of one Argon2id computation")
			.tag("operation", operation)
			.publishPercentileHistogram()
			.register(registry);
	}

	String hash(String password) {
		return bounded(this.hashes, () -> this.encoder.encode(password));
	}

	/**
	 * Whether a password matches a stored hash; with no hash (unknown name), or a
	 * password that is not well-formed Unicode, it is checked against the dummy hash and
	 * the answer is always {@code false}.
	 */
	boolean matches(String password, String encoded) {
		// a lone surrogate has no UTF-8 form: no hash was ever made of such a password,
		// and checking one costs what a wrong password does
		boolean wellFormed = UnicodeText.isWellFormed(password);
		if (encoded == null || !wellFormed) {
			String candidate = wellFormed ? password : "";
			bounded(this.verifications, () -> this.encoder.matches(candidate, this.dummyHash));
			return false;
		}
		return bounded(this.verifications, () -> this.encoder.matches(password, encoded));
	}

	/** Whether a stored hash was made with weaker parameters than the configured ones. */
	boolean isOutdated(String encoded) {
		return this.encoder.upgradeEncoding(encoded);
	}

	// package-private for tests, which hold a permit with work of their own
	<T> T bounded(Supplier<T> work) {
		return bounded(this.verifications, work);
	}

	private <T> T bounded(Timer timer, Supplier<T> work) {
		acquire();
		try {
			// timed on the hashing thread, so the figure is the hash alone, not the queue
			return this.hashing.submit(() -> timer.record(work)).get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while a password was hashed", ex);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException("Hashing a password failed", ex.getCause());
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
