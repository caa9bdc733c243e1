package dev.usercluster.follower.users;

import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

import dev.usercluster.api.UnicodeText;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Argon2id password hashes in the PHC encoded form ({@code $argon2id$v=19$m=...}), which
 * carries its own parameters so they can be raised later. Each hash holds
 * {@code memoryKib} of memory, so a fair semaphore bounds how many run at once.
 */
@Component
class PasswordHasher {

	private static final int SALT_BYTES = 16;

	private static final int HASH_BYTES = 32;

	private final Argon2PasswordEncoder encoder;

	private final Semaphore permits;

	/**
	 * Verified against when a name is unknown, so that costs what a wrong password does.
	 */
	private final String dummyHash;

	PasswordHasher(PasswordProperties properties) {
		this.encoder = new Argon2PasswordEncoder(SALT_BYTES, HASH_BYTES, properties.parallelism(),
				properties.memoryKib(), properties.iterations());
		this.permits = new Semaphore(properties.maxConcurrentHashes(), true);
		this.dummyHash = hash("dummy password, never a real one");
	}

	String hash(String password) {
		return bounded(() -> this.encoder.encode(password));
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
			bounded(() -> this.encoder.matches(candidate, this.dummyHash));
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
			return work.get();
		}
		finally {
			this.permits.release();
		}
	}

}
