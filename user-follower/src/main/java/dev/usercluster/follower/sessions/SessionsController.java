package dev.usercluster.follower.sessions;

import java.net.URI;

import dev.usercluster.api.ApiPaths;
import dev.usercluster.api.NewSession;
import dev.usercluster.api.LoginRequest;
import dev.usercluster.api.Page;
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

	SessionsController(SessionService sessions, ClientAddress clientAddress) {
		this.sessions = sessions;
		this.clientAddress = clientAddress;
	}

	@Override
	public ResponseEntity<NewSession> login(LoginRequest request) {
		NewSession session = this.sessions.login(request, this.clientAddress.current());
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
		return this.sessions.heartbeat(BearerSession.current());
	}

	@Override
	@BearerAuthenticated
	public ResponseEntity<Void> logout(@Nullable String authorization) {
		this.sessions.logout(BearerSession.current().stored());
		return ResponseEntity.noContent().build();
	}

	@Override
	@BearerAuthenticated
	public SessionView presence(String name, @Nullable String authorization) {
		return this.sessions.presence(name);
	}

	@Override
	@BearerAuthenticated
	public Page<SessionView> sessions(@Nullable String after, @Nullable Integer limit, @Nullable String authorization) {
		return this.sessions.list(after, (limit != null) ? limit : Page.DEFAULT_LIMIT);
	}

}
