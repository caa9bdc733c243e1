package dev.usercluster.gateway.web;

import dev.usercluster.api.PresenceEventsApi;
import dev.usercluster.gateway.routing.FollowerEventRelay;

import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@link PresenceEventsApi} on the gateway: a follower's stream, relayed as it comes
 * ({@link FollowerEventRelay}); the headers go on as they came.
 */
@RestController
class PresenceEventsController implements PresenceEventsApi {

	private final FollowerEventRelay relay;

	PresenceEventsController(FollowerEventRelay relay) {
		this.relay = relay;
	}

	@Override
	public SseEmitter events(@Nullable String lastEventId, @Nullable String authorization) {
		return this.relay
			.open(((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest());
	}

}
