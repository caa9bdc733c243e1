package dev.usercluster.follower.sessions;

import java.util.Optional;

/**
 * The password check a login needs, implemented by the accounts feature, so that sessions
 * do not depend on how accounts are stored (and accounts may depend on sessions for
 * authentication and presence).
 */
public interface PasswordCheck {

	/**
	 * Check a name and password. Costs one password hash whether or not the name exists.
	 * @param name any name as given by a client
	 * @param password any password
	 * @return the account, when the password matches
	 */
	Optional<Verified> verify(String name, String password);

	/**
	 * Replace the password of an account whose current password was just verified.
	 * @param account the account
	 * @param newPassword the new password
	 * @throws dev.usercluster.api.ApiException {@code invalid-request} when the password
	 * policy refuses it
	 */
	void replace(Verified account, String newPassword);

	/**
	 * An account whose password matched.
	 *
	 * @param name the display form, as registered
	 * @param nameKey the unique key
	 */
	record Verified(String name, String nameKey) {
	}

}
