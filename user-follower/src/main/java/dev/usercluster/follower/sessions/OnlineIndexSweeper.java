package dev.usercluster.follower.sessions;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Walks the online index a batch at a time and removes the members of sessions that ended
 * (expired or replaced), so the index does not grow with sessions nobody lists. The list
 * removes such members too as it passes them; this covers the rest.
 */
@Component
class OnlineIndexSweeper {

	private static final Logger logger = LoggerFactory.getLogger(OnlineIndexSweeper.class);

	/** Members checked per run: one range read and one pipelined round trip. */
	static final int BATCH = 500;

	private final OnlineIndex online;

	private final SessionStore store;

	/** Where the next run goes on; {@code null} starts from the beginning. */
	private volatile @Nullable String position;

	OnlineIndexSweeper(OnlineIndex online, SessionStore store) {
		this.online = online;
		this.store = store;
	}

	@Scheduled(fixedDelayString = "${user-cluster.sessions.sweep-interval:30s}",
			initialDelayString = "${user-cluster.sessions.sweep-interval:30s}")
	void sweep() {
		try {
			List<String> members = this.online.after(this.position, BATCH);
			List<@Nullable StoredSession> sessions = this.store
				.findAll(members.stream().map(OnlineIndex::nameKey).toList());
			List<String> ended = new ArrayList<>();
			for (int i = 0; i < members.size(); i++) {
				if (!OnlineIndex.names(members.get(i), sessions.get(i))) {
					ended.add(members.get(i));
				}
			}
			this.online.remove(ended);
			this.position = (members.size() < BATCH) ? null : members.get(members.size() - 1);
		}
		catch (DataAccessException ex) {
			// the next run tries again; the index is only a hint
			logger.warn("Could not sweep the online index: {}", ex.toString());
		}
	}

	/** Whether the last run reached the end of the index. */
	boolean atStart() {
		return this.position == null;
	}

}
