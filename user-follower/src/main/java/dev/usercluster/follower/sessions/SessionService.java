package dev.usercluster.follower.sessions;

import java.util.Collection;
import java.util.Set;

import dev.usercluster.api.LoginRequest;
import dev.usercluster.api.NewSession;
import dev.usercluster.api.Page;
import dev.usercluster.api.SessionView;

import org.springframework.stereotype.Service;

/**
 * Sessions in Redis: login (with throttling and the single-session rule), whoami,
 * heartbeat, logout, presence and the online list.
 */
@Service
public class SessionService {

	public NewSession login(LoginRequest request, String clientAddress) {
		throw new UnsupportedOperationException("TODO");
	}

	/** The session of a bearer token; {@code invalid-session} otherwise. */
	public SessionView current(String authorization) {
		throw new UnsupportedOperationException("TODO");
	}

	public SessionView heartbeat(String authorization) {
		throw new UnsupportedOperationException("TODO");
	}

	public void logout(String authorization) {
		throw new UnsupportedOperationException("TODO");
	}

	/** The live session of a user by name; {@code offline} otherwise. */
	public SessionView presence(String name) {
		throw new UnsupportedOperationException("TODO");
	}

	public Page<SessionView> list(String after, int limit) {
		throw new UnsupportedOperationException("TODO");
	}

	/** Force logout; {@code offline} when there is no session. */
	public void end(String name) {
		throw new UnsupportedOperationException("TODO");
	}

	/** Which of these name keys have a live session. */
	public Set<String> onlineAmong(Collection<String> nameKeys) {
		throw new UnsupportedOperationException("TODO");
	}

}
