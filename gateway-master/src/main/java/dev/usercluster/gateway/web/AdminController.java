package dev.usercluster.gateway.web;

import dev.usercluster.api.AdminApi;
import dev.usercluster.api.EndedSessions;
import dev.usercluster.gateway.routing.FollowerClientConfiguration;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@link AdminApi} on the gateway: validated here, forwarded to a follower through a
 * client of the same interface; the follower checks the admin token.
 */
@RestController
class AdminController implements AdminApi {

	private final AdminApi followers;

	AdminController(@Qualifier(FollowerClientConfiguration.FOLLOWERS) AdminApi followers) {
		this.followers = followers;
	}

	@Override
	public ResponseEntity<Void> endSession(String name, @Nullable String authorization) {
		this.followers.endSession(name, authorization);
		return FollowerAnswers.noContent();
	}

	@Override
	public EndedSessions endEndpointSessions(String endpoint, @Nullable String authorization) {
		return this.followers.endEndpointSessions(endpoint, authorization);
	}

}
