package dev.usercluster.follower.web;

import java.net.URI;
import java.util.List;
import java.util.Set;

import dev.usercluster.api.ApiException;
import dev.usercluster.api.LoginRequest;
import dev.usercluster.api.NewSession;
import dev.usercluster.api.Page;
import dev.usercluster.api.RegisterRequest;
import dev.usercluster.api.SessionView;
import dev.usercluster.api.UserApi;
import dev.usercluster.api.UserDetails;
import dev.usercluster.api.UserSummary;
import dev.usercluster.api.UserView;
import dev.usercluster.follower.audit.AuditEvent;
import dev.usercluster.follower.audit.AuditLog;
import dev.usercluster.follower.audit.AuditOutcome;
import dev.usercluster.follower.users.Account;
import dev.usercluster.follower.users.AccountPage;
import dev.usercluster.follower.users.AccountService;
import dev.usercluster.follower.sessions.SessionService;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The follower's implementation of the public API: it composes accounts and sessions.
 */
@RestController
class FollowerController implements UserApi {

	private final AccountService accounts;

	private final SessionService sessions;

	private final ClientAddress clientAddress;

	private final AdminCredential admin;

	private final AuditLog audit;

	FollowerController(AccountService accounts, SessionService sessions, ClientAddress clientAddress,
			AdminCredential admin, AuditLog audit) {
		this.accounts = accounts;
		this.sessions = sessions;
		this.clientAddress = clientAddress;
		this.admin = admin;
		this.audit = audit;
	}

	@Override
	public ResponseEntity<UserView> register(RegisterRequest request) {
		Account account = this.audit.around(AuditEvent.REGISTER, request.name(), () -> this.accounts.register(request));
		URI location = UriComponentsBuilder.fromPath(BASE_PATH + "/users/{name}")
			.buildAndExpand(account.name())
			.encode()
			.toUri();
		return ResponseEntity.created(location).body(new UserView(account.id(), account.name(), account.createdAt()));
	}

	@Override
	public ResponseEntity<NewSession> login(LoginRequest request) {
		NewSession session = this.audit.around(AuditEvent.LOGIN, request.name(),
				() -> this.sessions.login(request, this.clientAddress.current()));
		return ResponseEntity.created(URI.create(BASE_PATH + "/sessions/current")).body(session);
	}

	@Override
	public SessionView currentSession(String authorization) {
		return this.sessions.current(authorization);
	}

	@Override
	public SessionView heartbeat(String authorization) {
		try {
			return this.sessions.heartbeat(authorization);
		}
		catch (ApiException ex) {
			// only refusals: a heartbeat every few minutes per user would drown the trail
			this.audit.record(AuditEvent.HEARTBEAT, AuditOutcome.of(ex.code()), null);
			throw ex;
		}
	}

	@Override
	public ResponseEntity<Void> logout(String authorization) {
		String name;
		try {
			name = this.sessions.current(authorization).name();
			this.sessions.logout(authorization);
		}
		catch (ApiException ex) {
			this.audit.record(AuditEvent.LOGOUT, AuditOutcome.of(ex.code()), null);
			throw ex;
		}
		this.audit.record(AuditEvent.LOGOUT, AuditOutcome.SUCCESS, name);
		return ResponseEntity.noContent().build();
	}

	@Override
	public UserDetails user(String name, String authorization) {
		this.sessions.current(authorization);
		Account account = this.accounts.find(name);
		boolean online = !this.sessions.onlineAmong(List.of(account.nameKey())).isEmpty();
		return new UserDetails(account.id(), account.name(), account.createdAt(), online);
	}

	@Override
	public SessionView presence(String name, String authorization) {
		this.sessions.current(authorization);
		return this.sessions.presence(name);
	}

	@Override
	public Page<UserSummary> users(String after, Integer limit, String authorization) {
		this.sessions.current(authorization);
		AccountPage page = this.accounts.list(after, (limit != null) ? limit : Page.DEFAULT_LIMIT);
		Set<String> online = this.sessions.onlineAmong(page.items().stream().map(Account::nameKey).toList());
		List<UserSummary> items = page.items()
			.stream()
			.map((account) -> new UserSummary(account.id(), account.name(), online.contains(account.nameKey())))
			.toList();
		return new Page<>(items, page.next());
	}

	@Override
	public Page<SessionView> sessions(String after, Integer limit, String authorization) {
		this.sessions.current(authorization);
		return this.sessions.list(after, (limit != null) ? limit : Page.DEFAULT_LIMIT);
	}

	@Override
	public ResponseEntity<Void> endSession(String name, String authorization) {
		this.audit.around(AuditEvent.ADMIN_END_SESSION, name, () -> {
			this.admin.check(authorization);
			this.sessions.end(name);
			return name;
		});
		return ResponseEntity.noContent().build();
	}

}
