package dev.usercluster.follower.sessions;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.FixedDelayTask;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;

/**
 * Ends the sessions that expired, each with its {@code offline} event (reason
 * {@code expired}), every {@code user-cluster.sessions.sweep-interval}
 * ({@link SessionProperties#sweepInterval()}), so that an expiry is reported at most one
 * interval late. Every follower sweeps; the session script ends a session only once, so
 * exactly one of them writes each event.
 */
@Component
class SessionExpirySweeper implements SchedulingConfigurer {

	private static final Logger logger = LoggerFactory.getLogger(SessionExpirySweeper.class);

	/** Expired sessions read per batch. */
	static final int BATCH = 500;

	/** Batches per run: a run ends well before the next one is due. */
	private static final int MAX_BATCHES = 40;

	private final SessionStore store;

	private final Clock clock;

	private final Duration interval;

	SessionExpirySweeper(SessionStore store, SessionProperties properties, Clock clock) {
		this.store = store;
		this.clock = clock;
		this.interval = properties.sweepInterval();
	}

	@Override
	public void configureTasks(ScheduledTaskRegistrar registrar) {
		// first run one interval after start, like every later one
		registrar.addFixedDelayTask(new FixedDelayTask(this::sweep, this.interval, this.interval));
	}

	/**
	 * One run: end every session that has expired by now, a batch at a time.
	 * @return how many sessions this run ended (others may have been ended by another
	 * follower)
	 */
	int sweep() {
		int ended = 0;
		try {
			for (int batch = 0; batch < MAX_BATCHES; batch++) {
				long now = this.clock.millis();
				List<String> members = this.store.expiredMembers(now, BATCH);
				for (String member : members) {
					if (this.store.endExpired(OnlineIndex.nameKey(member), OnlineIndex.digest(member), now)) {
						ended++;
					}
				}
				if (members.size() < BATCH) {
					break;
				}
			}
		}
		catch (DataAccessException ex) {
			// the next run tries again; expired sessions are refused meanwhile
			logger.warn("Could not sweep expired sessions: {}", ex.toString());
		}
		return ended;
	}

}
