package dev.usercluster.gateway.routing;

import java.io.IOException;
import java.util.Collections;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Passes on to the follower what it needs to know about the client's request: its
 * {@code X-Request-Id}, its W3C trace context, and the client's address appended to
 * {@code X-Forwarded-For} (the follower trusts that header from trusted gateways only).
 */
public class ForwardedHeaders implements ClientHttpRequestInterceptor {

	/** Header carrying the request id, both ways. */
	public static final String REQUEST_ID = "X-Request-Id";

	/** Request attribute holding the request id the gateway settled on. */
	public static final String REQUEST_ID_ATTRIBUTE = ForwardedHeaders.class.getName() + ".requestId";

	static final String FORWARDED_FOR = "X-Forwarded-For";

	static final String TRACEPARENT = "traceparent";

	static final String TRACESTATE = "tracestate";

	private static final Pattern TRACEPARENT_FORMAT = Pattern
		.compile("[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}");

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			HttpServletRequest incoming = attributes.getRequest();
			if (incoming.getAttribute(REQUEST_ID_ATTRIBUTE) instanceof String requestId) {
				request.getHeaders().set(REQUEST_ID, requestId);
			}
			String traceparent = incoming.getHeader(TRACEPARENT);
			if (traceparent != null && TRACEPARENT_FORMAT.matcher(traceparent).matches()) {
				request.getHeaders().set(TRACEPARENT, traceparent);
				String tracestate = incoming.getHeader(TRACESTATE);
				if (tracestate != null) {
					request.getHeaders().set(TRACESTATE, tracestate);
				}
			}
			request.getHeaders().set(FORWARDED_FOR, forwardedFor(incoming));
		}
		return execution.execute(request, body);
	}

	private static String forwardedFor(HttpServletRequest incoming) {
		String earlier = String.join(", ", Collections.list(incoming.getHeaders(FORWARDED_FOR)));
		return earlier.isBlank() ? incoming.getRemoteAddr() : earlier + ", " + incoming.getRemoteAddr();
	}

}
