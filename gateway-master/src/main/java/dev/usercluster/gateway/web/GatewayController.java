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
import dev.usercluster.gateway.routing.FollowerClient;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/**
 * The gateway's side of the public API: each call, once it passed the shared contract's
 * validation here, goes unchanged to one follower. A follower's error answers pass
 * through {@link FollowerAnswerAdvice}.
 */
@RestController
class GatewayController implements UserApi {

	private final FollowerClient followers;

	GatewayController(FollowerClient followers) {
		this.followers = followers;
	}

	@Override
	public ResponseEntity<UserView> register(RegisterRequest request) {
		return relay(this.followers.register(request));
	}

	@Override
	public ResponseEntity<NewSession> login(LoginRequest request) {
		return relay(this.followers.login(request));
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
		return relay(this.followers.logout(authorization));
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
		return relay(this.followers.endSession(name, authorization));
	}

	/**
	 * The follower's status, {@code Location} and body; not its other headers, which
	 * describe the follower's connection (length, encoding, keep-alive), not the
	 * gateway's.
	 */
	private static <T> ResponseEntity<T> relay(ResponseEntity<T> answer) {
		ResponseEntity.BodyBuilder response = ResponseEntity.status(answer.getStatusCode());
		if (answer.getHeaders().getLocation() != null) {
			response.location(answer.getHeaders().getLocation());
		}
		return response.body(answer.getBody());
	}

}
