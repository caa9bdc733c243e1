package dev.usercluster.gateway;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Added to a follower under test: counts the API calls it receives, keeps the forwarding
 * headers of the last one and the trace its log lines carried, and can be made slow.
 */
@Component
class CallRecorder extends OncePerRequestFilter {

	/** Key of the caller's address among the recorded headers. */
	static final String REMOTE_ADDRESS = "remote-address";

	/** Key of the trace id in the follower's MDC (on its log lines) while serving. */
	static final String LOGGED_TRACE_ID = "mdc-traceId";

	/** Key of the span id in the follower's MDC (on its log lines) while serving. */
	static final String LOGGED_SPAN_ID = "mdc-spanId";

	private final AtomicInteger calls = new AtomicInteger();

	private volatile Duration delay = Duration.ZERO;

	private final AtomicReference<Map<String, String>> lastHeaders = new AtomicReference<>(Map.of());

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getRequestURI().startsWith("/api/")) {
			this.calls.incrementAndGet();
			this.lastHeaders.set(Map.of("X-Request-Id", header(request, "X-Request-Id"), "traceparent",
					header(request, "traceparent"), "X-Forwarded-For", header(request, "X-Forwarded-For"),
					REMOTE_ADDRESS, request.getRemoteAddr(), LOGGED_TRACE_ID, mdc("traceId"), LOGGED_SPAN_ID,
					mdc("spanId")));
		}
		if (!this.delay.isZero()) {
			// a follower that answers too late, as a stuck store or a long pause would
			// make it
			try {
				Thread.sleep(this.delay.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		chain.doFilter(request, response);
	}

	/** Answer every later call only after this delay. */
	void slowDown(Duration delay) {
		this.delay = delay;
	}

	int calls() {
		return this.calls.get();
	}

	Map<String, String> lastHeaders() {
		return this.lastHeaders.get();
	}

	private static String mdc(String key) {
		String value = MDC.get(key);
		return (value != null) ? value : "";
	}

	private static String header(HttpServletRequest request, String name) {
		String value = request.getHeader(name);
		return (value != null) ? value : "";
	}

}
