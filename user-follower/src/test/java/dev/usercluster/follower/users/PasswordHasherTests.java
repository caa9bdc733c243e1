package dev.usercluster.follower.users;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.usercluster.api.ApiException;
import dev.usercluster.api.ProblemCode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class PasswordHasherTests {

	private final PasswordHasher hasher = new PasswordHasher(properties(19456, 2, 1, 2), new SimpleMeterRegistry());

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
		PasswordHasher weak = new PasswordHasher(properties(1024, 1, 1, 1), new SimpleMeterRegistry());
		assertThat(this.hasher.isOutdated(weak.hash("correct horse"))).isTrue();
		assertThat(this.hasher.isOutdated(this.hasher.hash("correct horse"))).isFalse();
		assertThat(weak.isOutdated(this.hasher.hash("correct horse"))).isFalse();
	}

	@Test
	void concurrentHashesDefaultToTheProcessorCount() {
		assertThat(properties(19456, 2, 1, null).maxConcurrentHashes())
			.isEqualTo(Runtime.getRuntime().availableProcessors());
	}

	@Test
	void concurrentHashesNeverExceedWhatTheHeapHolds() {
		long threeHashes = 3L * 19456 * 1024;
		assertThat(properties(19456, 2, 1, 8).concurrentHashes(threeHashes)).isEqualTo(3);
		assertThat(properties(19456, 2, 1, 2).concurrentHashes(threeHashes)).isEqualTo(2);
		assertThat(properties(19456, 2, 1, 8).concurrentHashes(1024)).isEqualTo(1);
	}

	@Test
	void aCallerBeyondTheQueueIsOverloadedAtOnce() throws Exception {
		PasswordHasher hasher = new PasswordHasher(new PasswordProperties(1024, 1, 1, 1, Duration.ofSeconds(30), 0),
				new SimpleMeterRegistry());
		try (Held held = new Held(hasher)) {
			assertThatExceptionOfType(ApiException.class).isThrownBy(() -> hasher.hash("correct horse"))
				.satisfies(ApiTestAssertions::overloaded);
		}
		assertThat(hasher.hash("correct horse")).startsWith("$argon2id$");
	}

	@Test
	void aCallerThatWaitsLongerThanTheMaximumIsOverloaded() throws Exception {
		PasswordHasher hasher = new PasswordHasher(new PasswordProperties(1024, 1, 1, 1, Duration.ofMillis(50), 5),
				new SimpleMeterRegistry());
		try (Held held = new Held(hasher)) {
			assertThatExceptionOfType(ApiException.class).isThrownBy(() -> hasher.matches("correct horse", null))
				.satisfies(ApiTestAssertions::overloaded);
		}
	}

	private static PasswordProperties properties(int memoryKib, int iterations, int parallelism,
			Integer maxConcurrentHashes) {
		return new PasswordProperties(memoryKib, iterations, parallelism, maxConcurrentHashes, Duration.ofSeconds(2),
				256);
	}

	/** Holds the hasher's only permit until closed. */
	private static final class Held implements AutoCloseable {

		private final CountDownLatch release = new CountDownLatch(1);

		private final CompletableFuture<Object> holder;

		Held(PasswordHasher hasher) throws InterruptedException {
			CountDownLatch holding = new CountDownLatch(1);
			this.holder = CompletableFuture.supplyAsync(() -> hasher.bounded(() -> {
				holding.countDown();
				try {
					return this.release.await(30, TimeUnit.SECONDS);
				}
				catch (InterruptedException ex) {
					throw new IllegalStateException(ex);
				}
			}));
			assertThat(holding.await(10, TimeUnit.SECONDS)).isTrue();
		}

		@Override
		public void close() throws Exception {
			this.release.countDown();
			this.holder.get(10, TimeUnit.SECONDS);
		}

	}

	private static final class ApiTestAssertions {

		static void overloaded(ApiException ex) {
			assertThat(ex.code()).isEqualTo(ProblemCode.OVERLOADED);
			assertThat(ex.getHeaders().getFirst("Retry-After")).isEqualTo("1");
			assertThat(ex.getHeaders().getFirst(ApiException.RETRY_SAFE)).isEqualTo("true");
		}

	}

}
