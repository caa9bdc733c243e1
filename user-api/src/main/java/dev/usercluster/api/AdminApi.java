package dev.usercluster.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.service.annotation.DeleteExchange;
import org.springframework.web.service.annotation.HttpExchange;

/**
 * Administration: force a user's logout, end every session of a connection server that
 * died. It takes the admin token from configuration as
 * {@code Authorization: Bearer <admin token>}; a missing header is a 401, so the header
 * is never required at the MVC level.
 */
@HttpExchange(url = ApiPaths.BASE_PATH + "/admin", accept = MediaType.APPLICATION_JSON_VALUE)
public interface AdminApi {

	@Operation(summary = "Force a logout", description = """
			Ends a user's session. Needs the admin token as bearer token.""")
	@ApiResponse(responseCode = "204", description = "The session is ended")
	@ApiResponse(responseCode = "401", description = "`invalid-session`: no bearer token",
			content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = ProblemJson.SCHEMA)))
	@ApiResponse(responseCode = "403", description = "`forbidden`: the bearer token is not the admin token",
			content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = ProblemJson.SCHEMA)))
	@ApiResponse(responseCode = "404", description = "`offline`: the user has no live session",
			content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = ProblemJson.SCHEMA)))
	@DeleteExchange("/users/{name}/session")
	ResponseEntity<Void> endSession(@PathVariable("name") String name,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization);

	@Operation(summary = "End the sessions of an endpoint", description = """
			A connection server died: every session whose endpoint is this `host:port` ends, and \
			its token is refused at once. Needs the admin token as bearer token.""")
	@ApiResponse(responseCode = "200", description = "How many sessions ended")
	@ApiResponse(responseCode = "400", description = "`invalid-request`: not a `host:port`",
			content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = ProblemJson.SCHEMA)))
	@ApiResponse(responseCode = "401", description = "`invalid-session`: no bearer token",
			content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = ProblemJson.SCHEMA)))
	@ApiResponse(responseCode = "403", description = "`forbidden`: the bearer token is not the admin token",
			content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = ProblemJson.SCHEMA)))
	@DeleteExchange("/endpoints/{endpoint}/sessions")
	EndedSessions endEndpointSessions(@PathVariable("endpoint") @Endpoint String endpoint,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization);

}
