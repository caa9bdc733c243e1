package dev.usercluster.follower.sessions;

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

	BearerAuthentication(SessionService sessions) {
		this.sessions = sessions;
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
		if (handler instanceof HandlerMethod method && (method.hasMethodAnnotation(BearerAuthenticated.class)
				|| method.getBeanType().isAnnotationPresent(BearerAuthenticated.class))) {
			this.sessions.authenticate(request.getHeader(HttpHeaders.AUTHORIZATION)).bind();
		}
		return true;
	}

}
