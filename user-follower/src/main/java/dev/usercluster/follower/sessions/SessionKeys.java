package dev.usercluster.follower.sessions;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * Redis keys. Every key of one user carries the hash tag {@code {<tag hex>}}, so all of a
 * user's keys live in one Redis Cluster slot and each script touches a single slot.
 */
final class SessionKeys {

	/** The online index: one slot of its own, members sorted by name key. */
	static final String ONLINE = "uc:online-sessions";

	/** Every live session by when it expires, for the sweeper that reports expiries. */
	static final String EXPIRIES = "uc:expiries";

	/** The presence event stream. */
	static final String EVENTS = "uc:events";

	private SessionKeys() {
	}

	/**
	 * Hash of one session, keyed by its token's digest under its user's tag: name key,
	 * display name, endpoint, times. The scripts build the same key (session-common.lua).
	 */
	static String session(String hashTag, String digest) {
		return "uc:session:{" + hashTag + "}:" + digest;
	}

	/** Sorted set of a user's sessions (token digests) in the order they were created. */
	static String userSessions(String nameKey) {
		return "uc:sessions:{" + SessionToken.hashTagOf(nameKey) + "}:" + nameKey;
	}

	/**
	 * Set of the sessions on one endpoint (index members); the scripts build the same
	 * key.
	 */
	static String endpoint(String endpoint) {
		return "uc:endpoint:" + endpoint;
	}

	/** Failed-login state of a name (hash: streak level, lock, last failure). */
	static String nameFailures(String nameKey) {
		return "uc:throttle:{" + SessionToken.hashTagOf(nameKey) + "}:name:" + nameKey;
	}

	/** Recent failure times of a name (list, newest first). */
	static String nameFailureTimes(String nameKey) {
		return "uc:throttle:{" + SessionToken.hashTagOf(nameKey) + "}:times:" + nameKey;
	}

	/** Login attempts of a name in flight (sorted set: id, when it lapses). */
	static String nameAttempts(String nameKey) {
		return "uc:throttle:{" + SessionToken.hashTagOf(nameKey) + "}:attempts:" + nameKey;
	}

	/**
	 * Failed-login window of a client address (digest of the address, also its hash tag).
	 */
	static String addressFailures(String addressDigest) {
		return "uc:throttle:addr:{" + addressDigest + "}";
	}

	/** Login attempts of a client address in flight, in the address's slot. */
	static String addressAttempts(String addressDigest) {
		return "uc:throttle:addr:{" + addressDigest + "}:attempts";
	}

	/** Registration window of a client address (hash: start, count). */
	static String registrations(String addressDigest) {
		return "uc:register:addr:{" + addressDigest + "}";
	}

	/**
	 * The digest of a client address used in keys: bounded, uniform length whatever a
	 * proxy put in {@code X-Forwarded-For}.
	 */
	static String addressDigest(String clientAddress) {
		return HexFormat.of().formatHex(SessionToken.sha256(clientAddress.getBytes(StandardCharsets.UTF_8)), 0, 16);
	}

}
