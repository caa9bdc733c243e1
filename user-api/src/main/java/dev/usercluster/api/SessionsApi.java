package dev.usercluster.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.jspecify.annotations.Nullable;
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

	@Operation(summary = "Log in", description = """
			Checks the password and starts the user's one session, answering its bearer token; \
			`endpoint` (host:port) is stored with it. Failed logins are throttled per name and per \
			client address.""")
	@ApiResponse(responseCode = "201", description = "Logged in: the session and its token")
	@ApiResponse(responseCode = "400", description = "`invalid-request`: a field is missing or invalid (see `errors`)",
			content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = ProblemJson.SCHEMA)))
	@ApiResponse(responseCode = "401", description = "`invalid-credentials`: no such name, or the wrong password",
			content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = ProblemJson.SCHEMA)))
	@ApiResponse(responseCode = "409", description = "`already-logged-in`: the user has a live session",
			content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = ProblemJson.SCHEMA)))
	@ApiResponse(responseCode = "413", description = "`payload-too-large`: the body is over the size limit",
			content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = ProblemJson.SCHEMA)))
	@ApiResponse(responseCode = "415", description = "`unsupported-media-type`: the body is not JSON",
			content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = ProblemJson.SCHEMA)))
	@ApiResponse(responseCode = "429",
			description = "`too-many-attempts`: too many failed logins for this name or address; see `Retry-After`",
			content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = ProblemJson.SCHEMA)))
	@ApiResponse(responseCode = "503",
			description = "`overloaded`: too many passwords are being hashed; see `Retry-After`",
			content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = ProblemJson.SCHEMA)))
	@PostExchange(url = "/sessions", contentType = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<NewSession> login(@Valid @RequestBody LoginRequest request);

	@Operation(summary = "Who am I", description = """
			The session of the bearer token.""")
	@ApiResponse(responseCode = "200", description = "The session")
	@ApiResponse(responseCode = "401",
			description = "`invalid-session`: no bearer token, or not the token of a live session",
			content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = ProblemJson.SCHEMA)))
	@GetExchange("/sessions/current")
	SessionView currentSession(
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization);

	@Operation(summary = "Heartbeat", description = """
			Extends the bearer token's session to now plus its time to live, never past its \
			maximum lifetime.""")
	@ApiResponse(responseCode = "200", description = "The extended session")
	@ApiResponse(responseCode = "401",
			description = "`invalid-session`: no bearer token, or not the token of a live session",
			content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = ProblemJson.SCHEMA)))
	@PatchExchange("/sessions/current")
	SessionView heartbeat(
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization);

	@Operation(summary = "Log out", description = """
			Ends the bearer token's session.""")
	@ApiResponse(responseCode = "204", description = "Logged out")
	@ApiResponse(responseCode = "401",
			description = "`invalid-session`: no bearer token, or not the token of a live session",
			content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = ProblemJson.SCHEMA)))
	@DeleteExchange("/sessions/current")
	ResponseEntity<Void> logout(
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization);

	@Operation(summary = "Where a user is connected", description = """
			The live session of a user, with the endpoint to route messages to. Needs a \
			session's bearer token.""")
	@ApiResponse(responseCode = "200", description = "The user's session")
	@ApiResponse(responseCode = "401",
			description = "`invalid-session`: no bearer token, or not the token of a live session",
			content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = ProblemJson.SCHEMA)))
	@ApiResponse(responseCode = "404", description = "`offline`: the user has no live session, or no such user",
			content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = ProblemJson.SCHEMA)))
	@GetExchange("/users/{name}/session")
	SessionView presence(@PathVariable("name") String name,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization);

	@Operation(summary = "Every session of a user", description = """
			Every live session of a user (one per device), newest first, each with the endpoint \
			to route messages to; empty when the user is offline or unknown. Needs a session's \
			bearer token.""")
	@ApiResponse(responseCode = "200", description = "The user's sessions")
	@ApiResponse(responseCode = "401",
			description = "`invalid-session`: no bearer token, or not the token of a live session",
			content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = ProblemJson.SCHEMA)))
	@GetExchange("/users/{name}/sessions")
	SessionList userSessions(@PathVariable("name") String name,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization);

	@Operation(summary = "Where many users are connected", description = """
			The live sessions of 1 to 500 users in one call, in the order asked; an unknown or \
			offline name has no sessions. Needs a session's bearer token.""")
	@ApiResponse(responseCode = "200", description = "Each name with its sessions")
	@ApiResponse(responseCode = "400",
			description = "`invalid-request`: no names, more than 500, or a name longer than 32 characters",
			content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = ProblemJson.SCHEMA)))
	@ApiResponse(responseCode = "401",
			description = "`invalid-session`: no bearer token, or not the token of a live session",
			content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = ProblemJson.SCHEMA)))
	@PostExchange(url = "/presence/lookup", contentType = MediaType.APPLICATION_JSON_VALUE)
	PresenceResult lookup(@Valid @RequestBody PresenceLookup request,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization);

	@Operation(summary = "List online users", description = """
			Live sessions in name order, a page at a time: pass the previous page's `next` as \
			`after` until it is absent. Needs a session's bearer token.""")
	@ApiResponse(responseCode = "200", description = "A page of sessions")
	@ApiResponse(responseCode = "400",
			description = "`invalid-request`: `limit` out of range or `after` not a cursor of this API",
			content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = ProblemJson.SCHEMA)))
	@ApiResponse(responseCode = "401",
			description = "`invalid-session`: no bearer token, or not the token of a live session",
			content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = ProblemJson.SCHEMA)))
	@GetExchange("/sessions")
	Page<SessionView> sessions(@RequestParam(name = "after", required = false) @Nullable String after,
			@RequestParam(name = "limit",
					required = false) @Min(Page.MIN_LIMIT) @Max(Page.MAX_LIMIT) @Nullable Integer limit,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization);

}
