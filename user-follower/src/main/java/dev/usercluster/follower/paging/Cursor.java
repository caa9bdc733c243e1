package dev.usercluster.follower.paging;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import dev.usercluster.api.ApiException;
import dev.usercluster.api.ProblemCode;

/**
 * The opaque {@code next} / {@code after} cursor of keyset-paginated lists: the position
 * of the last item of a page (a name key, or an index member) as base64url of its UTF-8
 * without padding.
 */
public final class Cursor {

	/** Longest cursor any list makes, with room to spare (a 128-code-point name key). */
	private static final int MAX_LENGTH = 1024;

	private Cursor() {
	}

	/**
	 * The cursor after a position.
	 * @param position the last item's position
	 * @return the opaque cursor
	 */
	public static String encode(String position) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The position a cursor points after.
	 * @param cursor a cursor from a client
	 * @return the position
	 * @throws ApiException {@code invalid-request} when it is not a cursor this made
	 */
	public static String decode(String cursor) {
		if (cursor.isEmpty() || cursor.length() > MAX_LENGTH) {
			throw invalid();
		}
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(Base64.getUrlDecoder().decode(cursor)))
				.toString();
		}
		catch (IllegalArgumentException | CharacterCodingException ex) {
			throw invalid();
		}
	}

	/**
	 * The problem for a cursor that is not valid.
	 * @return a new {@code invalid-request} exception
	 */
	public static ApiException invalid() {
		return new ApiException(ProblemCode.INVALID_REQUEST, "The cursor 'after' is not valid.");
	}

}
