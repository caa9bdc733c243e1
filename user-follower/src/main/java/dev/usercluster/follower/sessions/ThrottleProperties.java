package dev.usercluster.follower.sessions;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Throttling of failed logins.
 *
 * @param name limits per name key
 * @param address limits per client address
 * @param registration limit of registrations per client address
 */
@Validated
@ConfigurationProperties("user-cluster.throttle")
record ThrottleProperties(@DefaultValue @Valid Name name, @DefaultValue @Valid Address address,
		@DefaultValue @Valid Registration registration) {

	/**
	 * Back-off per name.
	 *
	 * @param failures consecutive failures within the window whose last locks the name
	 * @param window span those failures must fall in; a streak quiet this long is
	 * forgotten
	 * @param firstLock lock after the failure that reaches the threshold
	 * @param maxLock longest lock; each further failure doubles the lock up to this
	 */
	record Name(@DefaultValue("5") @Min(1) int failures, @DefaultValue("15m") @NotNull Duration window,
			@DefaultValue("1s") @NotNull Duration firstLock, @DefaultValue("15m") @NotNull Duration maxLock) {
	}

	/**
	 * Limit per client address.
	 *
	 * @param failures failures within the window after which the address is refused
	 * @param window fixed window, from the first failure, the refusal lasts to its end
	 */
	record Address(@DefaultValue("100") @Min(1) int failures, @DefaultValue("1h") @NotNull Duration window) {
	}

	/**
	 * Limit of registrations per client address.
	 *
	 * @param attempts registration attempts (valid requests) per window; further ones are
	 * refused until the window ends
	 * @param window fixed window, from the first attempt
	 */
	record Registration(@DefaultValue("20") @Min(1) int attempts, @DefaultValue("1h") @NotNull Duration window) {
	}

}
