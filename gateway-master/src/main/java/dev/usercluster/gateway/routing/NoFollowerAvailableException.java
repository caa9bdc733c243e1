package dev.usercluster.gateway.routing;

import java.time.Duration;

import dev.usercluster.api.ApiException;
import dev.usercluster.api.ProblemCode;

/**
 * No follower registered within the bounded wait: 503 {@code no-instances} with
 * {@code Retry-After}. An expected condition while the cluster is empty, so it has its
 * own type and is logged in one line, not with a stack trace.
 */
public class NoFollowerAvailableException extends ApiException {

	NoFollowerAvailableException(Duration retryAfter) {
		super(ProblemCode.NO_INSTANCES, "No follower is available; try again shortly.");
		retryAfter(retryAfter);
	}

}
