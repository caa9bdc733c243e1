package dev.usercluster.follower.admin;

import dev.usercluster.api.AdminApi;
import dev.usercluster.follower.sessions.SessionService;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestController;

/**
 * The follower's {@link AdminApi}: calls with the admin credential.
 */
@RestController
class AdminController implements AdminApi {

	private final AdminCredential admin;

	private final SessionService sessions;

	AdminController(AdminCredential admin, SessionService sessions) {
		this.admin = admin;
		this.sessions = sessions;
	}

	@Override
	public ResponseEntity<Void> endSession(String name, @Nullable String authorization) {
		this.admin.check(authorization);
		this.sessions.end(name);
		return ResponseEntity.noContent().build();
	}

}
