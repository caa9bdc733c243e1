package dev.usercluster.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import com.password4j.Argon2Function;
import com.password4j.types.Argon2;
import de.mkammerer.argon2.Argon2Factory;
import de.mkammerer.argon2.Argon2Factory.Argon2Types;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Argon2id verifications per second of three libraries at the follower's parameters
 * (m=19456 KiB, t=2, p=1, 16-byte salt, 32-byte hash), each on the same number of
 * threads, plus a check that each verifies the PHC strings the others make. Prints one
 * line per library: {@code hash <library> <threads> <verifications/s> <ms per hash>}.
 */
final class HashBenchmark {

	static final int MEMORY_KIB = 19456;

	static final int ITERATIONS = 2;

	static final int PARALLELISM = 1;

	private static final String PASSWORD = "correct horse battery staple";

	private HashBenchmark() {
	}

	interface Algorithm {

		String name();

		String hash(String password);

		boolean verify(String encoded, String password);

	}

	static void run(int threads, double seconds) throws InterruptedException {
		List<Algorithm> algorithms = new ArrayList<>();
		algorithms.add(bouncyCastle());
		algorithms.add(password4j());
		try {
			algorithms.add(libargon2());
		}
		catch (LinkageError ex) {
			System.out.println("# libargon2 could not load: " + ex);
		}
		List<String> hashes = new ArrayList<>();
		for (Algorithm algorithm : algorithms) {
			hashes.add(algorithm.hash(PASSWORD));
		}
		for (Algorithm verifier : algorithms) {
			for (int i = 0; i < algorithms.size(); i++) {
				boolean right = verifier.verify(hashes.get(i), PASSWORD);
				boolean wrong = verifier.verify(hashes.get(i), PASSWORD + "!");
				System.out.printf("# %s verifies a hash of %s: right password %s, wrong password %s%n", verifier.name(),
						algorithms.get(i).name(), right, wrong);
			}
		}
		for (int i = 0; i < algorithms.size(); i++) {
			Algorithm algorithm = algorithms.get(i);
			String encoded = hashes.get(i);
			measure(algorithm, encoded, threads, Math.min(2, seconds / 4));
			double rate = measure(algorithm, encoded, threads, seconds);
			System.out.printf("hash %s %d %.1f %.1f%n", algorithm.name(), threads, rate, 1000.0 * threads / rate);
		}
	}

	private static double measure(Algorithm algorithm, String encoded, int threads, double seconds)
			throws InterruptedException {
		LongAdder done = new LongAdder();
		AtomicBoolean stop = new AtomicBoolean();
		List<Thread> workers = new ArrayList<>();
		long start = System.nanoTime();
		for (int t = 0; t < threads; t++) {
			Thread worker = new Thread(() -> {
				while (!stop.get()) {
					if (!algorithm.verify(encoded, PASSWORD)) {
						throw new IllegalStateException(algorithm.name() + " refused its own hash");
					}
					done.increment();
				}
			});
			worker.start();
			workers.add(worker);
		}
		Thread.sleep((long) (seconds * 1000));
		stop.set(true);
		for (Thread worker : workers) {
			worker.join();
		}
		double elapsed = (System.nanoTime() - start) / 1e9;
		return done.sum() / elapsed;
	}

	private static Algorithm bouncyCastle() {
		Argon2PasswordEncoder encoder = new Argon2PasswordEncoder(16, 32, PARALLELISM, MEMORY_KIB, ITERATIONS);
		return new Algorithm() {

			@Override
			public String name() {
				return "bouncy-castle";
			}

			@Override
			public String hash(String password) {
				return encoder.encode(password);
			}

			@Override
			public boolean verify(String encoded, String password) {
				return encoder.matches(password, encoded);
			}

		};
	}

	private static Algorithm password4j() {
		Argon2Function function = Argon2Function.getInstance(MEMORY_KIB, ITERATIONS, PARALLELISM, 32, Argon2.ID, 19);
		return new Algorithm() {

			@Override
			public String name() {
				return "password4j";
			}

			@Override
			public String hash(String password) {
				return function.hash(password).getResult();
			}

			@Override
			public boolean verify(String encoded, String password) {
				return function.check(password, encoded);
			}

		};
	}

	private static Algorithm libargon2() {
		de.mkammerer.argon2.Argon2 argon2 = Argon2Factory.create(Argon2Types.ARGON2id, 16, 32);
		argon2.verify(argon2.hash(1, 8, 1, "probe".toCharArray()), "probe".toCharArray());
		return new Algorithm() {

			@Override
			public String name() {
				return "libargon2";
			}

			@Override
			public String hash(String password) {
				return argon2.hash(ITERATIONS, MEMORY_KIB, PARALLELISM, password.toCharArray());
			}

			@Override
			public boolean verify(String encoded, String password) {
				return argon2.verify(encoded, password.toCharArray());
			}

		};
	}

}
