package dev.usercluster.follower.sessions;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.usercluster.api.ApiException;
import dev.usercluster.follower.paging.Cursor;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Index of online users for the paginated list: one sorted set per shard
 * ({@link SessionKeys}), all scores 0, so members sort by bytes, and a page is one
 * {@code ZRANGEBYLEX} per shard from an exclusive cursor, pipelined, merged in byte
 * order: O(shards × (log n + page)) however many sessions live.
 *
 * <p>
 * A member is {@code <name key> NUL <token digest>}: it names one session, not just a
 * user. The session scripts add and remove members as sessions start and end; readers
 * still check each member against its session (one that expired stays until the sweeper
 * reports it), and as a member never names another session, removing it can never hide a
 * live one. NUL sorts below every character a name may hold, so members sort as their
 * name keys do.
 */
@Component
class OnlineIndex {

	private static final char SEPARATOR = '\0';

	private final StringRedisTemplate redis;

	OnlineIndex(StringRedisTemplate redis) {
		this.redis = redis;
	}

	/**
	 * Up to {@code count} members after a member ({@code null}: from the start), in byte
	 * order across the shards.
	 */
	List<String> after(@Nullable String member, int count) {
		Range<byte[]> range = (member != null) ? Range.rightUnbounded(Range.Bound.exclusive(bytes(member)))
				: Range.unbounded();
		List<String> members = ShardReads.union(this.redis, (connection, shardTag) -> connection.zSetCommands()
			.zRangeByLex(bytes(SessionKeys.online(shardTag)), range, Limit.limit().count(count)));
		// Redis sorts members by their bytes: so must the merge
		members.sort((a, b) -> Arrays.compareUnsigned(bytes(a), bytes(b)));
		return new ArrayList<>(members.subList(0, Math.min(count, members.size())));
	}

	void remove(List<String> members) {
		Map<String, List<String>> byShard = new HashMap<>();
		for (String member : members) {
			byShard.computeIfAbsent(SessionKeys.shardTagOf(nameKey(member)), (tag) -> new ArrayList<>()).add(member);
		}
		byShard.forEach((shardTag, shardMembers) -> this.redis.opsForZSet()
			.remove(SessionKeys.online(shardTag), shardMembers.toArray()));
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	static String member(String nameKey, String digest) {
		return nameKey + SEPARATOR + digest;
	}

	/** The token digest of the session a member names. */
	static String digest(String member) {
		return member.substring(member.indexOf(SEPARATOR) + 1);
	}

	static String nameKey(String member) {
		int separator = member.indexOf(SEPARATOR);
		return (separator >= 0) ? member.substring(0, separator) : member;
	}

	/**
	 * The member a cursor points after.
	 * @throws ApiException {@code invalid-request} when it is not a cursor this made
	 */
	static String fromCursor(String cursor) {
		String member = Cursor.decode(cursor);
		if (member.indexOf(SEPARATOR) < 1) {
			throw Cursor.invalid();
		}
		return member;
	}

}
