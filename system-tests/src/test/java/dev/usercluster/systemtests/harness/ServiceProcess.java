package dev.usercluster.systemtests.harness;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.usercluster.embedded.Ports;

/**
 * A runnable Spring Boot jar ({@code java -jar}) on 127.0.0.1 and a port of its own,
 * configured by command-line properties, ready once its readiness probe says UP. It runs
 * on the JVM that runs the tests.
 */
public class ServiceProcess extends ManagedProcess {

	private static final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(1))
		.build();

	private final Path jar;

	private final Map<String, String> properties;

	private volatile int port;

	private volatile Path loaderPath;

	/**
	 * @param name what logs call it
	 * @param directory its working folder (logs)
	 * @param jar the runnable jar
	 * @param properties Spring properties, passed as {@code --name=value}
	 */
	public ServiceProcess(String name, Path directory, Path jar, Map<String, String> properties) {
		super(name, directory);
		if (!Files.isRegularFile(jar)) {
			throw new IllegalStateException(jar + " is missing: build it first (./mvnw package -DskipTests)");
		}
		this.jar = jar;
		this.properties = new LinkedHashMap<>(properties);
		this.port = Ports.free();
	}

	/**
	 * Start again on a new free port (a redeployed instance); the old one may be taken by
	 * now.
	 * @return this process
	 */
	public synchronized ServiceProcess restartOnNewPort() {
		stop();
		this.port = Ports.free();
		start();
		return this;
	}

	/**
	 * Start with further classes (a test-only hook) on the application's class path.
	 * @param loaderPath a folder or jar
	 * @return this process
	 */
	public ServiceProcess withLoaderPath(Path loaderPath) {
		this.loaderPath = loaderPath;
		return this;
	}

	public int port() {
		return this.port;
	}

	public URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

	@Override
	protected List<String> command() {
		String java = ProcessHandle.current().info().command().orElse("java");
		List<String> command = new ArrayList<>(
				List.of(java, "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
		if (this.loaderPath != null) {
			// Boot's PropertiesLauncher adds loader.path to the jar's own class path
			command.addAll(List.of("-Dloader.path=" + this.loaderPath, "-cp", this.jar.toString(),
					"org.springframework.boot.loader.launch.PropertiesLauncher"));
		}
		else {
			command.addAll(List.of("-jar", this.jar.toString()));
		}
		command.addAll(List.of("--server.port=" + this.port, "--server.address=127.0.0.1"));
		this.properties.forEach((name, value) -> command.add("--" + name + "=" + value));
		return command;
	}

	@Override
	protected boolean isReady() {
		return status("/actuator/health/readiness") == 200;
	}

	/**
	 * The status of a GET on this service, or -1 when it does not answer within 2 s.
	 * @param path the path
	 * @return the status
	 */
	public int status(String path) {
		HttpResponse<String> response = get(path);
		return (response != null) ? response.statusCode() : -1;
	}

	/**
	 * A GET on this service, or {@code null} when it does not answer within 2 s.
	 * @param path the path
	 * @return the response
	 */
	public HttpResponse<String> get(String path) {
		try {
			return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(2)).build(),
					HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			return null;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return null;
		}
	}

	/**
	 * The sum of a Prometheus metric over its series whose labels contain a text.
	 * @param name the metric, {@code http_server_requests_seconds_count} say
	 * @param labelText text the labels must contain, {@code uri="/api} say
	 * @return the sum, or -1 when the metrics could not be read
	 */
	public double metric(String name, String labelText) {
		HttpResponse<String> response = get("/actuator/prometheus");
		if (response == null || response.statusCode() != 200) {
			return -1;
		}
		return response.body()
			.lines()
			.filter((line) -> line.startsWith(name + "{") || line.startsWith(name + " "))
			.filter((line) -> line.contains(labelText))
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

	@Override
	protected int startAttempts() {
		return 2;
	}

	/** Generous: on two cores shared with other builds a follower took over 2 minutes. */
	@Override
	protected Duration startupWait() {
		return Duration.ofSeconds(240);
	}

}
