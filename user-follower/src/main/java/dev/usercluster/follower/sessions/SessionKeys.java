package dev.usercluster.follower.sessions;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import io.lettuce.core.cluster.SlotHash;

/**
 * Redis keys.
 *
 * <p>
 * Sessions live in {@value #SHARDS} shards. A user belongs to one, chosen by the first
 * bytes of the user's tag (so a token names its shard), and every session key of the user
 * carries the shard's hash tag, as do the shard's indexes (online, expiries, endpoints)
 * and its part of the presence event stream: a session script decides on the user's
 * sessions, updates the indexes and writes the event on one Redis Cluster slot, so on a
 * cluster as on one Redis no change is lost or doubled. Readers of an index or of the
 * stream read every shard. The shards' tags are chosen so that their slots are spread
 * evenly over the 16,384 (one in each 1,024), so every master of a cluster gets some.
 * Changing the number of shards is a change of layout: live sessions would no longer be
 * found.
 *
 * <p>
 * The login throttle's keys carry the user's own tag (the token's first 8 bytes, as hex)
 * or the client address's, so they spread over every slot.
 */
final class SessionKeys {

	/** How many shards the sessions, their indexes and the event stream have. */
	static final int SHARDS = 16;

	private static final String[] SHARD_TAGS = shardTags();

	private SessionKeys() {
	}

	/** The shard of a user: from the first two bytes of the user's tag. */
	static int shardOf(byte[] tag) {
		return (((tag[0] & 0xff) << 8) | (tag[1] & 0xff)) % SHARDS;
	}

	/** The hash tag of a shard (without braces). */
	static String shardTag(int shard) {
		return SHARD_TAGS[shard];
	}

	/** The hash tag of the shard a user's sessions live in. */
	static String shardTagOf(String nameKey) {
		return shardTag(shardOf(SessionToken.tagOf(nameKey)));
	}

	/**
	 * For shard i, the first tag {@code s<i>.<j>} whose slot is in [i, i + 1) × 1,024.
	 */
	private static String[] shardTags() {
		String[] tags = new String[SHARDS];
		int span = SlotHash.SLOT_COUNT / SHARDS;
		for (int shard = 0; shard < SHARDS; shard++) {
			for (int j = 0;; j++) {
				String tag = "s" + shard + "." + j;
				if (SlotHash.getSlot(tag) / span == shard) {
					tags[shard] = tag;
					break;
				}
			}
		}
		return tags;
	}

	/**
	 * Hash of one session, keyed by its token's digest under its shard's tag: name key,
	 * display name, endpoint, times. The scripts build the same key (session-common.lua).
	 */
	static String session(String shardTag, String digest) {
		return "uc:session:{" + shardTag + "}:" + digest;
	}

	/** Sorted set of a user's sessions (token digests) in the order they were created. */
	static String userSessions(String nameKey) {
		return "uc:sessions:{" + shardTagOf(nameKey) + "}:" + nameKey;
	}

	/** A shard's online index: members sorted by name key. */
	static String online(String shardTag) {
		return "uc:online:{" + shardTag + "}";
	}

	/**
	 * A shard's live sessions by when they expire, for the sweeper that reports expiries.
	 */
	static String expiries(String shardTag) {
		return "uc:expiries:{" + shardTag + "}";
	}

	/** A shard's part of the presence event stream. */
	static String events(String shardTag) {
		return "uc:events:{" + shardTag + "}";
	}

	/**
	 * Set of a shard's sessions on one endpoint (index members); the scripts build the
	 * same key.
	 */
	static String endpoint(String shardTag, String endpoint) {
		return "uc:endpoint:{" + shardTag + "}:" + endpoint;
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
