package dev.usercluster.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * Turns a run's {@code results.tsv} (one row per load run: scenario, target, concurrency,
 * throughput, latencies in ms, requests, errors), {@code processes.tsv} (CPU seconds and
 * peak RSS of each process per run) and {@code summary.tsv} (ratios and other single
 * figures) into {@code results.md} and {@code throughput.png}.
 */
final class Report {

	private Report() {
	}

	static void run(Path dir, Path out) throws IOException {
		List<String[]> results = rows(dir.resolve("results.tsv"));
		List<String[]> processes = rows(dir.resolve("processes.tsv"));
		List<String[]> summary = rows(dir.resolve("summary.tsv"));
		StringBuilder md = new StringBuilder();
		md.append("| scenario | via | conc. | req/s | p50 ms | p90 ms | p99 ms | max ms | requests | errors |\n");
		md.append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|\n");
		for (String[] r : results) {
			md.append("| ").append(String.join(" | ", r)).append(" |\n");
		}
		md.append("\nCPU seconds and peak RSS (MB) of each process during each run:\n\n");
		Map<String, Map<String, String>> byRun = new LinkedHashMap<>();
		List<String> names = new ArrayList<>();
		for (String[] p : processes) {
			String run = p[0] + " | " + p[1] + " | " + p[2];
			if (!names.contains(p[3])) {
				names.add(p[3]);
			}
			byRun.computeIfAbsent(run, (k) -> new LinkedHashMap<>()).put(p[3], p[4] + " s, " + p[5] + " MB");
		}
		md.append("| scenario | via | conc. | ").append(String.join(" | ", names)).append(" |\n");
		md.append("|---|---|--:|").append("--:|".repeat(names.size())).append('\n');
		byRun.forEach((run, values) -> {
			md.append("| ").append(run);
			for (String name : names) {
				md.append(" | ").append(values.getOrDefault(name, ""));
			}
			md.append(" |\n");
		});
		md.append("\n| figure | value |\n|---|--:|\n");
		for (String[] s : summary) {
			md.append("| ").append(s[0]).append(" | ").append(s[1]).append(" |\n");
		}
		Files.writeString(out.resolve("results.md"), md);
		chart(results, out.resolve("throughput.png"));
	}

	private static void chart(List<String[]> results, Path png) throws IOException {
		Map<String, Map<String, Double>> series = new LinkedHashMap<>();
		List<String> scenarios = new ArrayList<>();
		for (String[] r : results) {
			if (!r[1].equals("gateway") || r[0].contains("(")) {
				continue;
			}
			if (!scenarios.contains(r[0])) {
				scenarios.add(r[0]);
			}
			series.computeIfAbsent("concurrency " + r[2], (k) -> new LinkedHashMap<>())
				.put(r[0], Double.parseDouble(r[3]));
		}
		System.setProperty("java.awt.headless", "true");
		CategoryChart chart = new CategoryChartBuilder().width(1000)
			.height(500)
			.title("user-cluster through the gateway (2 followers), requests/s, log scale")
			.yAxisTitle("requests/s")
			.build();
		chart.getStyler().setYAxisLogarithmic(true);
		chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
		chart.getStyler().setXAxisLabelRotation(20);
		chart.getStyler().setLabelsVisible(true);
		for (Map.Entry<String, Map<String, Double>> entry : series.entrySet()) {
			List<Double> values = new ArrayList<>();
			for (String scenario : scenarios) {
				values.add(Math.max(0.1, entry.getValue().getOrDefault(scenario, 0.1)));
			}
			chart.addSeries(entry.getKey(), scenarios, values);
		}
		BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
	}

	private static List<String[]> rows(Path file) throws IOException {
		List<String[]> rows = new ArrayList<>();
		if (Files.exists(file)) {
			for (String line : Files.readAllLines(file)) {
				if (!line.isBlank()) {
					rows.add(line.split("\t"));
				}
			}
		}
		return rows;
	}

}
