package dev.usercluster.follower.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

import dev.usercluster.api.ApiException;
import dev.usercluster.api.ProblemCode;
import dev.usercluster.follower.sessions.BearerToken;
import dev.usercluster.follower.sessions.SessionService;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The admin credential: {@code Authorization: Bearer <admin token>} with the token from
 * {@code user-cluster.admin.token}. A missing or unknown credential is 401; a user's live
 * session token is known but not allowed, 403. Without a configured token nobody is
 * admin.
 */
@Component
public class AdminCredential {

	private final byte @Nullable [] tokenDigest;

	private final SessionService sessions;

	AdminCredential(AdminProperties properties, SessionService sessions) {
		this.tokenDigest = (properties.token() != null && !properties.token().isBlank()) ? digest(properties.token())
				: null;
		this.sessions = sessions;
	}

	/** Whether an {@code Authorization} header carries the admin credential. */
	public boolean isAdmin(@Nullable String authorization) {
		Optional<String> credentials = BearerToken.of(authorization);
		// digests have one length, so the comparison time says nothing about the token
		return credentials.isPresent() && this.tokenDigest != null
				&& MessageDigest.isEqual(this.tokenDigest, digest(credentials.get()));
	}

	void check(@Nullable String authorization) {
		if (isAdmin(authorization)) {
			return;
		}
		if (this.sessions.isLive(authorization)) {
			throw new ApiException(ProblemCode.FORBIDDEN, "This call needs the admin credential.");
		}
		throw new ApiException(ProblemCode.INVALID_SESSION, "The admin credential is missing or wrong.");
	}

	private static byte[] digest(String token) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JVM has SHA-256", ex);
		}
	}

}
