package dev.usercluster.follower.users;

import dev.usercluster.api.ApiException;
import dev.usercluster.api.ProblemCode;
import dev.usercluster.api.web.InvalidField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

class PasswordPolicyTests {

	private static final PasswordPolicy policy = new PasswordPolicy();

	@Test
	void listHasAtLeastNinetyThousandDistinctEntries() {
		assertThat(policy.size()).isGreaterThan(90_000);
	}

	@ParameterizedTest
	@ValueSource(strings = { "password", "PASSWORD1", "Qwertyuiop", "iloveyou", "12345678", "sunshine1",
			"correct horse battery staple" })
	void commonPasswordsAreRefusedInAnyCase(String password) {
		assertRefused("alice", password, "is one of the most common passwords; choose another");
	}

	@ParameterizedTest
	@ValueSource(strings = { "my alice pw", "xxALICExx", "\uFF41\uFF4C\uFF49\uFF43\uFF45-2026" })
	void passwordsContainingTheNameAreRefused(String password) {
		assertRefused("Alice", password, "must not contain the name");
	}

	@Test
	void aNameOfFewerThanThreeCharactersMayAppearInThePassword() {
		assertThatNoException().isThrownBy(() -> policy.check("Al", "pal of mine 42", "password"));
		assertRefused("Ali", "pal of mine ali", "must not contain the name");
	}

	@Test
	void aLoneSurrogateIsRefused() {
		assertRefused("alice", "abc\uD800defgh", "must be valid Unicode text (it has a lone surrogate)");
		assertThat(PasswordPolicy.hasLoneSurrogate("abc\uD83D\uDE00def")).isFalse();
		assertThat(PasswordPolicy.hasLoneSurrogate("abc\uDE00\uD83Ddef")).isTrue();
	}

	@Test
	void anUncommonPasswordWithoutTheNamePasses() {
		assertThatNoException().isThrownBy(() -> policy.check("alice", "tulip quarry 1987 saxophone", "password"));
	}

	@Test
	void passwordsAreNormalisedToNfc() {
		assertThat(PasswordPolicy.normalise("caf\u0065\u0301 au lait")).isEqualTo("caf\u00e9 au lait");
	}

	private static void assertRefused(String name, String password, String message) {
		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> policy.check(name, password, "newPassword"))
			.satisfies((ex) -> {
				assertThat(ex.code()).isEqualTo(ProblemCode.INVALID_REQUEST);
				assertThat(ex.getBody().getProperties()).containsEntry(InvalidField.MEMBER,
						java.util.List.of(new InvalidField("newPassword", message)));
			});
	}

}
