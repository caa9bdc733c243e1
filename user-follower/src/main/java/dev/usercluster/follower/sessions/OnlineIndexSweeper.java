package dev.usercluster.follower.sessions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Walks the online index a batch at a time and removes the members of sessions that ended
 * (expired or replaced), so the index does not grow with sessions nobody lists. The list
 * removes such members too as it passes them; this covers the rest. Runs every
 * {@code user-cluster.sessions.sweep-interval}
 * ({@link SessionProperties#sweepInterval()}).
 */
@Component
class OnlineIndexSweeper implements SchedulingConfigurer {

	private static final Logger logger = LoggerFactory.getLogger(OnlineIndexSweeper.class);

	/** Members checked per run: one range read and one pipelined round trip. */
	static final int BATCH = 500;

	private final OnlineIndex online;

	private final SessionStore store;

	private final Duration interval;

	/** Where the next run goes on; {@code null} starts from the beginning. */
	private volatile @Nullable String position;

	OnlineIndexSweeper(OnlineIndex online, SessionStore store, SessionProperties properties) {
		this.online = online;
		this.store = store;
		this.interval = properties.sweepInterval();
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		// first run one interval after start, like every later one
		registrar.addFixedDelayTask(new FixedDelayTask(this::sweep, this.interval, this.interval));
	}

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
