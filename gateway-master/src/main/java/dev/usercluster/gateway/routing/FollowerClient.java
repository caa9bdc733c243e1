package dev.usercluster.gateway.routing;

import dev.usercluster.api.UserApi;

/**
 * The public API as the gateway calls it: each call goes to one follower, round-robin,
 * and fails over to another where that is safe. A follower's error answer surfaces as a
 * {@link org.springframework.web.client.RestClientResponseException}.
 */
public interface FollowerClient extends UserApi {

}
