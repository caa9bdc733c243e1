package dev.usercluster.follower.sessions;

import java.util.stream.Stream;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.usercluster.follower.audit.AuditLog;
import dev.usercluster.api.LoginRequest;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.http.MediaType;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Every way a store reports being unreachable becomes 503 {@code store-unavailable} with
 * {@code Retry-After} ({@code web.StoreFailureAdvice}). (The services are stand-ins here;
 * the real unreachable MySQL is in {@code StoreUnavailableIntegrationTests}.)
 */
@WebMvcTest(SessionsController.class)
@Import(AuditLog.class)
class StoreFailureAdviceTests {

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private SessionService sessions;

	@MockitoBean
	private ClientAddress clientAddress;

	static Stream<RuntimeException> storeFailures() {
		return Stream.of(new CannotGetJdbcConnectionException("no connection"),
				new TransientDataAccessResourceException("socket timeout"),
				new RedisConnectionFailureException("refused"), new QueryTimeoutException("command timed out"),
				new RedisSystemException("wrapped", new RedisCommandTimeoutException("timed out")),
				new RedisConnectionException("refused"), new RedisSystemException("Error in execution",
						new RedisCommandExecutionException("READONLY You can't write against a read only replica.")));
	}

	@ParameterizedTest
	@MethodSource("storeFailures")
	void storeFailureIsServiceUnavailableWithRetryAfter(RuntimeException failure) throws Exception {
		given(this.sessions.login(any(LoginRequest.class), any())).willThrow(failure);
		this.mvc
			.perform(post("/api/v1/sessions").contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"alice\",\"password\":\"password1\"}"))
			.andExpect(status().isServiceUnavailable())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(header().string("Retry-After", "2"))
			.andExpect(jsonPath("$.code").value("store-unavailable"))
			.andExpect(jsonPath("$.detail").value("A data store is unavailable. Try again shortly."));
	}

	@Test
	void otherStoreErrorsStayInternalErrors() throws Exception {
		given(this.sessions.login(any(LoginRequest.class), any()))
			.willThrow(new RedisSystemException("script error", new IllegalStateException("ERR")));
		this.mvc
			.perform(post("/api/v1/sessions").contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\":\"alice\",\"password\":\"password1\"}"))
			.andExpect(status().isInternalServerError())
			.andExpect(jsonPath("$.code").value("internal-error"));
	}

}
