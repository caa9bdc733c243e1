package dev.usercluster.follower.admin;

import dev.usercluster.follower.audit.AuditLog;
import dev.usercluster.follower.audit.AuditEvent;
import dev.usercluster.api.AdminApi;
import dev.usercluster.api.EndedSessions;
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

	private final AuditLog audit;

	AdminController(AdminCredential admin, SessionService sessions, AuditLog audit) {
		this.admin = admin;
		this.sessions = sessions;
		this.audit = audit;
	}

	@Override
	public ResponseEntity<Void> endSession(String name, @Nullable String authorization) {
		this.audit.around(AuditEvent.ADMIN_END_SESSION, name, () -> {
			this.admin.check(authorization);
			this.sessions.end(name);
			return name;
		});
		return ResponseEntity.noContent().build();
	}

	@Override
	public EndedSessions endEndpointSessions(String endpoint, @Nullable String authorization) {
		return this.audit.around(AuditEvent.ADMIN_END_ENDPOINT, endpoint, () -> {
			this.admin.check(authorization);
			return new EndedSessions(this.sessions.endOnEndpoint(endpoint));
		});
	}

}
