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
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;
import org.springframework.web.service.annotation.PostExchange;

/**
 * Accounts: register, look one up, list them. The follower implements it as a controller;
 * the gateway implements it too and forwards each call through a client proxy of this
 * same interface.
 *
 * <p>
 * Authenticated calls take {@code Authorization: Bearer <token>}. A missing header is a
 * 401, so the header is never required at the MVC level.
 */
@HttpExchange(url = ApiPaths.BASE_PATH, accept = MediaType.APPLICATION_JSON_VALUE)
public interface UsersApi {

	@PostExchange(url = "/users", contentType = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<UserView> register(@Valid @RequestBody RegisterRequest request);

	@GetExchange("/users/{name}")
	UserDetails user(@PathVariable("name") String name,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization);

	@GetExchange("/users")
	Page<UserSummary> users(@RequestParam(name = "after", required = false) String after,
			@RequestParam(name = "limit", required = false) @Min(Page.MIN_LIMIT) @Max(Page.MAX_LIMIT) Integer limit,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization);

}
