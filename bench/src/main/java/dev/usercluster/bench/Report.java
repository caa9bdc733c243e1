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
 * figures) into {@code results.md} and {@code throughput.png}. The tables are written
 * first, so that a chart that cannot be drawn (no fonts on the machine, say) loses
 * nothing but the picture.
 */
final class Report {

	private Report() {
	}

	/**
	 * Write the report.
	 * @param dir the run's folder, with its {@code .tsv} files
	 * @param out where {@code results.md} and {@code throughput.png} go
	 * @return whether the chart was written too ({@code results.md} always is)
	 * @throws IOException when a file cannot be read or {@code results.md} written
	 */
	static boolean run(Path dir, Path out) throws IOException {
		// before any AWT class loads: the chart is drawn off-screen
		System.setProperty("java.awt.headless", "true");
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
		try {
			chart(results, out.resolve("throughput.png"));
			return true;
		}
		catch (Exception | Error ex) {
			// AWT without fonts fails with an Error or a NullPointerException from its
			// font configuration
			Files.deleteIfExists(out.resolve("throughput.png"));
			System.err.println("throughput.png not written (" + ex + "); results.md was. Without fonts, AWT cannot "
					+ "draw text: on Debian, apt-get install fontconfig fonts-dejavu-core");
			return false;
		}
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
		CategoryChart chart = new CategoryChartBuilder().width(1000)
			.height(500)
			.title("user-cluster through the gateway (2 followers), requests/s, log scale")
			.yAxisTitle("requests/s")
			.build();
		chart.getStyler().setYAxisLogarithmic(true);
		// a bar chart's axis starts at 0 unless told otherwise, which a log scale refuses
		// (XChart: "cannot be less or equal to zero for a logarithmic Y-Axis")
		chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(smallest(series)))));
		// beside the plot, where no bar runs under it; whole numbers, not "1E3"
		chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
		chart.getStyler().setYAxisDecimalPattern("#,##0.#");
		chart.getStyler().setXAxisLabelRotation(20);
		chart.getStyler().setLabelsVisible(true);
		for (Map.Entry<String, Map<String, Double>> entry : series.entrySet()) {
			List<Double> values = new ArrayList<>();
			for (String scenario : scenarios) {
				values.add(Math.max(SMALLEST, entry.getValue().getOrDefault(scenario, SMALLEST)));
			}
			chart.addSeries(entry.getKey(), scenarios, values);
		}
		BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
	}

	/** Rate drawn for a run that completed nothing (a log scale has no 0). */
	private static final double SMALLEST = 0.1;

	private static double smallest(Map<String, Map<String, Double>> series) {
		double smallest = Double.MAX_VALUE;
		for (Map<String, Double> values : series.values()) {
			for (double value : values.values()) {
				smallest = Math.min(smallest, Math.max(SMALLEST, value));
			}
		}
		return (smallest == Double.MAX_VALUE) ? 1 : smallest;
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
