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
 * The public API, v1: the only place it is declared. The follower implements it as a
 * controller; the gateway implements it too and forwards each call through a client proxy
 * of this same interface.
 *
 * <p>
 * Authenticated calls take {@code Authorization: Bearer <token>}; the admin call takes
 * the admin token from configuration the same way. A missing header is a 401, so the
 * header is never required at the MVC level.
 */
@HttpExchange(url = "/api/v1", accept = MediaType.APPLICATION_JSON_VALUE)
public interface UserApi {

	/** Path of the API. */
	String BASE_PATH = "/api/v1";

	@PostExchange(url = "/users", contentType = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<UserView> register(@Valid @RequestBody RegisterRequest request);

	@PostExchange(url = "/sessions", contentType = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<NewSession> login(@Valid @RequestBody LoginRequest request);

	@GetExchange("/sessions/current")
	SessionView currentSession(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization);

	@PatchExchange("/sessions/current")
	SessionView heartbeat(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization);

	@DeleteExchange("/sessions/current")
	ResponseEntity<Void> logout(
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization);

	@GetExchange("/users/{name}")
	UserDetails user(@PathVariable("name") String name,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization);

	@GetExchange("/users/{name}/session")
	SessionView presence(@PathVariable("name") String name,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization);

	@GetExchange("/users")
	Page<UserSummary> users(@RequestParam(name = "after", required = false) String after,
			@RequestParam(name = "limit", required = false) @Min(Page.MIN_LIMIT) @Max(Page.MAX_LIMIT) Integer limit,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization);

	@GetExchange("/sessions")
	Page<SessionView> sessions(@RequestParam(name = "after", required = false) String after,
			@RequestParam(name = "limit", required = false) @Min(Page.MIN_LIMIT) @Max(Page.MAX_LIMIT) Integer limit,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization);

	@DeleteExchange("/admin/users/{name}/session")
	ResponseEntity<Void> endSession(@PathVariable("name") String name,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization);

}
