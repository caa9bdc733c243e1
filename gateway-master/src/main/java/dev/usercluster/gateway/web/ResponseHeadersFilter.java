package dev.usercluster.gateway.web;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import dev.usercluster.api.ApiPaths;
import dev.usercluster.gateway.routing.ForwardedHeaders;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Settles each request's id (the client's {@code X-Request-Id} when it is sensible,
 * otherwise a new one), returns it to the client, and adds the security headers: no
 * caching of API answers, which carry tokens and session data, and no content sniffing.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class ResponseHeadersFilter extends OncePerRequestFilter {

	/** MDC key of the request id, the same on the follower. */
	static final String REQUEST_ID_MDC_KEY = "requestId";

	private static final Pattern REQUEST_ID_FORMAT = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String requestId = request.getHeader(ForwardedHeaders.REQUEST_ID);
		if (requestId == null || !REQUEST_ID_FORMAT.matcher(requestId).matches()) {
			requestId = UUID.randomUUID().toString();
		}
		request.setAttribute(ForwardedHeaders.REQUEST_ID_ATTRIBUTE, requestId);
		response.setHeader(ForwardedHeaders.REQUEST_ID, requestId);
		response.setHeader("X-Content-Type-Options", "nosniff");
		if (request.getRequestURI().startsWith(ApiPaths.BASE_PATH + "/")) {
			response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		}
		// every line logged while serving the call names it (the follower does the same)
		MDC.put(REQUEST_ID_MDC_KEY, requestId);
		try {
			chain.doFilter(request, response);
		}
		finally {
			MDC.remove(REQUEST_ID_MDC_KEY);
		}
	}

}
