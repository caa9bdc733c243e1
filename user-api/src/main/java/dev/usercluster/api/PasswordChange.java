package dev.usercluster.api;

import jakarta.validation.constraints.NotNull;

/**
 * A password change by the account's owner.
 *
 * @param currentPassword the password now (any string of the login's sizes)
 * @param newPassword 8 to 128 code points, under the same policy as at registration
 */
public record PasswordChange(
		@NotNull @CodePoints(max = 128, message = "must have at most {max} characters") String currentPassword,
		@NotNull @CodePoints(min = 8, max = 128, wellFormed = true) String newPassword) {

	@Override
	public String toString() {
		return "PasswordChange[currentPassword=<hidden>, newPassword=<hidden>]";
	}

}
