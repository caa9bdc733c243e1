package dev.usercluster.follower.users;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Argon2id password hashes in the PHC encoded form ({@code $argon2id$v=19$m=...}), which
 * carries its own parameters so they can be raised later. Each hash holds
 * {@code memoryKib} of memory, so a fair semaphore bounds how many run at once. The
 * encoder is libargon2 where it loads, Bouncy Castle otherwise
 * ({@link NativeArgon2PasswordEncoder#fastest}).
 *
 * <p>
 * Hashes run on platform threads of their own, as many as there are permits: a hash is
 * CPU work that never yields, so on a virtual thread it would hold one of the few carrier
 * threads (one per core) for its whole length and every other request of the follower
 * would wait for a carrier. The caller's virtual thread waits unmounted instead.
 */
@Component
class PasswordHasher {

	private static final int SALT_BYTES = 16;

	private static final int HASH_BYTES = 32;

	private final PasswordEncoder encoder;

	private final Semaphore permits;

	private final ExecutorService hashing;

	/**
	 * Verified against when a name is unknown, so that costs what a wrong password does.
	 */
	private final String dummyHash;

	PasswordHasher(PasswordProperties properties) {
		this.encoder = NativeArgon2PasswordEncoder.fastest(properties, SALT_BYTES, HASH_BYTES);
		this.permits = new Semaphore(properties.maxConcurrentHashes(), true);
		AtomicInteger threads = new AtomicInteger();
		this.hashing = Executors.newFixedThreadPool(properties.maxConcurrentHashes(), (task) -> {
			Thread thread = new Thread(task, "password-hash-" + threads.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
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

	private <T> T bounded(Supplier<T> work) {
		try {
			this.permits.acquire();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting to hash a password", ex);
		}
		try {
			return this.hashing.submit(work::get).get();
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

}
