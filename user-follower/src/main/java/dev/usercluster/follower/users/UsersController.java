package dev.usercluster.follower.users;

import dev.usercluster.follower.audit.AuditLog;
import dev.usercluster.follower.audit.AuditEvent;
import java.net.URI;
import java.util.List;
import java.util.Set;

import dev.usercluster.api.ApiPaths;
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

	private final AccountService accounts;

	private final SessionService sessions;

	private final RegistrationThrottle registrations;

	private final AuditLog audit;

	UsersController(AccountService accounts, SessionService sessions, RegistrationThrottle registrations,
			AuditLog audit) {
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
