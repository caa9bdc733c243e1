package dev.usercluster.gateway.web;

import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;

import dev.usercluster.gateway.routing.ForwardedHeaders;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Settles each request's id: the client's {@code X-Request-Id} when it is a sane token,
 * otherwise a new UUID. The id goes back to the client, on to the follower, and into the
 * log context ({@code requestId}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class RequestIdFilter extends OncePerRequestFilter {

	private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

	private static final String LOG_KEY = "requestId";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String given = request.getHeader(ForwardedHeaders.REQUEST_ID);
		String requestId = (given != null && SANE.matcher(given).matches()) ? given : UUID.randomUUID().toString();
		request.setAttribute(ForwardedHeaders.REQUEST_ID_ATTRIBUTE, requestId);
		response.setHeader(ForwardedHeaders.REQUEST_ID, requestId);
		MDC.put(LOG_KEY, requestId);
		try {
			chain.doFilter(request, response);
		}
		finally {
			MDC.remove(LOG_KEY);
		}
	}

}
