package dev.usercluster.follower.users;

import java.util.function.Supplier;

import de.mkammerer.argon2.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import de.mkammerer.argon2.Argon2Factory.Argon2Types;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Argon2id through libargon2, the reference C implementation (bundled for common
 * platforms by argon2-jvm, called through JNA). At the same parameters it verified about
 * 2.3 times as many passwords a second as Bouncy Castle on the benchmark machine
 * ({@code bench/run}). It writes and reads the same PHC strings as Spring Security's
 * {@link Argon2PasswordEncoder}, so hashes made by either verify with the other; that one
 * also judges whether a stored hash is outdated, which only parses the string.
 */
final class NativeArgon2PasswordEncoder implements PasswordEncoder {

	private static final Log logger = LogFactory.getLog(NativeArgon2PasswordEncoder.class);

	private final Argon2 argon2;

	private final Argon2PasswordEncoder parameters;

	private final PasswordProperties properties;

	private NativeArgon2PasswordEncoder(Argon2 argon2, Argon2PasswordEncoder parameters,
			PasswordProperties properties) {
		this.argon2 = argon2;
		this.parameters = parameters;
		this.properties = properties;
	}

	/**
	 * The fastest Argon2id encoder that works here: libargon2 when it loads, otherwise
	 * the pure-Java one (Bouncy Castle). Says which in the log.
	 */
	static PasswordEncoder fastest(PasswordProperties properties, int saltBytes, int hashBytes) {
		return fastest(properties, saltBytes, hashBytes,
				() -> Argon2Factory.create(Argon2Types.ARGON2id, saltBytes, hashBytes));
	}

	static PasswordEncoder fastest(PasswordProperties properties, int saltBytes, int hashBytes,
			Supplier<Argon2> library) {
		Argon2PasswordEncoder java = new Argon2PasswordEncoder(saltBytes, hashBytes, properties.parallelism(),
				properties.memoryKib(), properties.iterations());
		try {
			Argon2 argon2 = library.get();
			// loads the library now rather than at the first login
			argon2.verify(argon2.hash(1, 8, 1, "probe".toCharArray()), "probe".toCharArray());
			logger.info("Password hashing: libargon2 (native, argon2-jvm)");
			return new NativeArgon2PasswordEncoder(argon2, java, properties);
		}
		catch (LinkageError | RuntimeException ex) {
			logger.warn("Password hashing: bouncy-castle (pure Java, slower): libargon2 could not load: " + ex);
			return java;
		}
	}

	@Override
	public String encode(CharSequence rawPassword) {
		char[] password = chars(rawPassword);
		try {
			return this.argon2.hash(this.properties.iterations(), this.properties.memoryKib(),
					this.properties.parallelism(), password);
		}
		finally {
			this.argon2.wipeArray(password);
		}
	}

	@Override
	public boolean matches(CharSequence rawPassword, @Nullable String encodedPassword) {
		if (encodedPassword == null || !encodedPassword.startsWith("$argon2id$")) {
			return false;
		}
		char[] password = chars(rawPassword);
		try {
			return this.argon2.verify(encodedPassword, password);
		}
		catch (RuntimeException ex) {
			// libargon2 refuses a malformed string: it matches nothing
			return false;
		}
		finally {
			this.argon2.wipeArray(password);
		}
	}

	@Override
	public boolean upgradeEncoding(String encodedPassword) {
		return this.parameters.upgradeEncoding(encodedPassword);
	}

	private static char[] chars(CharSequence text) {
		char[] chars = new char[text.length()];
		for (int i = 0; i < chars.length; i++) {
			chars[i] = text.charAt(i);
		}
		return chars;
	}

}
