package dev.usercluster.follower.sessions;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class SessionTokenTests {

	@Test
	void issuedTokenIsFortyThreeCharactersWhoseFirstEightBytesAreTheTag() throws Exception {
		SessionToken token = SessionToken.issue("alice");
		assertThat(token.value()).matches("[A-Za-z0-9_-]{43}");
		byte[] bytes = Base64.getUrlDecoder().decode(token.value());
		byte[] hash = MessageDigest.getInstance("SHA-256").digest("alice".getBytes(StandardCharsets.UTF_8));
		assertThat(Arrays.copyOf(bytes, 8)).isEqualTo(Arrays.copyOf(hash, 8));
		assertThat(token.hashTag()).isEqualTo(SessionToken.hashTagOf("alice"));
	}

	@Test
	void tokensDifferInTheirRandomPart() {
		assertThat(SessionToken.issue("alice").value()).isNotEqualTo(SessionToken.issue("alice").value());
	}

	@Test
	void digestIsTheFirstSixteenBytesOfTheSha256OfTheTokenBytes() throws Exception {
		SessionToken token = SessionToken.issue("bob");
		byte[] expected = MessageDigest.getInstance("SHA-256").digest(Base64.getUrlDecoder().decode(token.value()));
		assertThat(token.digest()).hasSize(32).isEqualTo(HexFormat.of().formatHex(expected, 0, 16));
	}

	@Test
	void issuedTokenParsesBackToTheSameToken() {
		SessionToken token = SessionToken.issue("carol");
		assertThat(SessionToken.parse(token.value())).hasValueSatisfying((parsed) -> {
			assertThat(parsed.digest()).isEqualTo(token.digest());
			assertThat(parsed.hashTag()).isEqualTo(token.hashTag());
		});
	}

	@ParameterizedTest
	@NullSource
	@ValueSource(strings = { "", "abc", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
			"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+",
			"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB",
			"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\u00e9" })
	void malformedTokensDoNotParse(String text) {
		assertThat(SessionToken.parse(text)).isEmpty();
	}

	@Test
	void toStringHidesTheToken() {
		SessionToken token = SessionToken.issue("dave");
		assertThat(token.toString()).doesNotContain(token.value());
	}

}
