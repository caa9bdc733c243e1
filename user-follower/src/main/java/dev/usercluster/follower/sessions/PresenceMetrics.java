package dev.usercluster.follower.sessions;

import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Presence events this follower's session scripts wrote to the stream
 * ({@code user.cluster.presence.events}, tagged {@code type} online or offline and the
 * {@code reason}). The scripts report each event they emitted, so the sum over the
 * followers is the number of events written, whichever follower wrote them.
 */
@Component
class PresenceMetrics {

	static final String EVENTS = "user.cluster.presence.events";

	private final MeterRegistry registry;

	PresenceMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	/**
	 * Count the events one script wrote.
	 * @param emitted the script's report, {@code type/reason} each
	 */
	void written(List<?> emitted) {
		for (Object event : emitted) {
			String text = event.toString();
			int slash = text.indexOf('/');
			Counter.builder(EVENTS)
				.description("Presence events written to the event stream, by type and reason")
				.tag("type", text.substring(0, slash))
				.tag("reason", text.substring(slash + 1))
				.register(this.registry)
				.increment();
		}
	}

}
