package dev.usercluster.follower.users;

import dev.usercluster.follower.audit.AuditLog;
import dev.usercluster.follower.audit.AuditEvent;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import dev.usercluster.api.ApiException;
import dev.usercluster.api.ApiPaths;
import dev.usercluster.api.NameKey;
import dev.usercluster.api.PasswordChange;
import dev.usercluster.api.ProblemCode;
import dev.usercluster.follower.admin.AdminCredential;
import dev.usercluster.api.Page;
import dev.usercluster.api.RegisterRequest;
import dev.usercluster.api.UserDetails;
import dev.usercluster.api.UserSummary;
import dev.usercluster.api.UserView;
import dev.usercluster.api.UsersApi;
import dev.usercluster.follower.sessions.BearerAuthenticated;
import dev.usercluster.follower.sessions.RegistrationThrottle;
import dev.usercluster.follower.sessions.SessionService;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The follower's {@link UsersApi}: accounts, with whether each is online. The
 * {@code authorization} arguments are there for the contract; calls marked
 * {@link BearerAuthenticated} are authenticated before they arrive here.
 */
@RestController
class UsersController implements UsersApi {

	/** How recent a login must be for its session to delete the account. */
	static final Duration REAUTHENTICATION_WINDOW = Duration.ofMinutes(10);

	private final AccountService accounts;

	private final SessionService sessions;

	private final RegistrationThrottle registrations;

	private final AuditLog audit;

	private final AdminCredential admin;

	private final Clock clock;

	UsersController(AccountService accounts, SessionService sessions, RegistrationThrottle registrations,
			AuditLog audit, AdminCredential admin, Clock clock) {
		this.admin = admin;
		this.clock = clock;
		this.accounts = accounts;
		this.sessions = sessions;
		this.registrations = registrations;
		this.audit = audit;
	}

	@Override
	public ResponseEntity<UserView> register(RegisterRequest request) {
		Account account = this.audit.around(AuditEvent.REGISTER, request.name(),
				() -> this.registrations.throttled(() -> this.accounts.register(request)));
		URI location = UriComponentsBuilder.fromPath(ApiPaths.BASE_PATH + "/users/{name}")
			.buildAndExpand(account.name())
			.encode()
			.toUri();
		return ResponseEntity.created(location).body(new UserView(account.id(), account.name(), account.createdAt()));
	}

	@Override
	@BearerAuthenticated
	public UserDetails user(String name, @Nullable String authorization) {
		Account account = this.accounts.find(name);
		boolean online = !this.sessions.onlineAmong(List.of(account.nameKey())).isEmpty();
		return new UserDetails(account.id(), account.name(), account.createdAt(), online);
	}

	@Override
	@BearerAuthenticated
	public ResponseEntity<Void> changePassword(String name, PasswordChange request, @Nullable String authorization) {
		this.audit.around(AuditEvent.PASSWORD_CHANGE, name, () -> {
			this.sessions.changePassword(name, request.currentPassword(), request.newPassword());
			return name;
		});
		return ResponseEntity.noContent().build();
	}

	/**
	 * Delete an account: with the admin credential, or with a session of that very user
	 * that logged in less than {@link #REAUTHENTICATION_WINDOW} ago.
	 */
	@Override
	public ResponseEntity<Void> deleteUser(String name, @Nullable String authorization) {
		this.audit.around(AuditEvent.ACCOUNT_DELETION, name, () -> {
			if (!this.admin.isAdmin(authorization)) {
				this.sessions.authenticateCall(authorization);
				if (!this.sessions.currentNameKey().equals(NameKey.of(name))) {
					throw new ApiException(ProblemCode.FORBIDDEN, "Only the user or an admin can delete an account.");
				}
				if (this.sessions.currentCreatedAt().plus(REAUTHENTICATION_WINDOW).isBefore(this.clock.instant())) {
					throw new ApiException(ProblemCode.REAUTHENTICATION_REQUIRED,
							"Log in again: deleting an account needs a session younger than "
									+ REAUTHENTICATION_WINDOW.toMinutes() + " minutes.");
				}
			}
			String nameKey = this.accounts.delete(name);
			this.sessions.endAll(nameKey, "deleted");
			return name;
		});
		return ResponseEntity.noContent().build();
	}

	@Override
	@BearerAuthenticated
	public Page<UserSummary> users(@Nullable String after, @Nullable Integer limit, @Nullable String authorization) {
		AccountPage page = this.accounts.list(after, (limit != null) ? limit : Page.DEFAULT_LIMIT);
		Set<String> online = this.sessions.onlineAmong(page.items().stream().map(Account::nameKey).toList());
		List<UserSummary> items = page.items()
			.stream()
			.map((account) -> new UserSummary(account.id(), account.name(), online.contains(account.nameKey())))
			.toList();
		return new Page<>(items, page.next());
	}

}
