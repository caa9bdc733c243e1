package dev.usercluster.gateway.web;

import dev.usercluster.api.LoginRequest;
import dev.usercluster.api.NewSession;
import dev.usercluster.api.Page;
import dev.usercluster.api.PresenceLookup;
import dev.usercluster.api.PresenceResult;
import dev.usercluster.api.SessionList;
import dev.usercluster.api.SessionView;
import dev.usercluster.api.SessionsApi;
import dev.usercluster.gateway.routing.FollowerClientConfiguration;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@link SessionsApi} on the gateway: validated here, forwarded to a follower through a
 * client of the same interface; a follower's error is relayed by
 * {@link FollowerErrorAdvice}.
 */
@RestController
class SessionsController implements SessionsApi {

	private final SessionsApi followers;

	SessionsController(@Qualifier(FollowerClientConfiguration.FOLLOWERS) SessionsApi followers) {
		this.followers = followers;
	}

	@Override
	public ResponseEntity<NewSession> login(LoginRequest request) {
		return FollowerAnswers.created(this.followers.login(request));
	}

	@Override
	public SessionView currentSession(@Nullable String authorization) {
		return this.followers.currentSession(authorization);
	}

	@Override
	public SessionView heartbeat(@Nullable String authorization) {
		return this.followers.heartbeat(authorization);
	}

	@Override
	public ResponseEntity<Void> logout(@Nullable String authorization) {
		this.followers.logout(authorization);
		return FollowerAnswers.noContent();
	}

	@Override
	public SessionView presence(String name, @Nullable String authorization) {
		return this.followers.presence(name, authorization);
	}

	@Override
	public SessionList userSessions(String name, @Nullable String authorization) {
		return this.followers.userSessions(name, authorization);
	}

	@Override
	public PresenceResult lookup(PresenceLookup request, @Nullable String authorization) {
		return this.followers.lookup(request, authorization);
	}

	@Override
	public Page<SessionView> sessions(@Nullable String after, @Nullable Integer limit, @Nullable String authorization) {
		return this.followers.sessions(after, limit, authorization);
	}

}
