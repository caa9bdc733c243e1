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
import org.springframework.web.service.annotation.PostExchange;
import org.springframework.web.service.annotation.PutExchange;

/**
 * Accounts: register, look one up, list them, change a password, delete one. The follower
 * implements it as a controller; the gateway implements it too and forwards each call
 * through a client proxy of this same interface.
 *
 * <p>
 * Authenticated calls take {@code Authorization: Bearer <token>}. A missing header is a
 * 401, so the header is never required at the MVC level.
 */
@HttpExchange(url = ApiPaths.BASE_PATH, accept = MediaType.APPLICATION_JSON_VALUE)
public interface UsersApi {

	@Operation(summary = "Register an account", description = """
			Creates an account with a name that no other account has in any letter case or \
			Unicode normal form; the password is stored only as an Argon2id hash. Throttled per client \
			address.""")
	@ApiResponse(responseCode = "201", description = "Registered: the account; `Location` is its URL")
	@ApiResponse(responseCode = "400", description = "`invalid-request`: a field is missing or invalid (see `errors`)",
			content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = ProblemJson.SCHEMA)))
	@ApiResponse(responseCode = "409", description = "`name-taken`: an account has this name",
			content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = ProblemJson.SCHEMA)))
	@ApiResponse(responseCode = "413", description = "`payload-too-large`: the body is over the size limit",
			content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = ProblemJson.SCHEMA)))
	@ApiResponse(responseCode = "415", description = "`unsupported-media-type`: the body is not JSON",
			content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = ProblemJson.SCHEMA)))
	@ApiResponse(responseCode = "429",
			description = "`too-many-attempts`: too many registrations from this address; see `Retry-After`",
			content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = ProblemJson.SCHEMA)))
	@ApiResponse(responseCode = "503",
			description = "`overloaded`: too many passwords are being hashed; see `Retry-After`",
			content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = ProblemJson.SCHEMA)))
	@PostExchange(url = "/users", contentType = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<UserView> register(@Valid @RequestBody RegisterRequest request);

	@Operation(summary = "Look up a user", description = """
			One account by name, in any letter case, and whether its user is online. Needs a \
			session's bearer token.""")
	@ApiResponse(responseCode = "200", description = "The account")
	@ApiResponse(responseCode = "401",
			description = "`invalid-session`: no bearer token, or not the token of a live session",
			content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = ProblemJson.SCHEMA)))
	@ApiResponse(responseCode = "404", description = "`user-not-found`: no account has this name",
			content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = ProblemJson.SCHEMA)))
	@GetExchange("/users/{name}")
	UserDetails user(@PathVariable("name") String name,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization);

	@Operation(summary = "Change a password", description = """
			The user changes their own password, giving the current one: checked and throttled \
			like a login. Every other session of the user ends; the calling one stays. Needs the \
			user's own bearer token.""")
	@ApiResponse(responseCode = "204", description = "Changed")
	@ApiResponse(responseCode = "400",
			description = "`invalid-request`: a field missing or out of range, or a new password the policy refuses",
			content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = ProblemJson.SCHEMA)))
	@ApiResponse(responseCode = "401",
			description = "`invalid-credentials`: the current password is wrong (counts as a failed login); `invalid-session`: no live bearer token",
			content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = ProblemJson.SCHEMA)))
	@ApiResponse(responseCode = "403", description = "`forbidden`: the token of another user",
			content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = ProblemJson.SCHEMA)))
	@ApiResponse(responseCode = "429",
			description = "`too-many-attempts`: the name is locked after failed logins; see Retry-After",
			content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = ProblemJson.SCHEMA)))
	@PutExchange(url = "/users/{name}/password", contentType = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<Void> changePassword(@PathVariable("name") String name, @Valid @RequestBody PasswordChange request,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization);

	@Operation(summary = "Delete an account", description = """
			The account and all its sessions end, and the name is free again. Needs the user's \
			own bearer token from a login less than 10 minutes old, or the admin credential.""")
	@ApiResponse(responseCode = "204", description = "Deleted")
	@ApiResponse(responseCode = "401",
			description = "`invalid-session`: no bearer token, or not the token of a live session",
			content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = ProblemJson.SCHEMA)))
	@ApiResponse(responseCode = "403",
			description = "`forbidden`: the token of another user; `reauthentication-required`: the session is older than 10 minutes, log in again",
			content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = ProblemJson.SCHEMA)))
	@ApiResponse(responseCode = "404", description = "`user-not-found`: no such user",
			content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = ProblemJson.SCHEMA)))
	@DeleteExchange("/users/{name}")
	ResponseEntity<Void> deleteUser(@PathVariable("name") String name,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization);

	@Operation(summary = "List registered users", description = """
			Accounts in name order, a page at a time: pass the previous page's `next` as \
			`after` until it is absent. Needs a session's bearer token.""")
	@ApiResponse(responseCode = "200", description = "A page of accounts")
	@ApiResponse(responseCode = "400",
			description = "`invalid-request`: `limit` out of range or `after` not a cursor of this API",
			content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = ProblemJson.SCHEMA)))
	@ApiResponse(responseCode = "401",
			description = "`invalid-session`: no bearer token, or not the token of a live session",
			content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = ProblemJson.SCHEMA)))
	@GetExchange("/users")
	Page<UserSummary> users(@RequestParam(name = "after", required = false) @Nullable String after,
			@RequestParam(name = "limit",
					required = false) @Min(Page.MIN_LIMIT) @Max(Page.MAX_LIMIT) @Nullable Integer limit,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization);

}
