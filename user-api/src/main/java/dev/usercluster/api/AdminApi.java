package dev.usercluster.api;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.service.annotation.DeleteExchange;
import org.springframework.web.service.annotation.HttpExchange;

/**
 * Administration: force a user's logout. It takes the admin token from configuration as
 * {@code Authorization: Bearer <admin token>}; a missing header is a 401, so the header
 * is never required at the MVC level.
 */
@HttpExchange(url = ApiPaths.BASE_PATH + "/admin", accept = MediaType.APPLICATION_JSON_VALUE)
public interface AdminApi {

	@DeleteExchange("/users/{name}/session")
	ResponseEntity<Void> endSession(@PathVariable("name") String name,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization);

}
