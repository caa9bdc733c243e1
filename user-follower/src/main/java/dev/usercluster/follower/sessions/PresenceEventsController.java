package dev.usercluster.follower.sessions;

import dev.usercluster.api.PresenceEventsApi;

import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The follower's {@link PresenceEventsApi}: every client gets its own subscription to
 * {@link PresenceEvents}.
 */
@RestController
class PresenceEventsController implements PresenceEventsApi {

	private final PresenceEvents events;

	PresenceEventsController(PresenceEvents events) {
		this.events = events;
	}

	@Override
	@BearerAuthenticated
	public SseEmitter events(@Nullable String lastEventId, @Nullable String authorization) {
		return this.events.subscribe(lastEventId);
	}

}
