package dev.usercluster.follower.users;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import dev.usercluster.api.ApiException;
import dev.usercluster.api.NameKey;
import dev.usercluster.api.Page;
import dev.usercluster.api.ProblemCode;
import dev.usercluster.api.RegisterRequest;
import dev.usercluster.follower.paging.Cursor;
import dev.usercluster.follower.sessions.PasswordCheck;
import dev.usercluster.follower.users.UserRepository.StoredAccount;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Accounts: registration, look-up, listing and password checks (the {@link PasswordCheck}
 * of logins).
 */
@Service
class AccountService implements PasswordCheck {

	private final UserRepository users;

	private final PasswordHasher hasher;

	private final PasswordPolicy passwordPolicy;

	private final Clock clock;

	AccountService(UserRepository users, PasswordHasher hasher, PasswordPolicy passwordPolicy, Clock clock) {
		this.users = users;
		this.hasher = hasher;
		this.passwordPolicy = passwordPolicy;
		this.clock = clock;
	}

	/**
	 * Register a new account.
	 * @param request a validated request
	 * @return the new account
	 * @throws dev.usercluster.api.ApiException {@code invalid-request} for a password the
	 * {@link PasswordPolicy} refuses, {@code name-taken} when the name key exists
	 */
	Account register(RegisterRequest request) {
		this.passwordPolicy.check(request.name(), request.password(), "password");
		String hash = this.hasher.hash(PasswordPolicy.normalise(request.password()));
		// whole seconds, so what is returned now equals what is read back later
		Instant createdAt = this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
		try {
			return this.users.insert(NameKey.display(request.name()), NameKey.of(request.name()), hash, createdAt);
		}
		catch (DuplicateKeyException ex) {
			// the unique index is the only judge: no check-then-insert race
			throw new ApiException(ProblemCode.NAME_TAKEN, "This name is already registered.");
		}
	}

	/**
	 * Check a name and password (NFC-normalised, as at registration). Costs one password
	 * hash whether or not the name exists; a password with a lone surrogate matches
	 * nothing and costs none, whatever the name.
	 * @param name any name as given by a client
	 * @param password any password
	 * @return the account, when the password matches
	 */
	Optional<Account> authenticate(String name, String password) {
		if (name == null || password == null || PasswordPolicy.hasLoneSurrogate(password)) {
			return Optional.empty();
		}
		String normalised = PasswordPolicy.normalise(password);
		Optional<StoredAccount> stored = this.users.findByKey(NameKey.of(name));
		String hash = stored.map(StoredAccount::passwordHash).orElse(null);
		if (!this.hasher.matches(normalised, hash)) {
			return Optional.empty();
		}
		if (this.hasher.isOutdated(hash)) {
			// conditional: a concurrent login may already have upgraded it
			this.users.replaceHash(stored.get().account().id(), hash, this.hasher.hash(normalised));
		}
		return stored.map(StoredAccount::account);
	}

	@Override
	public Optional<Verified> verify(String name, String password) {
		return authenticate(name, password).map((account) -> new Verified(account.name(), account.nameKey()));
	}

	@Override
	public void replace(Verified account, String newPassword) {
		this.passwordPolicy.check(account.name(), newPassword, "newPassword");
		this.users.setHash(account.nameKey(), this.hasher.hash(PasswordPolicy.normalise(newPassword)));
	}

	/**
	 * Delete an account; its name is free again.
	 * @param name the name
	 * @return the deleted account's name key
	 * @throws dev.usercluster.api.ApiException {@code user-not-found}
	 */
	String delete(String name) {
		String nameKey = NameKey.of(name);
		if (!this.users.delete(nameKey)) {
			throw new ApiException(ProblemCode.USER_NOT_FOUND, "No user has this name.");
		}
		return nameKey;
	}

	/**
	 * Find an account by name (any case or normal form).
	 * @param name the name
	 * @return the account
	 * @throws dev.usercluster.api.ApiException {@code user-not-found}
	 */
	Account find(String name) {
		return this.users.findByKey(NameKey.of(name))
			.map(StoredAccount::account)
			.orElseThrow(() -> new ApiException(ProblemCode.USER_NOT_FOUND, "No user has this name."));
	}

	/**
	 * One page of accounts by name key.
	 * @param after opaque cursor from a previous page, or {@code null}
	 * @param limit page size, 1 to 500
	 * @return the page
	 * @throws dev.usercluster.api.ApiException {@code invalid-request} for a bad cursor
	 */
	AccountPage list(@Nullable String after, int limit) {
		if (limit < Page.MIN_LIMIT || limit > Page.MAX_LIMIT) {
			throw new ApiException(ProblemCode.INVALID_REQUEST,
					"The limit must be between " + Page.MIN_LIMIT + " and " + Page.MAX_LIMIT + ".");
		}
		String afterKey = (after != null) ? Cursor.decode(after) : null;
		// one row more than asked tells whether another page follows
		List<Account> rows = this.users.findAfter(afterKey, limit + 1);
		if (rows.size() <= limit) {
			return new AccountPage(rows, null);
		}
		List<Account> items = rows.subList(0, limit);
		return new AccountPage(List.copyOf(items), Cursor.encode(items.get(limit - 1).nameKey()));
	}

}
