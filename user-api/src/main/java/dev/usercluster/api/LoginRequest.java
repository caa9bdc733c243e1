package dev.usercluster.api;

import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

/**
 * A login. Any strings within the size limits are accepted: whatever does not match an
 * account is a 401, never a 400.
 *
 * @param name the account name, in any case or normal form (at most 32 code points after
 * NFC)
 * @param password the password (at most 128 code points); never logged or echoed
 * @param endpoint optional {@code host:port} of the connection server holding the user's
 * live connection
 */
public record LoginRequest(
		@NotNull @CodePoints(max = 32, nfc = true, message = "must have at most {max} characters") String name,
		@NotNull @CodePoints(max = 128, message = "must have at most {max} characters") String password,
		@Endpoint @Nullable String endpoint) {

	@Override
	public String toString() {
		return "LoginRequest[name=" + this.name + ", password=<hidden>, endpoint=" + this.endpoint + "]";
	}

}
