package dev.usercluster.api;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The presence event stream, as server-sent events: served by the follower, relayed as a
 * stream by the gateway. Not an {@code @HttpExchange} (a client proxy cannot stream);
 * both controllers implement this interface, so the mapping and its description are
 * written once.
 */
public interface PresenceEventsApi {

	/** The path of the stream, on the follower and on the gateway. */
	String PATH = ApiPaths.BASE_PATH + "/presence/events";

	@Operation(summary = "Follow presence changes", description = """
			Server-sent events, one per change: `event: online` or `event: offline` with `data` \
			`{name, endpoint, reason, at}` (reason `login`, `logout`, `expired`, `replaced`, \
			`forced`, `password-changed`, `deleted` or `endpoint-down`) and an `id` to resume \
			from with `Last-Event-ID`, on any instance. A position older than what is kept \
			gets `event: reset` first. A comment line comes every 15 s. Needs a session's \
			bearer token.""")
	@ApiResponse(responseCode = "200", description = "The stream of events",
			content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, schema = @Schema(type = "string")))
	@ApiResponse(responseCode = "400",
			description = "`invalid-request`: `Last-Event-ID` is not a position of this stream",
			content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = ProblemJson.SCHEMA)))
	@ApiResponse(responseCode = "401",
			description = "`invalid-session`: no bearer token, or not the token of a live session",
			content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = ProblemJson.SCHEMA)))
	@ApiResponse(responseCode = "406", description = "`not-acceptable`: the client does not accept `text/event-stream`",
			content = @Content(mediaType = ProblemJson.MEDIA_TYPE, schema = @Schema(ref = ProblemJson.SCHEMA)))
	@GetMapping(path = PATH, produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	SseEmitter events(
			@Parameter(description = "The `id` of the last event received, to resume after it") @RequestHeader(
					name = "Last-Event-ID", required = false) @Nullable String lastEventId,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) @Nullable String authorization);

}
