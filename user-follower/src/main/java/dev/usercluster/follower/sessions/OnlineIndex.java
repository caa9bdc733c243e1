package dev.usercluster.follower.sessions;

import java.util.ArrayList;
import java.util.List;

import dev.usercluster.api.ApiException;
import dev.usercluster.follower.paging.Cursor;

import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Index of online users for the paginated list: one sorted set, all scores 0, so members
 * sort by bytes and a page is one {@code ZRANGEBYLEX} from an exclusive cursor, O(log n +
 * page) however many sessions live.
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

	/** Up to {@code count} members after a member ({@code null}: from the start). */
	List<String> after(@Nullable String member, int count) {
		Range<String> range = (member != null) ? Range.rightUnbounded(Range.Bound.exclusive(member))
				: Range.unbounded();
		return new ArrayList<>(
				this.redis.opsForZSet().rangeByLex(SessionKeys.ONLINE, range, Limit.limit().count(count)));
	}

	void remove(List<String> members) {
		if (!members.isEmpty()) {
			this.redis.opsForZSet().remove(SessionKeys.ONLINE, members.toArray());
		}
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
