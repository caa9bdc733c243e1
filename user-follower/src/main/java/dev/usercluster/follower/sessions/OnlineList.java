package dev.usercluster.follower.sessions;

import java.util.ArrayList;
import java.util.List;

import dev.usercluster.api.Page;
import dev.usercluster.api.SessionView;
import dev.usercluster.follower.paging.Cursor;

import org.springframework.stereotype.Component;

/**
 * Pages of online users: members of the {@link OnlineIndex} checked against their
 * sessions in one pipelined round trip per read, so a page costs O(page) whatever the
 * number of live sessions. Members of ended sessions are skipped and removed.
 */
@Component
class OnlineList {

	/** Index reads per page before a page is cut short by members of ended sessions. */
	private static final int MAX_INDEX_READS = 8;

	private final OnlineIndex index;

	private final SessionStore store;

	OnlineList(OnlineIndex index, SessionStore store) {
		this.index = index;
		this.store = store;
	}

	/**
	 * One page of online users in name-key order.
	 * @param after opaque cursor from a previous page, or {@code null}
	 * @param limit page size, 1 to 500
	 * @return the page
	 */
	Page<SessionView> page(String after, int limit) {
		String position = (after != null) ? OnlineIndex.fromCursor(after) : null;
		List<SessionView> items = new ArrayList<>();
		String lastItem = null;
		for (int read = 0; read < MAX_INDEX_READS; read++) {
			List<String> members = this.index.after(position, limit + 1);
			List<StoredSession> sessions = this.store.findAll(members.stream().map(OnlineIndex::nameKey).toList());
			List<String> ended = new ArrayList<>();
			for (int i = 0; i < members.size(); i++) {
				String member = members.get(i);
				if (!OnlineIndex.names(member, sessions.get(i))) {
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
