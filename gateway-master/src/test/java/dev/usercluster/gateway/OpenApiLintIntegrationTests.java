package dev.usercluster.gateway;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.usercluster.follower.FollowerApplication;
import dev.usercluster.testsupport.JsonClient;
import dev.usercluster.testsupport.JsonClient.Answer;
import dev.usercluster.testsupport.TestServers;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The OpenAPI documents the gateway and a follower serve ({@code /v3/api-docs}) pass
 * Redocly CLI's {@code recommended} rules. The documents are written to
 * {@code target/openapi/} and linted with {@code redocly lint}: the command named by
 * {@code REDOCLY} (as {@code .ci/run} sets it after installing {@code @redocly/cli} from
 * the npm registry), else {@code redocly} on the {@code PATH}. Without either the test is
 * skipped on a developer's machine and fails in CI ({@code CI=true}).
 */
class OpenApiLintIntegrationTests {

	private static final Path OUT = Path.of("target", "openapi").toAbsolutePath();

	@Test
	void gatewayAndFollowerDocumentsPassTheRecommendedRules() throws Exception {
		List<String> redocly = redocly();
		Files.createDirectories(OUT);
		Path follower;
		Path gateway;
		try (ConfigurableApplicationContext followerApp = FollowerApplication.builder()
			.run(Cluster.arguments(Cluster.followerProperties()
				.with("server.port", "0")
				.with("spring.cloud.zookeeper.discovery.register", "false")))) {
			follower = document(followerApp, "follower.json");
		}
		try (ConfigurableApplicationContext gatewayApp = GatewayApplication.builder()
			.run(Cluster.arguments(TestServers.gateway().with("server.port", "0")))) {
			gateway = document(gatewayApp, "gateway.json");
		}
		for (Path document : List.of(gateway, follower)) {
			Path report = OUT.resolve(document.getFileName() + ".lint.txt");
			List<String> command = new ArrayList<>(redocly);
			command.addAll(List.of("lint", "--extends=recommended", "--format=stylish", document.toString()));
			Process lint = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(report.toFile())
				.start();
			assertThat(lint.waitFor(180, TimeUnit.SECONDS)).as("redocly lint finished").isTrue();
			String output = Files.readString(report, StandardCharsets.UTF_8);
			assertThat(lint.exitValue()).as("redocly lint %s:%n%s", document, output).isZero();
			assertThat(output.lines().filter((line) -> line.matches("\\s*\\d+:\\d+\\s+warning\\s.*")))
				.as("warnings of redocly lint %s", document)
				.isEmpty();
		}
	}

	private static Path document(ConfigurableApplicationContext app, String fileName) throws IOException {
		int port = ((WebServerApplicationContext) app).getWebServer().getPort();
		Answer answer = JsonClient.to("http://127.0.0.1:" + port, Map.of())
			.send("GET", "/v3/api-docs", null, (String) null);
		assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
		Path document = OUT.resolve(fileName);
		Files.writeString(document, answer.body(), StandardCharsets.UTF_8);
		return document;
	}

	/** The command that runs Redocly CLI. */
	private static List<String> redocly() {
		String given = System.getenv("REDOCLY");
		if (given != null && !given.isBlank()) {
			return List.of(given);
		}
		String path = System.getenv("PATH");
		if (path != null) {
			for (String directory : path.split(File.pathSeparator)) {
				if (Files.isExecutable(Path.of(directory, "redocly"))) {
					return List.of(Path.of(directory, "redocly").toString());
				}
			}
		}
		String missing = "Redocly CLI not found: set REDOCLY to its command (npm install @redocly/cli) "
				+ "or put redocly on the PATH";
		if ("true".equals(System.getenv("CI"))) {
			fail(missing);
		}
		Assumptions.abort(missing);
		return List.of();
	}

}
