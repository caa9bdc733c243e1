package dev.usercluster.follower.sessions;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A bearer token: 8 bytes of the user's tag then 24 random bytes, base64url without
 * padding (43 characters). The tag routes a token to its user's Redis slot without a
 * look-up; only a digest of the whole token is ever stored: the first
 * {@value #DIGEST_BYTES} bytes of its SHA-256.
 */
final class SessionToken {

	static final int TAG_BYTES = 8;

	private static final int RANDOM_BYTES = 24;

	/**
	 * Bytes of SHA-256 kept as the digest: 128 bits, 32 hex digits. A digest names the
	 * session in five Redis places (its hash's key, the user's set, the online, expiry
	 * and endpoint indexes), and the 32 digits more of the whole SHA-256 cost about 130
	 * bytes of Redis a session. 128 bits leave finding a token from a digest (2^128 tries
	 * for a token of 192 random bits) and two sessions sharing one (2^64 sessions) out of
	 * reach.
	 */
	static final int DIGEST_BYTES = 16;

	private static final Pattern FORM = Pattern.compile("[A-Za-z0-9_-]{43}");

	private static final SecureRandom random = new SecureRandom();

	private final byte[] bytes;

	private SessionToken(byte[] bytes) {
		this.bytes = bytes;
	}

	/** A new token for a user. */
	static SessionToken issue(String nameKey) {
		byte[] bytes = new byte[TAG_BYTES + RANDOM_BYTES];
		System.arraycopy(tagOf(nameKey), 0, bytes, 0, TAG_BYTES);
		byte[] secret = new byte[RANDOM_BYTES];
		random.nextBytes(secret);
		System.arraycopy(secret, 0, bytes, TAG_BYTES, RANDOM_BYTES);
		return new SessionToken(bytes);
	}

	/** The token in a string, if it has the form of one (no store look-up). */
	static Optional<SessionToken> parse(@Nullable String text) {
		if (text == null || !FORM.matcher(text).matches()) {
			return Optional.empty();
		}
		byte[] bytes = Base64.getUrlDecoder().decode(text);
		// 43 characters carry 258 bits: the last 2 must be zero in a canonical encoding
		return text.equals(encode(bytes)) ? Optional.of(new SessionToken(bytes)) : Optional.empty();
	}

	/** The first 8 bytes of SHA-256 of a name key: the user's tag. */
	static byte[] tagOf(String nameKey) {
		return Arrays.copyOf(sha256(nameKey.getBytes(StandardCharsets.UTF_8)), TAG_BYTES);
	}

	/** The user's Redis hash tag, as hex. */
	static String hashTagOf(String nameKey) {
		return HexFormat.of().formatHex(tagOf(nameKey));
	}

	String hashTag() {
		return HexFormat.of().formatHex(this.bytes, 0, TAG_BYTES);
	}

	/**
	 * The hash tag of the shard the token's session lives in (see {@link SessionKeys}).
	 */
	String shardTag() {
		return SessionKeys.shardTag(SessionKeys.shardOf(this.bytes));
	}

	/**
	 * What Redis stores: the first {@value #DIGEST_BYTES} bytes of the token's SHA-256,
	 * hex.
	 */
	String digest() {
		return HexFormat.of().formatHex(sha256(this.bytes), 0, DIGEST_BYTES);
	}

	String value() {
		return encode(this.bytes);
	}

	@Override
	public String toString() {
		return "SessionToken[<hidden>]";
	}

	private static String encode(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	static byte[] sha256(byte[] input) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(input);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JVM has SHA-256", ex);
		}
	}

}
