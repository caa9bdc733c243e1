package dev.usercluster.systemtests;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import dev.usercluster.systemtests.load.Answer;

/**
 * Figures a fault test prints, one block per fault, prefixed so they are easy to find.
 */
final class Report {

	private Report() {
	}

	static void print(String fault, List<Answer> answers, Map<String, String> figures) {
		StringBuilder out = new StringBuilder();
		out.append("\n[fault] ").append(fault).append('\n');
		figures.forEach((name, value) -> out.append("[fault]   ").append(name).append(": ").append(value).append('\n'));
		Map<String, Long> byOutcome = answers.stream()
			.collect(Collectors.groupingBy((answer) -> answer.call() + " " + outcome(answer), TreeMap::new,
					Collectors.counting()));
		out.append("[fault]   answers: ").append(answers.size()).append(' ').append(byOutcome).append('\n');
		long slowest = answers.stream().mapToLong(Answer::durationMillis).max().orElse(0);
		out.append("[fault]   slowest call: ").append(slowest).append(" ms\n");
		System.out.print(out);
	}

	private static String outcome(Answer answer) {
		if (answer.status() < 0) {
			return "no-answer";
		}
		return answer.status() + ((answer.code() != null) ? " " + answer.code() : "");
	}

	static String seconds(long millis) {
		return String.format("%.1f s", millis / 1000.0);
	}

}
