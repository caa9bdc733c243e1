package dev.usercluster.follower.users;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import dev.usercluster.api.ApiException;
import dev.usercluster.api.NameKey;

import org.springframework.stereotype.Component;

/**
 * What a new password must not be (ASVS 6.2): one of the 100,000 most common passwords
 * (case-insensitively, offline), a string that contains the account's name (when the name
 * has 3 or more characters), or text with a lone surrogate (UTF-8 cannot encode it, so it
 * would be hashed as {@code ?}). Lengths are the contract's constraints.
 *
 * <p>
 * The list is {@code dictionaries/passwords.txt} from the {@code me.gosimple:nbvcxz} jar
 * (MIT licence): its ranked top-100,000 list of leaked passwords, read once at start-up
 * into a set of about 96,500 distinct lower-cased entries (about 38,500 of them have the
 * 8 or more characters a password needs, so only those can ever match).
 */
@Component
class PasswordPolicy {

	static final String LIST = "dictionaries/passwords.txt";

	private static final int MIN_NAME_FOR_CONTAINMENT = 3;

	private final Set<String> common;

	PasswordPolicy() {
		this.common = load();
	}

	/**
	 * The form of a password that is hashed and verified: NFC, so a password typed on a
	 * keyboard that composes and on one that does not is the same password.
	 * @param password the password as received
	 * @return its NFC form
	 */
	public static String normalise(String password) {
		return Normalizer.normalize(password, Normalizer.Form.NFC);
	}

	/**
	 * Whether a password contains a lone surrogate (never a password anyone typed).
	 * @param password the password as received
	 * @return {@code true} when malformed
	 */
	public static boolean hasLoneSurrogate(String password) {
		return password.codePoints().anyMatch((cp) -> cp >= Character.MIN_SURROGATE && cp <= Character.MAX_SURROGATE);
	}

	/**
	 * Refuse a password chosen for an account.
	 * @param name the account's name
	 * @param password the new password as received
	 * @param field the request field that carried it, for the error
	 * @throws ApiException 400 {@code invalid-request} naming {@code field}
	 */
	public void check(String name, String password, String field) {
		if (hasLoneSurrogate(password)) {
			throw ApiException.invalidField(field, "must be valid Unicode text (it has a lone surrogate)");
		}
		String folded = normalise(password).toLowerCase(Locale.ROOT);
		if (this.common.contains(folded)) {
			throw ApiException.invalidField(field, "is one of the most common passwords; choose another");
		}
		String nameKey = NameKey.of(name);
		if (nameKey.codePointCount(0, nameKey.length()) >= MIN_NAME_FOR_CONTAINMENT
				&& NameKey.of(password).contains(nameKey)) {
			throw ApiException.invalidField(field, "must not contain the name");
		}
	}

	/** How many distinct entries the list has (case-insensitively). */
	int size() {
		return this.common.size();
	}

	private static Set<String> load() {
		InputStream stream = PasswordPolicy.class.getClassLoader().getResourceAsStream(LIST);
		if (stream == null) {
			throw new IllegalStateException(
					"The common-password list " + LIST + " is not on the classpath (it comes with me.gosimple:nbvcxz)");
		}
		Set<String> entries = new HashSet<>(131072);
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				String entry = line.strip();
				if (!entry.isEmpty()) {
					entries.add(normalise(entry).toLowerCase(Locale.ROOT));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + LIST, ex);
		}
		return Set.copyOf(entries);
	}

}
