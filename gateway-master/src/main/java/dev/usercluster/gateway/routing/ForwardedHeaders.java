package dev.usercluster.gateway.routing;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Passes on what a follower needs to know about the client's request: its request id and
 * its address as {@code X-Forwarded-For} (the follower trusts that header only from its
 * trusted proxies, the gateway among them).
 *
 * <p>
 * The W3C {@code traceparent} is not copied here: Micrometer Tracing writes it for the
 * gateway's own client span (the observation of the {@code RestClient}), so the
 * follower's span is a child of the gateway's, in the client's trace when the client sent
 * one. A copy of the client's header would replace that and cut the gateway out of the
 * trace.
 *
 * <p>
 * The address is the one the gateway's Tomcat settled on ({@code RemoteIpValve}): the
 * peer's, or behind a trusted ingress the client's. Only that one is sent, so the entries
 * a client wrote itself never reach a follower.
 */
public class ForwardedHeaders implements ClientHttpRequestInterceptor {

	/** Header that names a request across the gateway and the follower logs. */
	public static final String REQUEST_ID = "X-Request-Id";

	/** Request attribute holding the request id the gateway settled on. */
	public static final String REQUEST_ID_ATTRIBUTE = ForwardedHeaders.class.getName() + ".requestId";

	static final String FORWARDED_FOR = "X-Forwarded-For";

	@Override
	public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
			throws IOException {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			HttpServletRequest client = attributes.getRequest();
			if (client.getAttribute(REQUEST_ID_ATTRIBUTE) instanceof String requestId) {
				request.getHeaders().set(REQUEST_ID, requestId);
			}
			request.getHeaders().set(FORWARDED_FOR, client.getRemoteAddr());
		}
		return execution.execute(request, body);
	}

}
