package dev.usercluster.follower.users;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Argon2id cost parameters and the bounds on hashing. Raising the costs takes effect for
 * new hashes at once and for existing ones at each user's next successful login.
 *
 * @param memoryKib memory per hash in KiB (OWASP: 19456, i.e. 19 MiB)
 * @param iterations passes over the memory (OWASP: 2)
 * @param parallelism lanes per hash (OWASP: 1)
 * @param maxConcurrentHashes hashes computed at once (default: the processors the JVM
 * sees); never more than the heap holds at {@code memoryKib} each
 * @param maxHashWait longest a caller waits for a hashing permit before 503
 * {@code overloaded}
 * @param maxQueuedHashes most callers waiting for a permit at once; one more is 503
 * {@code overloaded} at once
 */
@Validated
@ConfigurationProperties("user-cluster.passwords")
record PasswordProperties(@DefaultValue("19456") @Min(8) int memoryKib, @DefaultValue("2") @Min(1) int iterations,
		@DefaultValue("1") @Min(1) int parallelism, @Min(1) Integer maxConcurrentHashes,
		@DefaultValue("2s") @NotNull Duration maxHashWait, @DefaultValue("256") @Min(0) int maxQueuedHashes) {

	PasswordProperties {
		if (maxConcurrentHashes == null) {
			maxConcurrentHashes = Runtime.getRuntime().availableProcessors();
		}
	}

	/**
	 * The hashes that may run at once: as configured, but never more than the heap can
	 * hold at {@code memoryKib} each (and at least one).
	 * @param maxHeapBytes the JVM's maximum heap
	 * @return the bound
	 */
	int concurrentHashes(long maxHeapBytes) {
		long fit = Math.max(1, maxHeapBytes / (this.memoryKib * 1024L));
		return (int) Math.min(this.maxConcurrentHashes, fit);
	}

}
