package dev.usercluster.gateway.web;

import dev.usercluster.api.Page;
import dev.usercluster.api.PasswordChange;
import dev.usercluster.api.RegisterRequest;
import dev.usercluster.api.UserDetails;
import dev.usercluster.api.UserSummary;
import dev.usercluster.api.UserView;
import dev.usercluster.api.UsersApi;
import dev.usercluster.gateway.routing.FollowerClientConfiguration;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@link UsersApi} on the gateway: requests are validated here with the shared contract,
 * then forwarded to a follower through a client of the same interface. A follower's error
 * arrives as an exception and is relayed unchanged by {@link FollowerErrorAdvice}.
 */
@RestController
class UsersController implements UsersApi {

	private final UsersApi followers;

	UsersController(@Qualifier(FollowerClientConfiguration.FOLLOWERS) UsersApi followers) {
		this.followers = followers;
	}

	@Override
	public ResponseEntity<UserView> register(RegisterRequest request) {
		return FollowerAnswers.created(this.followers.register(request));
	}

	@Override
	public UserDetails user(String name, @Nullable String authorization) {
		return this.followers.user(name, authorization);
	}

	@Override
	public ResponseEntity<Void> changePassword(String name, PasswordChange request, @Nullable String authorization) {
		this.followers.changePassword(name, request, authorization);
		return FollowerAnswers.noContent();
	}

	@Override
	public ResponseEntity<Void> deleteUser(String name, @Nullable String authorization) {
		this.followers.deleteUser(name, authorization);
		return FollowerAnswers.noContent();
	}

	@Override
	public Page<UserSummary> users(@Nullable String after, @Nullable Integer limit, @Nullable String authorization) {
		return this.followers.users(after, limit, authorization);
	}

}
