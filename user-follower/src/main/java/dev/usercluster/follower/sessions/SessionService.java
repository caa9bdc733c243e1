package dev.usercluster.follower.sessions;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.usercluster.api.ApiException;
import dev.usercluster.api.LoginRequest;
import dev.usercluster.api.NameKey;
import dev.usercluster.api.NewSession;
import dev.usercluster.api.Page;
import dev.usercluster.api.ProblemCode;
import dev.usercluster.api.SessionView;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.stereotype.Service;

/**
 * Sessions in Redis: login (with throttling and the single-session rule), bearer
 * authentication, heartbeat, logout, presence and the online list. Public for what other
 * features need: which users are online (accounts) and ending a session (admin).
 */
@Service
public class SessionService {

	private static final Logger logger = LoggerFactory.getLogger(SessionService.class);

	/** Sessions read from an endpoint's index at a time. */
	private static final int EVICTION_BATCH = 500;

	/** Batches before an eviction gives up on an endpoint that keeps gaining sessions. */
	private static final int MAX_EVICTION_ROUNDS = 10_000;

	private final PasswordCheck passwords;

	private final SessionStore store;

	private final OnlineList onlineList;

	private final LoginThrottle throttle;

	private final SessionProperties properties;

	private final Clock clock;

	private final LoginMetrics metrics;

	private final ClientAddress clientAddress;

	SessionService(PasswordCheck passwords, SessionStore store, OnlineList onlineList, LoginThrottle throttle,
			SessionProperties properties, Clock clock, LoginMetrics metrics, ClientAddress clientAddress) {
		this.clientAddress = clientAddress;
		this.metrics = metrics;
		this.passwords = passwords;
		this.store = store;
		this.onlineList = onlineList;
		this.throttle = throttle;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Log in: reserve an attempt with the throttle, check the password, then start the
	 * session under the single-session policy. A login that ends in an error leaves no
	 * session behind.
	 * @param request a validated login
	 * @param clientAddress the client's address, for throttling
	 * @return the new session with its token
	 */
	NewSession login(LoginRequest request, String clientAddress) {
		try {
			NewSession session = startSession(request, clientAddress);
			this.metrics.login("success");
			return session;
		}
		catch (ApiException ex) {
			this.metrics.refused(ex, this.properties.policy());
			throw ex;
		}
	}

	private NewSession startSession(LoginRequest request, String clientAddress) {
		LoginThrottle.Attempt attempt = this.throttle.reserve(NameKey.of(request.name()), clientAddress);
		boolean settled = false;
		try {
			Optional<PasswordCheck.Verified> verified = this.passwords.verify(request.name(), request.password());
			if (verified.isEmpty()) {
				settled = true;
				this.throttle.recordFailure(attempt);
				throw new ApiException(ProblemCode.INVALID_CREDENTIALS, "The name or the password is wrong.");
			}
			NewSession session = start(verified.get(), request.endpoint(), attempt);
			settled = true;
			return session;
		}
		finally {
			if (!settled) {
				// 409, 503 overloaded or a store error: neither counts nor resets
				this.throttle.release(attempt);
			}
		}
	}

	private NewSession start(PasswordCheck.Verified account, String endpoint, LoginThrottle.Attempt attempt) {
		Instant nowExact = this.clock.instant();
		Instant now = nowExact.truncatedTo(ChronoUnit.SECONDS);
		Duration ttl = this.properties.firstTtl();
		SessionView session = new SessionView(account.name(), endpoint, now, now.plus(ttl));
		SessionToken token = SessionToken.issue(account.nameKey());
		boolean started;
		try {
			started = this.store.start(token, account.nameKey(), session, nowExact.toEpochMilli());
		}
		catch (RuntimeException ex) {
			// a timed-out script may still have run
			endQuietly(token, account.nameKey(), ex);
			throw ex;
		}
		if (!started) {
			throw new ApiException(ProblemCode.ALREADY_LOGGED_IN,
					(this.properties.maxPerUser() == 1) ? "This user already has a live session."
							: "This user already has " + this.properties.maxPerUser() + " live sessions.");
		}
		try {
			this.throttle.reset(attempt);
		}
		catch (RuntimeException ex) {
			endQuietly(token, account.nameKey(), ex);
			throw ex;
		}
		return new NewSession(token.value(), session.name(), session.endpoint(), session.createdAt(),
				session.expiresAt());
	}

	/**
	 * Change the password of the current call's user: checked and throttled like a login
	 * (a wrong current password counts as a failed login), then every other session of
	 * the user ends, reason {@code password-changed}.
	 * @param name the user's name, as in the path
	 * @param currentPassword the password now
	 * @param newPassword the new password, checked against the password policy
	 * @throws ApiException {@code forbidden} for another user's session,
	 * {@code invalid-credentials}, {@code too-many-attempts}, {@code invalid-request}
	 */
	public void changePassword(String name, String currentPassword, String newPassword) {
		StoredSession session = BearerSession.current().stored();
		String nameKey = NameKey.of(name);
		if (!nameKey.equals(session.nameKey())) {
			throw new ApiException(ProblemCode.FORBIDDEN, "Only the user can change the user's password.");
		}
		LoginThrottle.Attempt attempt = this.throttle.reserve(nameKey, this.clientAddress.current());
		boolean settled = false;
		try {
			Optional<PasswordCheck.Verified> verified = this.passwords.verify(name, currentPassword);
			if (verified.isEmpty()) {
				settled = true;
				this.throttle.recordFailure(attempt);
				throw new ApiException(ProblemCode.INVALID_CREDENTIALS, "The current password is wrong.");
			}
			this.passwords.replace(verified.get(), newPassword);
			settled = true;
			this.throttle.reset(attempt);
		}
		finally {
			if (!settled) {
				this.throttle.release(attempt);
			}
		}
		this.store.endAll(nameKey, "password-changed", session.digest(), this.clock.millis());
	}

	/**
	 * Authenticate a bearer token for the rest of the call, for a handler that takes
	 * another credential too (and so is not {@link BearerAuthenticated}).
	 * @throws ApiException {@code invalid-session}
	 */
	public void authenticateCall(@Nullable String authorization) {
		authenticate(authorization).bind();
	}

	/** End a session this login may have written, because the login answers an error. */
	private void endQuietly(SessionToken token, String nameKey, RuntimeException failure) {
		try {
			this.store.end(nameKey, token.digest(), "logout", this.clock.millis());
		}
		catch (RuntimeException ex) {
			failure.addSuppressed(ex);
			logger.warn("A failed login could not end the session it may have written (it expires by itself): {}",
					ex.toString());
		}
	}

	/**
	 * The live session of an {@code Authorization} header.
	 * @param authorization the header, or {@code null}
	 * @return the session with its token
	 * @throws ApiException {@code invalid-session} when there is none
	 */
	BearerSession authenticate(@Nullable String authorization) {
		SessionToken token = token(authorization);
		StoredSession session = this.store.find(token, this.clock.millis()).orElseThrow(SessionService::invalidSession);
		return new BearerSession(token, session);
	}

	/**
	 * Extend an authenticated session to now + TTL, never past its creation + the maximum
	 * lifetime; {@code invalid-session} when it ended meanwhile.
	 */
	SessionView heartbeat(BearerSession session) {
		long now = this.clock.instant().truncatedTo(ChronoUnit.SECONDS).toEpochMilli();
		return this.store.extend(session.token(), session.stored().nameKey(), now)
			.orElseThrow(SessionService::invalidSession);
	}

	/**
	 * End an authenticated session; {@code invalid-session} when it ended meanwhile.
	 */
	void logout(StoredSession session) {
		if (!this.store.end(session.nameKey(), session.digest(), "logout", this.clock.millis())) {
			throw invalidSession();
		}
	}

	/** The newest live session of a user by name; {@code offline} otherwise. */
	SessionView presence(String name) {
		return sessionsOf(name).stream().findFirst().orElseThrow(SessionService::offline);
	}

	/** Every live session of a user by name, newest first; empty when offline. */
	List<SessionView> sessionsOf(String name) {
		return this.store.sessionsOf(NameKey.of(name), this.clock.millis()).stream().map(StoredSession::view).toList();
	}

	/**
	 * The live sessions of each of these users, in order, newest first: one pipelined
	 * round trip.
	 */
	List<List<SessionView>> lookup(List<String> names) {
		List<String> nameKeys = names.stream().map(NameKey::of).toList();
		return this.store.sessionsOf(nameKeys, this.clock.millis())
			.stream()
			.map((sessions) -> sessions.stream().map(StoredSession::view).toList())
			.toList();
	}

	/**
	 * One page of online users in name-key order.
	 * @param after opaque cursor from a previous page, or {@code null}
	 * @param limit page size, 1 to 500
	 * @return the page
	 */
	Page<SessionView> list(@Nullable String after, int limit) {
		return this.onlineList.page(after, limit);
	}

	/** Force logout: end every session of a user; {@code offline} when there is none. */
	public void end(String name) {
		if (endAll(NameKey.of(name), "forced") == 0) {
			throw offline();
		}
	}

	/**
	 * End every session of a user, each with its {@code offline} event.
	 * @param nameKey the user's name key
	 * @param reason the events' reason ({@code forced}, {@code deleted})
	 * @return how many sessions ended
	 */
	public int endAll(String nameKey, String reason) {
		return this.store.endAll(nameKey, reason, null, this.clock.millis()).size();
	}

	/**
	 * The user of the current call's bearer session, as a name key.
	 * @throws IllegalStateException when the call is not {@link BearerAuthenticated}
	 */
	public String currentNameKey() {
		return BearerSession.current().stored().nameKey();
	}

	/** When the current call's bearer session was created. */
	public Instant currentCreatedAt() {
		return BearerSession.current().stored().view().createdAt();
	}

	/**
	 * End every session on an endpoint (a connection server that died), each with its
	 * {@code offline} event, reason {@code endpoint-down}.
	 * @return how many sessions ended
	 */
	public int endOnEndpoint(String endpoint) {
		int ended = 0;
		for (int round = 0; round < MAX_EVICTION_ROUNDS; round++) {
			List<String> members = this.store.membersOnEndpoint(endpoint, EVICTION_BATCH);
			if (members.isEmpty()) {
				return ended;
			}
			for (String member : members) {
				if (this.store.endOnEndpoint(OnlineIndex.nameKey(member), OnlineIndex.digest(member), endpoint,
						this.clock.millis())) {
					ended++;
				}
				else {
					// expired, or no longer on this endpoint: not this endpoint's any
					// more
					this.store.forgetEndpointMember(endpoint, member);
				}
			}
		}
		throw new ConcurrencyFailureException("Sessions kept arriving on an endpoint being cleared");
	}

	/** Which of these name keys have a live session: one pipelined round trip. */
	public Set<String> onlineAmong(Collection<String> nameKeys) {
		List<String> keys = List.copyOf(nameKeys);
		List<List<StoredSession>> sessions = this.store.sessionsOf(keys, this.clock.millis());
		Set<String> online = new HashSet<>();
		for (int i = 0; i < keys.size(); i++) {
			if (!sessions.get(i).isEmpty()) {
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
	public boolean isLive(@Nullable String authorization) {
		Optional<SessionToken> token = BearerToken.of(authorization).flatMap(SessionToken::parse);
		return token.isPresent() && this.store.find(token.get(), this.clock.millis()).isPresent();
	}

	private static SessionToken token(@Nullable String authorization) {
		return BearerToken.of(authorization).flatMap(SessionToken::parse).orElseThrow(SessionService::invalidSession);
	}

	private static ApiException invalidSession() {
		return new ApiException(ProblemCode.INVALID_SESSION, "The session token is missing, malformed or not live.");
	}

	private static ApiException offline() {
		return new ApiException(ProblemCode.OFFLINE, "This user has no live session.");
	}

}
