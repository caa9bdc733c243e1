package dev.usercluster.gateway.routing;

import java.io.IOException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Counts each call to a follower by the instance it reached ({@code host:port}) and its
 * outcome: {@code user.cluster.follower.calls}. It sits inside the request factory, below
 * the load balancer, so it sees the chosen instance and every retry, which
 * {@code http.client.requests} (recorded once per call, for {@code user-follower}) does
 * not.
 */
class FollowerCallMetrics implements ClientHttpRequestInterceptor {

	static final String CALLS = "user.cluster.follower.calls";

	private final MeterRegistry registry;

	FollowerCallMetrics(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		String instance = request.getURI().getHost() + ":" + request.getURI().getPort();
		try {
			ClientHttpResponse response = execution.execute(request, body);
			count(instance, outcome(response.getStatusCode()));
			return response;
		}
		catch (IOException ex) {
			count(instance, "io-error");
			throw ex;
		}
	}

	private static String outcome(HttpStatusCode status) {
		if (status.value() == 503) {
			// a follower whose store is down: the gateway tries another
			return "unavailable";
		}
		if (status.is5xxServerError()) {
			return "server-error";
		}
		// a 4xx is the follower's answer to the client, a successful call for the gateway
		return "answered";
	}

	private void count(String instance, String outcome) {
		Counter.builder(CALLS)
			.description("Calls from this gateway to a follower instance, by outcome")
			.tag("instance.id", instance)
			.tag("outcome", outcome)
			.register(this.registry)
			.increment();
	}

}
