package dev.usercluster.deploy;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.usercluster.deploy.Dockerfile.Instruction;
import dev.usercluster.testsupport.TestServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs the Dockerfile's steps without Docker, on the real jars: the builder stage's COPY
 * and RUN (Boot's layer extraction), the final stage's layered COPYs into one folder,
 * then its ENTRYPOINT there with its ENV, for the follower and the gateway against the
 * tests' MySQL, Redis and ZooKeeper. Both must come up from that layout and work
 * together.
 */
class DockerfileStepsIntegrationTests {

	private static final Duration START = Duration.ofSeconds(90);

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final List<Process> started = new ArrayList<>();

	@TempDir
	Path work;

	@AfterEach
	void stop() throws InterruptedException {
		for (Process process : this.started) {
			process.destroy();
		}
		for (Process process : this.started) {
			if (!process.waitFor(30, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
	}

	@Test
	void bothImagesStartFromTheirLayersAndServeTogether() throws Exception {
		Dockerfile dockerfile = Dockerfile.read();
		Path follower = image(dockerfile, "user-follower");
		Path gateway = image(dockerfile, "gateway-master");
		// BOOT-INF/lib comes from the dependencies layer, the loader from its own
		assertThat(follower.resolve("BOOT-INF/classes/db/migration")).isDirectory();
		assertThat(follower.resolve("org/springframework/boot/loader/launch/JarLauncher.class")).isRegularFile();

		int followerPort = freePort();
		int gatewayPort = freePort();
		start(dockerfile, follower, followerPort,
				Map.of("SPRING_DATASOURCE_URL", TestServers.jdbcUrl(), "SPRING_DATASOURCE_USERNAME",
						TestServers.jdbcUsername(), "SPRING_DATASOURCE_PASSWORD", TestServers.jdbcPassword(),
						"SPRING_DATA_REDIS_HOST", TestServers.redisHost(), "SPRING_DATA_REDIS_PORT",
						String.valueOf(TestServers.redisPort()), "SPRING_DATA_REDIS_DATABASE",
						String.valueOf(TestServers.redisDatabase()),
						"SPRING_CLOUD_ZOOKEEPER_DISCOVERY_INSTANCE_IP_ADDRESS", "127.0.0.1"));
		start(dockerfile, gateway, gatewayPort, Map.of());

		awaitStatus(followerPort, "/actuator/health/liveness", 200);
		awaitStatus(gatewayPort, "/actuator/health/liveness", 200);
		// ready once it has found the follower in ZooKeeper
		awaitStatus(gatewayPort, "/actuator/health/readiness", 200);

		String name = "img" + UUID.randomUUID().toString().substring(0, 8);
		HttpResponse<String> registered = this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatewayPort + "/api/v1/users"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + name + "\",\"password\":\"layered image\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(registered.statusCode()).as(registered.body()).isEqualTo(201);
	}

	/** The builder stage's steps, then the final stage's COPYs: the image's WORKDIR. */
	private Path image(Dockerfile dockerfile, String module) throws Exception {
		Path builder = Files.createDirectories(this.work.resolve(module).resolve("builder"));
		List<Instruction> copies = dockerfile.instructions(0, "COPY");
		assertThat(copies).singleElement()
			.satisfies((copy) -> assertThat(copy.arguments())
				.isEqualTo("${MODULE}/target/${MODULE}-*-exec.jar application.jar"));
		Files.copy(execJar(module), builder.resolve("application.jar"));
		for (Instruction run : dockerfile.instructions(0, "RUN")) {
			List<String> command = new ArrayList<>(Dockerfile.words(run));
			command.set(0, java());
			Process extract = new ProcessBuilder(command).directory(builder.toFile())
				.redirectErrorStream(true)
				.redirectOutput(builder.resolve("run.log").toFile())
				.start();
			assertThat(extract.waitFor(60, TimeUnit.SECONDS)).isTrue();
			assertThat(extract.exitValue()).as(Files.readString(builder.resolve("run.log"))).isZero();
		}
		Path application = Files.createDirectories(this.work.resolve(module).resolve("application"));
		List<Instruction> layers = dockerfile.instructions(dockerfile.lastStage(), "COPY");
		assertThat(layers).hasSize(4);
		for (Instruction copy : layers) {
			String[] words = copy.arguments().split("\\s+");
			assertThat(words[0]).isEqualTo("--from=builder");
			assertThat(words[2]).isEqualTo("./");
			copyTree(builder.resolve(words[1].replaceFirst("^/builder/", "")), application);
		}
		return application;
	}

	private void start(Dockerfile dockerfile, Path application, int port, Map<String, String> env) throws IOException {
		List<String> command = new ArrayList<>(dockerfile.entrypoint());
		assertThat(command.get(0)).isEqualTo("java");
		command.set(0, java());
		ProcessBuilder builder = new ProcessBuilder(command).directory(application.toFile())
			.redirectErrorStream(true)
			.redirectOutput(application.resolveSibling("application.log").toFile());
		builder.environment().putAll(dockerfile.env());
		// a test-only start-up speed-up beside the image's JAVA_TOOL_OPTIONS: read by the
		// java launcher only, it changes no flag the image sets
		builder.environment().put("JDK_JAVA_OPTIONS", "-XX:TieredStopAtLevel=1");
		// many runs share the test servers' Redis from 127.0.0.1: no registration cap
		builder.environment().put("USER_CLUSTER_THROTTLE_REGISTRATION_ATTEMPTS", "1000000");
		// the image's 8080 is the container's own; here it would collide
		builder.environment().put("SERVER_PORT", String.valueOf(port));
		builder.environment().put("SPRING_CLOUD_ZOOKEEPER_CONNECT_STRING", TestServers.zookeeperConnectString());
		builder.environment().putAll(env);
		this.started.add(builder.start());
	}

	private void awaitStatus(int port, String path, int status) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(2))
			.build();
		await().atMost(START).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
			assertThat(this.started).allMatch(Process::isAlive);
			assertThat(this.http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(status);
		});
	}

	private static Path execJar(String module) throws IOException {
		try (DirectoryStream<Path> jars = Files.newDirectoryStream(Path.of("..", module, "target"),
				module + "-*-exec.jar")) {
			List<Path> found = new ArrayList<>();
			jars.forEach(found::add);
			assertThat(found).as("the runnable jar of " + module + " (built by the reactor)").hasSize(1);
			return found.get(0);
		}
	}

	// what the Dockerfile's COPY src/ ./ does: the folder's contents, merged
	private static void copyTree(Path from, Path to) throws IOException {
		try (Stream<Path> paths = Files.walk(from)) {
			for (Path source : (Iterable<Path>) paths::iterator) {
				Path target = to.resolve(from.relativize(source).toString());
				if (Files.isDirectory(source)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
				}
			}
		}
	}

	private static String java() {
		return Path.of(System.getProperty("java.home"), "bin", "java").toString();
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
