package dev.usercluster.follower.sessions;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The credentials of an {@code Authorization: Bearer <credentials>} header (RFC 6750; the
 * scheme is case-insensitive).
 */
public final class BearerToken {

	private static final String SCHEME = "Bearer ";

	private BearerToken() {
	}

	/**
	 * The credentials in a header value.
	 * @param authorization the header value, or {@code null}
	 * @return the credentials, empty when the header is absent or not a bearer header
	 */
	public static Optional<String> of(@Nullable String authorization) {
		if (authorization == null || authorization.length() <= SCHEME.length()
				|| !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
			return Optional.empty();
		}
		return Optional.of(authorization.substring(SCHEME.length()).strip());
	}

}
