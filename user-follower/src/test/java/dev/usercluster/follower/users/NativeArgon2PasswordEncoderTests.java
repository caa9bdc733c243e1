package dev.usercluster.follower.users;

import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

class NativeArgon2PasswordEncoderTests {

	private static final PasswordProperties owasp = new PasswordProperties(19456, 2, 1, 2);

	private final PasswordEncoder fastest = NativeArgon2PasswordEncoder.fastest(owasp, 16, 32);

	private final PasswordEncoder java = new Argon2PasswordEncoder(16, 32, 1, 19456, 2);

	@Test
	void nativeLibraryLoadsOnThisPlatform() {
		assertThat(this.fastest).isInstanceOf(NativeArgon2PasswordEncoder.class);
	}

	@Test
	void nativeAndPureJavaVerifyEachOthersHashes() {
		String password = "pässwörd ✓ 密码 correct";
		String fromNative = this.fastest.encode(password);
		String fromJava = this.java.encode(password);
		assertThat(fromNative).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
		assertThat(this.java.matches(password, fromNative)).isTrue();
		assertThat(this.fastest.matches(password, fromJava)).isTrue();
		assertThat(this.java.matches(password + "!", fromNative)).isFalse();
		assertThat(this.fastest.matches(password + "!", fromJava)).isFalse();
	}

	@Test
	void malformedOrOtherHashesMatchNothing() {
		assertThat(this.fastest.matches("correct horse", "not a hash")).isFalse();
		assertThat(this.fastest.matches("correct horse", "$argon2id$v=19$m=19456,t=2,p=1$broken")).isFalse();
		assertThat(this.fastest.matches("correct horse", null)).isFalse();
	}

	@Test
	void weakerHashesAreOutdatedWhicheverLibraryMadeThem() {
		PasswordEncoder weak = NativeArgon2PasswordEncoder.fastest(new PasswordProperties(1024, 1, 1, 1), 16, 32);
		assertThat(this.fastest.upgradeEncoding(weak.encode("correct horse"))).isTrue();
		assertThat(this.fastest.upgradeEncoding(this.java.encode("correct horse"))).isFalse();
	}

	@Test
	void fallsBackToPureJavaWhereTheLibraryCannotLoad() {
		PasswordEncoder fallback = NativeArgon2PasswordEncoder.fastest(owasp, 16, 32, () -> {
			throw new UnsatisfiedLinkError("no libargon2 for this platform");
		});
		assertThat(fallback).isInstanceOf(Argon2PasswordEncoder.class);
		String hash = fallback.encode("correct horse");
		assertThat(this.fastest.matches("correct horse", hash)).isTrue();
	}

}
