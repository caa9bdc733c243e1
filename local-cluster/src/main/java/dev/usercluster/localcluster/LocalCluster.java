package dev.usercluster.localcluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import dev.usercluster.embedded.Ports;
import dev.usercluster.embedded.ServerProperties;
import dev.usercluster.follower.FollowerApplication;
import dev.usercluster.gateway.GatewayApplication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Runs the whole cluster in one JVM for a laptop: ZooKeeper, MariaDB and Redis (embedded
 * unless the environment names real ones), two followers and the gateway. It blocks until
 * Ctrl-C or SIGTERM, then stops everything it started, applications first.
 *
 * <p>
 * Started by {@code ./mvnw -q -pl local-cluster -am spring-boot:run}; data lives in
 * {@code .local/} at the repository root.
 */
public final class LocalCluster {

	private static final Logger logger = LoggerFactory.getLogger(LocalCluster.class);

	private static final int FOLLOWERS = 2;

	// Boot writes the application name into every log line through a JVM-wide system
	// property that the first application sets: here it would label the gateway's lines
	// "user-follower"
	private static final String APPLICATION_NAME_IN_LOGS = "logging.include-application-name";

	/** The gateway's port: 8080 unless {@code GATEWAY_PORT} names another. */
	private static final int GATEWAY_PORT = Integer.parseInt(System.getenv().getOrDefault("GATEWAY_PORT", "8080"));

	private final List<ConfigurableApplicationContext> applications = new ArrayList<>();

	private LocalServers servers;

	private LocalCluster() {
	}

	public static void main(String[] args) throws InterruptedException {
		LocalCluster cluster = new LocalCluster();
		Runtime.getRuntime().addShutdownHook(new Thread(cluster::stop, "local-cluster-stop"));
		// Ctrl-C and SIGTERM stop the applications before the JVM's shutdown hooks run:
		// embedded-redis stops its server in a hook of its own, which would otherwise
		// race the followers' graceful shutdown
		for (String signal : new String[] { "INT", "TERM" }) {
			Signal.handle(new Signal(signal), (received) -> {
				cluster.stop();
				System.exit(0);
			});
		}
		try {
			cluster.start(Path.of(".local").toAbsolutePath());
		}
		catch (PortTakenException ex) {
			logger.error(ex.getMessage());
			System.exit(1);
		}
		catch (Exception ex) {
			logger.error("The local cluster did not start: {}", ex.getMessage(), ex);
			System.exit(1);
		}
		new CountDownLatch(1).await();
	}

	private void start(Path dataDir) throws Exception {
		if (Ports.isTaken(GATEWAY_PORT)) {
			throw new PortTakenException("Port " + GATEWAY_PORT + " (the gateway's) is taken by another process: "
					+ "stop it, or start with GATEWAY_PORT=<a free port>");
		}
		this.servers = LocalServers.start(dataDir);
		// any free port: followers are found through ZooKeeper, never by a fixed address;
		// the gateway reaches them over loopback, where followers trust its
		// X-Forwarded-For (per-client throttling); a machine address would not be trusted
		ServerProperties follower = this.servers.follower()
			.with("server.port", "0")
			.with(APPLICATION_NAME_IN_LOGS, "false")
			.loopbackRegistration();
		List<String> followerUrls = new ArrayList<>();
		for (int i = 0; i < FOLLOWERS; i++) {
			ConfigurableApplicationContext context = startApplication(FollowerApplication.builder()
				.main(FollowerApplication.class)
				.registerShutdownHook(false)
				.run(arguments(follower)));
			followerUrls.add("http://127.0.0.1:" + port(context));
		}
		ServerProperties gatewayProperties = this.servers.gateway()
			.with("server.port", Integer.toString(GATEWAY_PORT))
			.with(APPLICATION_NAME_IN_LOGS, "false");
		startApplication(GatewayApplication.builder()
			.main(GatewayApplication.class)
			.registerShutdownHook(false)
			.run(arguments(gatewayProperties)));
		String gateway = "http://localhost:" + GATEWAY_PORT;
		logger.info("""

				Local cluster is up (Ctrl-C stops it).
				  gateway-master: {}/api/v1
				  Swagger UI:     {}/swagger-ui.html
				  followers:      {}
				  data:           {}
				""", gateway, gateway, String.join("  ", followerUrls), dataDir);
	}

	private static String[] arguments(ServerProperties properties) {
		return properties.asArguments().toArray(String[]::new);
	}

	private synchronized ConfigurableApplicationContext startApplication(ConfigurableApplicationContext context) {
		this.applications.add(context);
		return context;
	}

	private static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	private synchronized void stop() {
		for (int i = this.applications.size() - 1; i >= 0; i--) {
			this.applications.get(i).close();
		}
		this.applications.clear();
		if (this.servers != null) {
			this.servers.close();
			this.servers = null;
		}
	}

	/** A port the cluster needs is in use: said in one line, without a stack trace. */
	private static final class PortTakenException extends IllegalStateException {

		PortTakenException(String message) {
			super(message);
		}

	}

}
