package dev.usercluster.gateway.routing;

import java.net.URI;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.client.MockClientHttpRequest;
import org.springframework.mock.http.client.MockClientHttpResponse;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import static org.assertj.core.api.Assertions.assertThat;

class ForwardedHeadersTests {

	private static final String TRACEPARENT = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

	@AfterEach
	void clearRequest() {
		RequestContextHolder.resetRequestAttributes();
	}

	@Test
	void passesRequestIdTraceContextAndClientAddressOn() throws Exception {
		MockHttpServletRequest incoming = incoming();
		incoming.addHeader("traceparent", TRACEPARENT);
		incoming.addHeader("tracestate", "vendor=1");
		incoming.setAttribute(ForwardedHeaders.REQUEST_ID_ATTRIBUTE, "req-1");
		HttpHeaders sent = forward(incoming);
		assertThat(sent.getFirst("X-Request-Id")).isEqualTo("req-1");
		assertThat(sent.getFirst("traceparent")).isEqualTo(TRACEPARENT);
		assertThat(sent.getFirst("tracestate")).isEqualTo("vendor=1");
		assertThat(sent.getFirst("X-Forwarded-For")).isEqualTo("203.0.113.9");
	}

	@Test
	void appendsClientAddressToEarlierProxies() throws Exception {
		MockHttpServletRequest incoming = incoming();
		incoming.addHeader("X-Forwarded-For", "198.51.100.1");
		assertThat(forward(incoming).getFirst("X-Forwarded-For")).isEqualTo("198.51.100.1, 203.0.113.9");
	}

	@Test
	void dropsMalformedTraceparent() throws Exception {
		MockHttpServletRequest incoming = incoming();
		incoming.addHeader("traceparent", "not-a-trace");
		incoming.addHeader("tracestate", "vendor=1");
		HttpHeaders sent = forward(incoming);
		assertThat(sent.containsHeader("traceparent")).isFalse();
		assertThat(sent.containsHeader("tracestate")).isFalse();
	}

	private static MockHttpServletRequest incoming() {
		MockHttpServletRequest incoming = new MockHttpServletRequest("GET", "/api/v1/sessions/current");
		incoming.setRemoteAddr("203.0.113.9");
		RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(incoming));
		return incoming;
	}

	private static HttpHeaders forward(MockHttpServletRequest incoming) throws Exception {
		MockClientHttpRequest outgoing = new MockClientHttpRequest(HttpMethod.GET,
				URI.create("http://user-follower/api/v1/sessions/current"));
		new ForwardedHeaders().intercept(outgoing, new byte[0],
				(request, body) -> new MockClientHttpResponse(new byte[0], HttpStatus.OK));
		return outgoing.getHeaders();
	}

}
