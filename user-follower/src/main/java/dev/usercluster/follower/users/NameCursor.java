package dev.usercluster.follower.users;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import dev.usercluster.api.ApiException;
import dev.usercluster.api.ProblemCode;

/**
 * The opaque cursor of the user list: the last name key of a page, base64url without
 * padding.
 */
final class NameCursor {

	/** Longest cursor a 128-code-point name key can give (512 bytes of UTF-8). */
	private static final int MAX_LENGTH = 683;

	private NameCursor() {
	}

	static String encode(String nameKey) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(nameKey.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The name key in a cursor.
	 * @throws ApiException {@code invalid-request} when it is not one this service made
	 */
	static String decode(String cursor) {
		if (cursor.isEmpty() || cursor.length() > MAX_LENGTH) {
			throw invalid();
		}
		try {
			byte[] bytes = Base64.getUrlDecoder().decode(cursor);
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
		}
		catch (IllegalArgumentException | CharacterCodingException ex) {
			throw invalid();
		}
	}

	private static ApiException invalid() {
		return new ApiException(ProblemCode.INVALID_REQUEST, "The cursor 'after' is not valid.");
	}

}
