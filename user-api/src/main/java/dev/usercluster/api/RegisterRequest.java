package dev.usercluster.api;

import jakarta.validation.constraints.NotNull;

/**
 * Registration of a new account.
 *
 * @param name 1 to 32 code points after NFC: letters, marks, digits and {@code _ - .}
 * @param password 8 to 128 code points, no lone surrogate; never logged or echoed
 */
public record RegisterRequest(@NotNull @UserName String name,
		@NotNull @CodePoints(min = 8, max = 128, wellFormed = true) String password) {

	@Override
	public String toString() {
		return "RegisterRequest[name=" + this.name + ", password=<hidden>]";
	}

}
