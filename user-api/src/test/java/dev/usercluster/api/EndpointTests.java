package dev.usercluster.api;

import java.util.List;

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

/**
 * {@link Endpoint} on the login request's {@code endpoint}: {@code host:port} with a DNS
 * name, an IPv4 address or a bracketed IPv6 address, a port from 1 to 65535, or nothing.
 */
class EndpointTests {

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
	@ValueSource(strings = { "10.0.0.7:9000", "chat-1.example.org:443", "localhost:1", "a:65535", "[::1]:8080",
			"[2001:db8::7]:7000", "[::ffff:192.0.2.1]:80", "x1.y-2.z3:5222" })
	void acceptsHostAndPort(String endpoint) {
		assertThat(messages(endpoint)).isEmpty();
	}

	@Test
	void acceptsNoEndpoint() {
		assertThat(messages(null)).isEmpty();
	}

	@Test
	void acceptsTheLongestNameAndRefusesOneCharacterMore() {
		String label = "a".repeat(63);
		// four labels of 63 and three dots: 255, plus ':' and a five-digit port
		String longest = String.join(".", label, label, label, label) + ":65535";
		assertThat(longest).hasSize(261);
		assertThat(messages(longest)).isEmpty();
		assertThat(messages("b" + longest)).containsExactly("must be host:port");
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "10.0.0.7", "10.0.0.7:", ":9000", "host:0", "host:65536", "host:123456", "host:-1",
			"host:80a", "host :80", " host:80", "host:80 ", "-host:80", "host-:80", "ho_st:80", "host..x:80",
			".host:80", "host.:80", "::1:8080", "[::1]", "[::1:8080", "[host]:80", "[]:80", "http://host:80",
			"host:80/path", "user@host:80", "host:80\n", "h\u00f6st:80", "\u0661\u0662:80" })
	void refusesAnythingElse(String endpoint) {
		assertThat(messages(endpoint)).as(endpoint).containsExactly("must be host:port");
	}

	@Test
	void refusesALabelOfSixtyFourCharacters() {
		assertThat(messages("a".repeat(64) + ".example:80")).containsExactly("must be host:port");
		assertThat(messages("a".repeat(63) + ".example:80")).isEmpty();
	}

	private static List<String> messages(String endpoint) {
		return validator.validate(new LoginRequest("alice", "password1", endpoint))
			.stream()
			.filter((violation) -> violation.getPropertyPath().toString().equals("endpoint"))
			.map(ConstraintViolation::getMessage)
			.toList();
	}

}
