package dev.usercluster.api;

import java.util.List;
import java.util.Set;

import jakarta.validation.ConstraintViolation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;
import org.springframework.validation.beanvalidation.SpringConstraintValidatorFactory;

import static org.assertj.core.api.Assertions.assertThat;

class UserNameTests {

	/** Spring's, as the services use: it instantiates the package-private validator. */
	private static LocalValidatorFactoryBean validator;

	@BeforeAll
	static void startValidator() {
		validator = new LocalValidatorFactoryBean();
		validator.setConstraintValidatorFactory(new SpringConstraintValidatorFactory(new DefaultListableBeanFactory()));
		validator.afterPropertiesSet();
	}

	@AfterAll
	static void closeValidator() {
		validator.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "alice", "Alice_B-c.d", "josé", "Ελληνικά", "Москва", "東京tokyo", "東京とうきょうtokyo", "서울seoul",
			"ǅemal", "ｓａｍ", "µ", "...", "a.b", "user12" })
	void acceptsNamesOfOneScriptOrAHighlyRestrictiveMix(String name) {
		assertThat(messages(name)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "admin\uFE0F", "ad\u200Bmin", "x\u3164", "\u115Fbob", "bob\uFFA0", "a\u034Fb" })
	void refusesDefaultIgnorableCodePoints(String name) {
		assertThat(messages(name))
			.containsExactly("must not contain invisible characters (default-ignorable code points)");
	}

	@ParameterizedTest
	@ValueSource(strings = { "p\u0430ypal", "\u03B1b", "Москваmoscow", "1\u0661", "user\u0661\u0662", "a\u0301\u0301" })
	void refusesMixedScriptsMixedDigitsAndRepeatedMarks(String name) {
		assertThat(messages(name)).singleElement().asString().startsWith("must not mix scripts");
	}

	@ParameterizedTest
	@ValueSource(strings = { ".", ".." })
	void refusesDotAndDotDot(String name) {
		assertThat(messages(name)).containsExactly("must not be '.' or '..'");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "no spaces", "semi;colon", "\uD800x", "abcdefghijklmnopqrstuvwxyz1234567" })
	void refusesCharactersOutsideTheAllowedSetAndLongNames(String name) {
		assertThat(messages(name)).containsExactly("must be 1 to 32 letters, digits, '_', '-' or '.'");
	}

	@Test
	void keyFoldsCaseCompatibilityFormsAndIgnorables() {
		assertThat(NameKey.of("\u01C5emal")).isEqualTo(NameKey.of("d\u017Eemal")).isEqualTo("d\u017Eemal");
		assertThat(NameKey.of("\u00B5")).isEqualTo(NameKey.of("\u03BC")).isEqualTo(NameKey.of("\u039C"));
		assertThat(NameKey.of("\u017Fam")).isEqualTo(NameKey.of("Sam")).isEqualTo("sam");
		assertThat(NameKey.of("\uFF53\uFF41\uFF4D")).isEqualTo("sam");
		assertThat(NameKey.of("admin\uFE0F")).isEqualTo("admin");
		assertThat(NameKey.of("Jose\u0301")).isEqualTo(NameKey.of("jos\u00E9"));
	}

	@Test
	void keyIsTotalOnMalformedText() {
		assertThat(NameKey.of("\uD800x")).isEqualTo("\uD800x");
	}

	private static List<String> messages(String name) {
		Set<ConstraintViolation<Named>> violations = validator.validate(new Named(name));
		return violations.stream().map(ConstraintViolation::getMessage).toList();
	}

	record Named(@UserName String name) {
	}

}
