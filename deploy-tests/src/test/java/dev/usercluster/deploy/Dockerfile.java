package dev.usercluster.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The repository's Dockerfile, read into the instructions a test replays: just enough of
 * the format for this one file (continuation lines, {@code ENV k=v ...}, the exec form of
 * {@code ENTRYPOINT}).
 */
final class Dockerfile {

	static final Path PATH = Path.of("..", "Dockerfile");

	private static final Pattern ENV_PAIR = Pattern.compile("(\\w+)=(\"[^\"]*\"|\\S+)");

	private static final Pattern JSON_STRING = Pattern.compile("\"([^\"]*)\"");

	/** One instruction, in order, with the build stage it belongs to. */
	record Instruction(int stage, String keyword, String arguments) {
	}

	private final List<Instruction> instructions;

	private Dockerfile(List<Instruction> instructions) {
		this.instructions = instructions;
	}

	static Dockerfile read() {
		try {
			return parse(Files.readString(PATH));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static Dockerfile parse(String text) {
		List<Instruction> instructions = new ArrayList<>();
		int stage = -1;
		String joined = text.replaceAll("\\\\\\R", " ");
		for (String line : joined.split("\\R")) {
			String trimmed = line.strip();
			if (trimmed.isEmpty() || trimmed.startsWith("#")) {
				continue;
			}
			String[] parts = trimmed.split("\\s+", 2);
			String keyword = parts[0].toUpperCase();
			if (keyword.equals("FROM")) {
				stage++;
			}
			instructions.add(new Instruction(stage, keyword, (parts.length > 1) ? parts[1].strip() : ""));
		}
		return new Dockerfile(instructions);
	}

	List<Instruction> instructions(int stage, String keyword) {
		return this.instructions.stream().filter((i) -> i.stage() == stage && i.keyword().equals(keyword)).toList();
	}

	int lastStage() {
		return this.instructions.get(this.instructions.size() - 1).stage();
	}

	/** The words of a shell-form RUN, split on spaces (none of ours quotes). */
	static List<String> words(Instruction run) {
		return Arrays.asList(run.arguments().split("\\s+"));
	}

	/** The final image's environment. */
	Map<String, String> env() {
		Map<String, String> env = new LinkedHashMap<>();
		for (Instruction instruction : instructions(lastStage(), "ENV")) {
			Matcher pair = ENV_PAIR.matcher(instruction.arguments());
			while (pair.find()) {
				env.put(pair.group(1), pair.group(2).replaceAll("^\"|\"$", ""));
			}
		}
		return env;
	}

	/** The final image's ENTRYPOINT in exec form. */
	List<String> entrypoint() {
		List<Instruction> entrypoints = instructions(lastStage(), "ENTRYPOINT");
		String json = entrypoints.get(entrypoints.size() - 1).arguments();
		List<String> words = new ArrayList<>();
		Matcher string = JSON_STRING.matcher(json);
		while (string.find()) {
			words.add(string.group(1));
		}
		return words;
	}

}
