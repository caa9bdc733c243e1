package dev.usercluster.api;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.DeleteExchange;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PatchExchange;
import org.springframework.web.service.annotation.PostExchange;

/**
 * Sessions: log in, whoami, heartbeat, log out, where a user is connected, who is online.
 * Implemented by the follower's controller and by the gateway, which forwards each call
 * through a client proxy of this same interface.
 *
 * <p>
 * Authenticated calls take {@code Authorization: Bearer <token>}. A missing header is a
 * 401, so the header is never required at the MVC level.
 */
@HttpExchange(url = ApiPaths.BASE_PATH, accept = MediaType.APPLICATION_JSON_VALUE)
public interface SessionsApi {

	@PostExchange(url = "/sessions", contentType = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<NewSession> login(@Valid @RequestBody LoginRequest request);

	@GetExchange("/sessions/current")
	SessionView currentSession(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization);

	@PatchExchange("/sessions/current")
	SessionView heartbeat(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization);

	@DeleteExchange("/sessions/current")
	ResponseEntity<Void> logout(
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization);

	@GetExchange("/users/{name}/session")
	SessionView presence(@PathVariable("name") String name,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization);

	@GetExchange("/sessions")
	Page<SessionView> sessions(@RequestParam(name = "after", required = false) String after,
			@RequestParam(name = "limit", required = false) @Min(Page.MIN_LIMIT) @Max(Page.MAX_LIMIT) Integer limit,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization);

}
