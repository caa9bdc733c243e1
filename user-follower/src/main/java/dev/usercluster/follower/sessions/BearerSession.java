package dev.usercluster.follower.sessions;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

/**
 * The live session of the current call's bearer token, as {@link BearerAuthentication}
 * resolved it.
 *
 * @param token the parsed token
 * @param stored the session Redis holds for it
 */
record BearerSession(SessionToken token, StoredSession stored) {

	private static final String ATTRIBUTE = BearerSession.class.getName();

	/** Keep it for the rest of the current call. */
	void bind() {
		RequestContextHolder.currentRequestAttributes().setAttribute(ATTRIBUTE, this, RequestAttributes.SCOPE_REQUEST);
	}

	/**
	 * The session of the current call.
	 * @throws IllegalStateException when the handler is not {@link BearerAuthenticated}
	 */
	static BearerSession current() {
		Object session = RequestContextHolder.currentRequestAttributes()
			.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
		if (session == null) {
			throw new IllegalStateException("The handler is not @" + BearerAuthenticated.class.getSimpleName());
		}
		return (BearerSession) session;
	}

}
