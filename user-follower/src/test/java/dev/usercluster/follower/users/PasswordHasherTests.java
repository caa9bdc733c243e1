package dev.usercluster.follower.users;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordHasherTests {

	private final PasswordHasher hasher = new PasswordHasher(new PasswordProperties(19456, 2, 1, 2));

	@Test
	void hashIsArgon2idWithOwaspParametersAndASaltOfItsOwn() {
		String hash = this.hasher.hash("correct horse");
		assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
		assertThat(this.hasher.hash("correct horse")).isNotEqualTo(hash);
	}

	@Test
	void rightPasswordMatchesAndWrongOneDoesNot() {
		String hash = this.hasher.hash("correct horse");
		assertThat(this.hasher.matches("correct horse", hash)).isTrue();
		assertThat(this.hasher.matches("correct horsf", hash)).isFalse();
	}

	@Test
	void unknownNameNeverMatchesNotEvenTheDummyPassword() {
		assertThat(this.hasher.matches("dummy password, never a real one", null)).isFalse();
	}

	@Test
	void passwordWithALoneSurrogateNeverMatchesAndDoesNotFail() {
		String hash = this.hasher.hash("correct horse");
		assertThat(this.hasher.matches("correct horse\uD800", hash)).isFalse();
		assertThat(this.hasher.matches("\uDC00correct horse", null)).isFalse();
		assertThat(this.hasher.matches("correct horse \uD83D\uDE00", hash)).isFalse();
	}

	@Test
	void malformedStoredHashDoesNotMatch() {
		assertThat(this.hasher.matches("correct horse", "not a hash")).isFalse();
	}

	@Test
	void hashMadeWithWeakerParametersIsOutdated() {
		PasswordHasher weak = new PasswordHasher(new PasswordProperties(1024, 1, 1, 1));
		assertThat(this.hasher.isOutdated(weak.hash("correct horse"))).isTrue();
		assertThat(this.hasher.isOutdated(this.hasher.hash("correct horse"))).isFalse();
		assertThat(weak.isOutdated(this.hasher.hash("correct horse"))).isFalse();
	}

	@Test
	void concurrentHashesDefaultToTheProcessorCount() {
		assertThat(new PasswordProperties(19456, 2, 1, null).maxConcurrentHashes())
			.isEqualTo(Runtime.getRuntime().availableProcessors());
	}

}
