package dev.usercluster.gateway.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.usercluster.api.UserApi;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Headers every answer carries: {@code X-Content-Type-Options: nosniff}, and on the API
 * (tokens, sessions, who is online) {@code Cache-Control: no-store} so that no cache
 * keeps an answer meant for one caller.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
class SecurityHeadersFilter extends OncePerRequestFilter {

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		response.setHeader("X-Content-Type-Options", "nosniff");
		if (request.getRequestURI().startsWith(UserApi.BASE_PATH + "/")) {
			response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		}
		chain.doFilter(request, response);
	}

}
