package dev.usercluster.follower.sessions;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.usercluster.api.ApiException;
import dev.usercluster.api.LoginRequest;
import dev.usercluster.api.NameKey;
import dev.usercluster.api.NewSession;
import dev.usercluster.api.Page;
import dev.usercluster.api.ProblemCode;
import dev.usercluster.api.SessionView;

import org.springframework.stereotype.Service;

/**
 * Sessions in Redis: login (with throttling and the single-session rule), bearer
 * authentication, heartbeat, logout, presence and the online list. Public for what other
 * features need: which users are online (accounts) and ending a session (admin).
 */
@Service
public class SessionService {

	private final PasswordCheck passwords;

	private final SessionStore store;

	private final OnlineIndex online;

	private final OnlineList onlineList;

	private final LoginThrottle throttle;

	private final SessionProperties properties;

	private final Clock clock;

	SessionService(PasswordCheck passwords, SessionStore store, OnlineIndex online, OnlineList onlineList,
			LoginThrottle throttle, SessionProperties properties, Clock clock) {
		this.passwords = passwords;
		this.store = store;
		this.online = online;
		this.onlineList = onlineList;
		this.throttle = throttle;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Log in: throttle, check the password, then start the session under the
	 * single-session policy.
	 * @param request a validated login
	 * @param clientAddress the client's address, for throttling
	 * @return the new session with its token
	 */
	NewSession login(LoginRequest request, String clientAddress) {
		String nameKey = NameKey.of(request.name());
		this.throttle.wait(nameKey, clientAddress).ifPresent((delay) -> {
			throw new ApiException(ProblemCode.TOO_MANY_ATTEMPTS, "Too many failed logins. Try again later.")
				.retryAfter(delay);
		});
		Optional<PasswordCheck.Verified> verified = this.passwords.verify(request.name(), request.password());
		if (verified.isEmpty()) {
			this.throttle.recordFailure(nameKey, clientAddress);
			throw new ApiException(ProblemCode.INVALID_CREDENTIALS, "The name or the password is wrong.");
		}
		PasswordCheck.Verified account = verified.get();
		Instant now = this.clock.instant().truncatedTo(ChronoUnit.SECONDS);
		SessionView session = new SessionView(account.name(), request.endpoint(), now, now.plus(this.properties.ttl()));
		SessionToken token = SessionToken.issue(account.nameKey());
		if (!this.store.start(token, account.nameKey(), this.properties.policy(), session,
				this.properties.ttl().toMillis())) {
			throw new ApiException(ProblemCode.ALREADY_LOGGED_IN, "This user already has a live session.");
		}
		this.throttle.reset(account.nameKey());
		this.online.add(account.nameKey(), token.digest());
		return new NewSession(token.value(), session.name(), session.endpoint(), session.createdAt(),
				session.expiresAt());
	}

	/**
	 * The live session of an {@code Authorization} header.
	 * @param authorization the header, or {@code null}
	 * @return the session with its token
	 * @throws ApiException {@code invalid-session} when there is none
	 */
	BearerSession authenticate(String authorization) {
		SessionToken token = token(authorization);
		StoredSession session = this.store.find(token).orElseThrow(SessionService::invalidSession);
		return new BearerSession(token, session);
	}

	/**
	 * Extend an authenticated session to now + TTL; {@code invalid-session} when it ended
	 * meanwhile.
	 */
	SessionView heartbeat(BearerSession session) {
		Instant expiresAt = this.clock.instant().truncatedTo(ChronoUnit.SECONDS).plus(this.properties.ttl());
		return this.store
			.extend(session.token(), session.stored().nameKey(), expiresAt.toEpochMilli(),
					this.properties.ttl().toMillis())
			.orElseThrow(SessionService::invalidSession);
	}

	/**
	 * End an authenticated session; {@code invalid-session} when it ended meanwhile.
	 */
	void logout(StoredSession session) {
		if (!this.store.end(SessionToken.hashTagOf(session.nameKey()), session.digest(), session.nameKey())) {
			throw invalidSession();
		}
		this.online.remove(List.of(OnlineIndex.member(session.nameKey(), session.digest())));
	}

	/** The live session of a user by name; {@code offline} otherwise. */
	SessionView presence(String name) {
		return this.store.find(NameKey.of(name)).map(StoredSession::view).orElseThrow(SessionService::offline);
	}

	/**
	 * One page of online users in name-key order.
	 * @param after opaque cursor from a previous page, or {@code null}
	 * @param limit page size, 1 to 500
	 * @return the page
	 */
	Page<SessionView> list(String after, int limit) {
		return this.onlineList.page(after, limit);
	}

	/** Force logout; {@code offline} when there is no session. */
	public void end(String name) {
		String nameKey = NameKey.of(name);
		String digest = this.store.endAny(nameKey).orElseThrow(SessionService::offline);
		this.online.remove(List.of(OnlineIndex.member(nameKey, digest)));
	}

	/** Which of these name keys have a live session. */
	public Set<String> onlineAmong(Collection<String> nameKeys) {
		List<String> keys = List.copyOf(nameKeys);
		List<Boolean> live = this.store.live(keys);
		Set<String> online = new HashSet<>();
		for (int i = 0; i < keys.size(); i++) {
			if (live.get(i)) {
				online.add(keys.get(i));
			}
		}
		return online;
	}

	/**
	 * Whether an {@code Authorization} header carries a live session token.
	 * @param authorization the header, or {@code null}
	 * @return {@code true} for a live session's token
	 */
	public boolean isLive(String authorization) {
		Optional<SessionToken> token = BearerToken.of(authorization).flatMap(SessionToken::parse);
		return token.isPresent() && this.store.find(token.get()).isPresent();
	}

	private static SessionToken token(String authorization) {
		return BearerToken.of(authorization).flatMap(SessionToken::parse).orElseThrow(SessionService::invalidSession);
	}

	private static ApiException invalidSession() {
		return new ApiException(ProblemCode.INVALID_SESSION, "The session token is missing, malformed or not live.");
	}

	private static ApiException offline() {
		return new ApiException(ProblemCode.OFFLINE, "This user has no live session.");
	}

}
