package dev.usercluster.follower.sessions;

import dev.usercluster.follower.audit.AuditOutcome;
import dev.usercluster.follower.audit.AuditLog;
import dev.usercluster.follower.audit.AuditEvent;
import dev.usercluster.api.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpHeaders;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Resolves the session of a {@link BearerAuthenticated} handler's call once, before the
 * handler runs, and binds it to the call ({@link BearerSession#current()}). A missing,
 * malformed or dead token is 401 {@code invalid-session}, answered by the problem
 * handlers like any exception of a handler.
 */
class BearerAuthentication implements HandlerInterceptor {

	private final SessionService sessions;

	private final AuditLog audit;

	BearerAuthentication(SessionService sessions, AuditLog audit) {
		this.sessions = sessions;
		this.audit = audit;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (handler instanceof HandlerMethod method && (method.hasMethodAnnotation(BearerAuthenticated.class)
				|| method.getBeanType().isAnnotationPresent(BearerAuthenticated.class))) {
			try {
				this.sessions.authenticate(request.getHeader(HttpHeaders.AUTHORIZATION)).bind();
			}
			catch (ApiException ex) {
				// refused heartbeats and logouts are audited; other reads are not
				AuditEvent event = switch (method.getMethod().getName()) {
					case "heartbeat" -> AuditEvent.HEARTBEAT;
					case "logout" -> AuditEvent.LOGOUT;
					default -> null;
				};
				if (event != null) {
					this.audit.record(event, AuditOutcome.of(ex.code()), null);
				}
				throw ex;
			}
		}
		return true;
	}

}
