package dev.usercluster.follower.users;

import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Argon2id cost parameters. Raising them takes effect for new hashes at once and for
 * existing ones at each user's next successful login.
 *
 * @param memoryKib memory per hash in KiB (OWASP: 19456, i.e. 19 MiB)
 * @param iterations passes over the memory (OWASP: 2)
 * @param parallelism lanes per hash (OWASP: 1)
 * @param maxConcurrentHashes hashes computed at once; further callers queue (default: the
 * number of available processors)
 */
@Validated
@ConfigurationProperties("user-cluster.passwords")
record PasswordProperties(@DefaultValue("19456") @Min(8) int memoryKib, @DefaultValue("2") @Min(1) int iterations,
		@DefaultValue("1") @Min(1) int parallelism, @Min(1) Integer maxConcurrentHashes) {

	PasswordProperties {
		if (maxConcurrentHashes == null) {
			maxConcurrentHashes = Runtime.getRuntime().availableProcessors();
		}
	}

}
