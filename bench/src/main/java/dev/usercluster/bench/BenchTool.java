package dev.usercluster.bench;

import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The Java side of {@code bench/run}: {@code hash} (Argon2id libraries side by side),
 * {@code sessions} (synthetic live sessions into Redis), {@code events} (many presence
 * event subscribers while users log in and out) and {@code report} (Markdown and a PNG
 * chart from the run's results).
 */
public final class BenchTool {

	/** Exit status of {@code report} when only {@code results.md} could be written. */
	static final int CHART_NOT_WRITTEN = 3;

	private BenchTool() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length == 0) {
			throw new IllegalArgumentException("usage: hash THREADS SECONDS | sessions HOST PORT START COUNT "
					+ "[TOKENS_FILE TOKEN_COUNT] | events SUBSCRIBE_URL DRIVE_URL TOKENS_FILE SUBSCRIBERS FIRST_USER USERS "
					+ "RATE | report RESULTS_TSV OUT_DIR");
		}
		String[] rest = Arrays.copyOfRange(args, 1, args.length);
		switch (args[0]) {
			case "hash" -> HashBenchmark.run(Integer.parseInt(rest[0]), Double.parseDouble(rest[1]));
			case "sessions" -> SessionLoader.run(rest[0], Integer.parseInt(rest[1]), Integer.parseInt(rest[2]),
					Integer.parseInt(rest[3]), (rest.length > 4) ? Path.of(rest[4]) : null,
					(rest.length > 5) ? Integer.parseInt(rest[5]) : 0);
			case "events" -> PresenceEventsBenchmark.run(URI.create(rest[0]), URI.create(rest[1]), Path.of(rest[2]),
					Integer.parseInt(rest[3]), Integer.parseInt(rest[4]), Integer.parseInt(rest[5]),
					Double.parseDouble(rest[6]));
			case "report" -> {
				if (!Report.run(Path.of(rest[0]), Path.of(rest[1]))) {
					// results.md is written; the status tells bench/run the chart is not
					System.exit(CHART_NOT_WRITTEN);
				}
			}
			default -> throw new IllegalArgumentException("unknown command " + args[0]);
		}
	}

}
