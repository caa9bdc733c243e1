package dev.usercluster.gateway.web;

import dev.usercluster.api.LoginRequest;
import dev.usercluster.api.NewSession;
import dev.usercluster.api.Page;
import dev.usercluster.api.RegisterRequest;
import dev.usercluster.api.SessionView;
import dev.usercluster.api.UserApi;
import dev.usercluster.api.UserDetails;
import dev.usercluster.api.UserSummary;
import dev.usercluster.api.UserView;
import dev.usercluster.gateway.routing.FollowerClientConfiguration;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public API on the gateway: requests are validated here with the shared contract,
 * then forwarded to a follower through a client of the same interface. A follower's error
 * arrives as an exception and is relayed unchanged by {@link FollowerErrorAdvice}.
 */
@RestController
class GatewayController implements UserApi {

	private final UserApi followers;

	GatewayController(@Qualifier(FollowerClientConfiguration.FOLLOWERS) UserApi followers) {
		this.followers = followers;
	}

	@Override
	public ResponseEntity<UserView> register(RegisterRequest request) {
		return created(this.followers.register(request));
	}

	@Override
	public ResponseEntity<NewSession> login(LoginRequest request) {
		return created(this.followers.login(request));
	}

	@Override
	public SessionView currentSession(String authorization) {
		return this.followers.currentSession(authorization);
	}

	@Override
	public SessionView heartbeat(String authorization) {
		return this.followers.heartbeat(authorization);
	}

	@Override
	public ResponseEntity<Void> logout(String authorization) {
		this.followers.logout(authorization);
		return ResponseEntity.noContent().build();
	}

	@Override
	public UserDetails user(String name, String authorization) {
		return this.followers.user(name, authorization);
	}

	@Override
	public SessionView presence(String name, String authorization) {
		return this.followers.presence(name, authorization);
	}

	@Override
	public Page<UserSummary> users(String after, Integer limit, String authorization) {
		return this.followers.users(after, limit, authorization);
	}

	@Override
	public Page<SessionView> sessions(String after, Integer limit, String authorization) {
		return this.followers.sessions(after, limit, authorization);
	}

	@Override
	public ResponseEntity<Void> endSession(String name, String authorization) {
		this.followers.endSession(name, authorization);
		return ResponseEntity.noContent().build();
	}

	/**
	 * Keep the status, {@code Location} and body of a follower's answer, but none of its
	 * connection headers, which describe the follower's hop, not this one.
	 */
	private static <T> ResponseEntity<T> created(ResponseEntity<T> answer) {
		ResponseEntity.BodyBuilder relayed = ResponseEntity.status(answer.getStatusCode());
		if (answer.getHeaders().getLocation() != null) {
			relayed.location(answer.getHeaders().getLocation());
		}
		return relayed.body(answer.getBody());
	}

}
