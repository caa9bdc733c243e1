package dev.usercluster.follower.users;

import java.util.Optional;

import dev.usercluster.api.RegisterRequest;

import org.springframework.stereotype.Service;

/**
 * Accounts: registration, look-up, listing and password checks.
 */
@Service
public class AccountService {

	/**
	 * Register a new account.
	 * @param request a validated request
	 * @return the new account
	 * @throws dev.usercluster.api.ApiException {@code name-taken} when the name key
	 * exists
	 */
	public Account register(RegisterRequest request) {
		throw new UnsupportedOperationException("TODO");
	}

	/**
	 * Check a name and password. Costs one password hash whether or not the name exists.
	 * @param name any name as given by a client
	 * @param password any password
	 * @return the account, when the password matches
	 */
	public Optional<Account> authenticate(String name, String password) {
		throw new UnsupportedOperationException("TODO");
	}

	/**
	 * Find an account by name (any case or normal form).
	 * @param name the name
	 * @return the account
	 * @throws dev.usercluster.api.ApiException {@code user-not-found}
	 */
	public Account find(String name) {
		throw new UnsupportedOperationException("TODO");
	}

	/**
	 * One page of accounts by name key.
	 * @param after opaque cursor from a previous page, or {@code null}
	 * @param limit page size, 1 to 500
	 * @return the page
	 * @throws dev.usercluster.api.ApiException {@code invalid-request} for a bad cursor
	 */
	public AccountPage list(String after, int limit) {
		throw new UnsupportedOperationException("TODO");
	}

}
