package dev.usercluster.follower.web;

import java.util.UUID;

import dev.usercluster.testsupport.JsonClient.Answer;
import dev.usercluster.testsupport.TestServers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The password policy and the UTS #39 name rules over HTTP, against a follower on real
 * MySQL, Redis and ZooKeeper.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = "spring.config.name=follower")
@Import(TestServers.class)
class AccountSecurityIntegrationTests {

	private static final String GOOD_PASSWORD = "tulip quarry 1987";

	private final String prefix = "s" + UUID.randomUUID().toString().substring(0, 8);

	@LocalServerPort
	private int port;

	private ApiClient api() {
		return new ApiClient(this.port, ApiClient.randomClientAddress());
	}

	@ParameterizedTest
	@ValueSource(strings = { "password123", "PassWord123", "qwertyuiop", "iloveyou" })
	void commonPasswordsAreRefusedOnThePasswordField(String password) {
		assertInvalid(api().register(this.prefix + "c", password), "password",
				"is one of the most common passwords; choose another");
	}

	@Test
	void aPasswordContainingTheNameIsRefused() {
		assertInvalid(api().register(this.prefix + "Dora", "my " + this.prefix.toUpperCase() + "DORA pw"), "password",
				"must not contain the name");
	}

	@Test
	void aLoneSurrogateIsRefusedAtRegistrationAndNeverMatchesAtLogin() {
		ApiClient api = api();
		String name = this.prefix + "sur";
		String body = "{\"name\":\"" + name + "\",\"password\":\"tulip\\ud800quarry\"}";
		assertInvalid(api.send("POST", "/users", body, null), "password", "must be well-formed Unicode text");
		// UTF-8 would hash the lone surrogate as '?': that password must not log in
		assertThat(api.register(name, "tulip?quarry").statusCode()).isEqualTo(201);
		String login = "{\"name\":\"" + name + "\",\"password\":\"tulip\\ud800quarry\"}";
		Answer refused = api.send("POST", "/sessions", login, null);
		assertThat(refused.statusCode()).isEqualTo(401);
		assertThat(ApiClient.json.readTree(refused.body()).get("code").asString()).isEqualTo("invalid-credentials");
		assertThat(api.login(name, "tulip?quarry").statusCode()).isEqualTo(201);
	}

	@Test
	void passwordsAreComparedInNfc() {
		ApiClient api = api();
		String name = this.prefix + "nfc";
		assertThat(api.register(name, "cafe\u0301 au lait 7").statusCode()).isEqualTo(201);
		assertThat(api.login(name, "caf\u00e9 au lait 7").statusCode()).isEqualTo(201);
	}

	@Test
	void microSignAndMuCollide() {
		// a Greek name of its own: Latin letters with μ would be a mixed-script name
		StringBuilder greek = new StringBuilder();
		this.prefix.chars().forEach((c) -> greek.appendCodePoint(0x03B1 + Character.digit(c, 36) % 24));
		ApiClient api = api();
		assertThat(api.register(greek + "\u00B5", GOOD_PASSWORD).statusCode()).isEqualTo(201);
		Answer second = api.register(greek + "\u039C", GOOD_PASSWORD);
		assertThat(second.statusCode()).as(second.body()).isEqualTo(409);
		assertThat(api.login(greek + "\u03BC", GOOD_PASSWORD).statusCode()).isEqualTo(201);
	}

	@ParameterizedTest
	@ValueSource(
			strings = { "\u017Fam|sam", "wide|\uFF37\uFF29\uFF24\uFF25", "\u01C5x|d\u017Ex", "Stra\u00DFe|strasse" })
	void namesThatFoldToOneKeyCollide(String pair) {
		String[] names = pair.split("\\|");
		ApiClient api = api();
		assertThat(api.register(this.prefix + names[0], GOOD_PASSWORD).statusCode()).isEqualTo(201);
		Answer second = api.register(fullWidthIfWide(this.prefix, names[1]) + names[1], GOOD_PASSWORD);
		assertThat(second.statusCode()).as(second.body()).isEqualTo(409);
		assertThat(ApiClient.json.readTree(second.body()).get("code").asString()).isEqualTo("name-taken");
		// and either form logs in to the one account
		assertThat(api.login(this.prefix + names[1], GOOD_PASSWORD).statusCode()).isEqualTo(201);
	}

	@ParameterizedTest
	@ValueSource(strings = { "p\u0430ypal", "\u0430dmin" })
	void confusableMixedScriptNamesAreRefused(String name) {
		assertInvalid(api().register(this.prefix + name, GOOD_PASSWORD), "name",
				"must not mix scripts, numbering systems or repeated marks in a way that can imitate another name");
	}

	@ParameterizedTest
	@ValueSource(strings = { "admin\uFE0F", "ad\u200Bmin", "bob\u3164", "x\u115F", "\u2060eve" })
	void invisibleCharactersInNamesAreRefused(String name) {
		assertInvalid(api().register(this.prefix + name, GOOD_PASSWORD), "name",
				"must not contain invisible characters (default-ignorable code points)");
	}

	@ParameterizedTest
	@ValueSource(strings = { ".", ".." })
	void dotAndDotDotAreRefused(String name) {
		assertInvalid(api().register(name, GOOD_PASSWORD), "name", "must not be '.' or '..'");
	}

	/** A full-width form of the ASCII prefix when the second name is full-width. */
	private static String fullWidthIfWide(String prefix, String name) {
		if (name.codePointAt(0) < 0xFF00) {
			return prefix;
		}
		StringBuilder wide = new StringBuilder();
		prefix.chars().forEach((c) -> wide.appendCodePoint(c + 0xFEE0));
		return wide.toString();
	}

	private static void assertInvalid(Answer response, String field, String message) {
		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		JsonNode body = ApiClient.json.readTree(response.body());
		assertThat(body.get("code").asString()).isEqualTo("invalid-request");
		assertThat(body.get("errors").size()).isEqualTo(1);
		assertThat(body.get("errors").get(0).get("field").asString()).isEqualTo(field);
		assertThat(body.get("errors").get(0).get("message").asString()).isEqualTo(message);
	}

}
