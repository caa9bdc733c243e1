package dev.usercluster.follower.sessions;

import dev.usercluster.follower.audit.AuditOutcome;
import dev.usercluster.follower.audit.AuditLog;
import dev.usercluster.follower.audit.AuditEvent;
import dev.usercluster.api.ApiException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import dev.usercluster.api.ApiPaths;
import dev.usercluster.api.NewSession;
import dev.usercluster.api.LoginRequest;
import dev.usercluster.api.Page;
import dev.usercluster.api.PresenceLookup;
import dev.usercluster.api.PresenceResult;
import dev.usercluster.api.SessionList;
import dev.usercluster.api.SessionView;
import dev.usercluster.api.SessionsApi;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/**
 * The follower's {@link SessionsApi}. The {@code authorization} arguments are there for
 * the contract; {@link BearerAuthentication} has already resolved them to the call's
 * {@link BearerSession}.
 */
@RestController
class SessionsController implements SessionsApi {

	private final SessionService sessions;

	private final ClientAddress clientAddress;

	private final AuditLog audit;

	SessionsController(SessionService sessions, ClientAddress clientAddress, AuditLog audit) {
		this.sessions = sessions;
		this.clientAddress = clientAddress;
		this.audit = audit;
	}

	@Override
	public ResponseEntity<NewSession> login(LoginRequest request) {
		NewSession session = this.audit.around(AuditEvent.LOGIN, request.name(),
				() -> this.sessions.login(request, this.clientAddress.current()));
		return ResponseEntity.created(URI.create(ApiPaths.BASE_PATH + "/sessions/current")).body(session);
	}

	@Override
	@BearerAuthenticated
	public SessionView currentSession(@Nullable String authorization) {
		return BearerSession.current().stored().view();
	}

	@Override
	@BearerAuthenticated
	public SessionView heartbeat(@Nullable String authorization) {
		try {
			return this.sessions.heartbeat(BearerSession.current());
		}
		catch (ApiException ex) {
			// only refusals: a heartbeat every few minutes per user would drown the trail
			this.audit.record(AuditEvent.HEARTBEAT, AuditOutcome.of(ex.code()), null);
			throw ex;
		}
	}

	@Override
	@BearerAuthenticated
	public ResponseEntity<Void> logout(@Nullable String authorization) {
		StoredSession session = BearerSession.current().stored();
		this.audit.around(AuditEvent.LOGOUT, session.view().name(), () -> {
			this.sessions.logout(session);
			return session;
		});
		return ResponseEntity.noContent().build();
	}

	@Override
	@BearerAuthenticated
	public SessionView presence(String name, @Nullable String authorization) {
		return this.sessions.presence(name);
	}

	@Override
	@BearerAuthenticated
	public SessionList userSessions(String name, @Nullable String authorization) {
		return new SessionList(this.sessions.sessionsOf(name));
	}

	@Override
	@BearerAuthenticated
	public PresenceResult lookup(PresenceLookup request, @Nullable String authorization) {
		List<List<SessionView>> sessions = this.sessions.lookup(request.names());
		List<PresenceResult.UserPresence> items = new ArrayList<>();
		for (int i = 0; i < request.names().size(); i++) {
			items.add(new PresenceResult.UserPresence(request.names().get(i),
					sessions.get(i)
						.stream()
						.map((session) -> new PresenceResult.Device(session.endpoint(), session.createdAt(),
								session.expiresAt()))
						.toList()));
		}
		return new PresenceResult(items);
	}

	@Override
	@BearerAuthenticated
	public Page<SessionView> sessions(@Nullable String after, @Nullable Integer limit, @Nullable String authorization) {
		return this.sessions.list(after, (limit != null) ? limit : Page.DEFAULT_LIMIT);
	}

}
