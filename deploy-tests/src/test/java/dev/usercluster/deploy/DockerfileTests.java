package dev.usercluster.deploy;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static dev.usercluster.deploy.RenderedChart.container;
import static dev.usercluster.deploy.RenderedChart.env;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the image promises, read from the Dockerfile; and that the chart, which sets its
 * own JVM options, keeps the image's.
 */
class DockerfileTests {

	private final Dockerfile dockerfile = Dockerfile.read();

	@Test
	void buildsInTwoStagesAndRunsAsANonRootUser() {
		assertThat(this.dockerfile.lastStage()).isEqualTo(1);
		assertThat(this.dockerfile.instructions(1, "USER")).singleElement()
			.satisfies((user) -> assertThat(user.arguments()).isEqualTo("10001:10001"));
		assertThat(this.dockerfile.instructions(0, "RUN")).singleElement()
			.satisfies((run) -> assertThat(run.arguments()).contains("-Djarmode=tools", "extract", "--layers"));
	}

	@Test
	void theChartKeepsTheImagesJvmFlags() {
		List<String> imageFlags = Arrays.stream(this.dockerfile.env().get("JAVA_TOOL_OPTIONS").split(" "))
			// the chart sizes the heap per service
			.filter((flag) -> !flag.startsWith("-XX:MaxRAMPercentage="))
			.toList();
		assertThat(imageFlags).contains("--enable-native-access=ALL-UNNAMED", "-XX:+ExitOnOutOfMemoryError");
		RenderedChart chart = RenderedChart.render();
		for (Map<String, Object> deployment : chart.ofKind("Deployment")) {
			String chartFlags = (String) env(container(deployment), "JAVA_TOOL_OPTIONS").get("value");
			assertThat(chartFlags.split(" ")).contains(imageFlags.toArray(String[]::new))
				.anyMatch((flag) -> flag.startsWith("-XX:MaxRAMPercentage="));
		}
	}

}
