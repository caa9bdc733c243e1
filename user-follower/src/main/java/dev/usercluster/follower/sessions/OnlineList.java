package dev.usercluster.follower.sessions;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import dev.usercluster.api.Page;
import dev.usercluster.api.SessionView;
import dev.usercluster.follower.paging.Cursor;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Pages of online sessions: members of the {@link OnlineIndex} checked against their
 * sessions in one pipelined round trip per read, so a page costs O(page) whatever the
 * number of live sessions. Members of ended sessions are skipped and removed.
 */
@Component
class OnlineList {

	/** Index reads per page before a page is cut short by members of ended sessions. */
	private static final int MAX_INDEX_READS = 8;

	private final OnlineIndex index;

	private final SessionStore store;

	private final Clock clock;

	OnlineList(OnlineIndex index, SessionStore store, Clock clock) {
		this.index = index;
		this.store = store;
		this.clock = clock;
	}

	/**
	 * One page of online users in name-key order.
	 * @param after opaque cursor from a previous page, or {@code null}
	 * @param limit page size, 1 to 500
	 * @return the page
	 */
	Page<SessionView> page(@Nullable String after, int limit) {
		String position = (after != null) ? OnlineIndex.fromCursor(after) : null;
		List<SessionView> items = new ArrayList<>();
		String lastItem = null;
		for (int read = 0; read < MAX_INDEX_READS; read++) {
			List<String> members = this.index.after(position, limit + 1);
			List<@Nullable StoredSession> sessions = this.store.findAll(members, this.clock.millis());
			List<String> ended = new ArrayList<>();
			for (int i = 0; i < members.size(); i++) {
				String member = members.get(i);
				if (sessions.get(i) == null) {
					ended.add(member);
				}
				else if (items.size() == limit) {
					this.index.remove(ended);
					return new Page<>(items, Cursor.encode(lastItem));
				}
				else {
					items.add(sessions.get(i).view());
					lastItem = member;
				}
				position = member;
			}
			this.index.remove(ended);
			if (members.size() <= limit) {
				return new Page<>(items, null);
			}
		}
		// many ended sessions in a row: a short page, the next one goes on from here
		return new Page<>(items, Cursor.encode(position));
	}

}
