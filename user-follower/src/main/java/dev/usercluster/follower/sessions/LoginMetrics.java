package dev.usercluster.follower.sessions;

import dev.usercluster.api.ApiException;
import dev.usercluster.api.ProblemCode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Logins by outcome ({@code user.cluster.logins}: {@code success} or the problem code
 * that refused it) and refusals by the single-session rule
 * ({@code user.cluster.sessions.refused}, tagged with the policy).
 */
@Component
class LoginMetrics {

	private final MeterRegistry registry;

	LoginMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	void login(String outcome) {
		Counter.builder("user.cluster.logins")
			.description("Login attempts on this follower, by outcome")
			.tag("outcome", outcome)
			.register(this.registry)
			.increment();
	}

	void refused(ApiException refusal, SessionPolicy policy) {
		// a bounded set of tag values: the problem codes a login can end with
		login(refusal.code().code());
		if (refusal.code() == ProblemCode.ALREADY_LOGGED_IN) {
			Counter.builder("user.cluster.sessions.refused")
				.description("Logins refused because the user already had a live session")
				.tag("policy", policy.name().toLowerCase())
				.register(this.registry)
				.increment();
		}
	}

}
