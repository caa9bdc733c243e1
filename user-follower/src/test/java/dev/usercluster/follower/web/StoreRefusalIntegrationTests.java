package dev.usercluster.follower.web;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.usercluster.testsupport.JsonClient.Answer;
import dev.usercluster.embedded.Ports;
import dev.usercluster.embedded.ServerProperties;
import dev.usercluster.follower.FollowerApplication;
import dev.usercluster.testsupport.JsonClient;
import dev.usercluster.testsupport.TestServers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.util.FileSystemUtils;

import static dev.usercluster.testsupport.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Real stores refusing to serve: a private Redis made a replica (READONLY), reloading its
 * data (LOADING), out of memory (OOM) and with an evicting policy, and a private MariaDB
 * set read-only while the follower connects as a user without SUPER. Every refusal is 503
 * {@code store-unavailable}, never 500. The shared servers are never touched.
 */
class StoreRefusalIntegrationTests {

	private static final Path DIR = Path.of("target", "store-refusal-" + UUID.randomUUID().toString().substring(0, 8))
		.toAbsolutePath();

	private static final String PASSWORD = "pass-word-1";

	private static final List<Process> processes = new ArrayList<>();

	private static int redisPort;

	private static int mysqlPort;

	private static ConfigurableApplicationContext follower;

	private static ApiClient api;

	private static String name;

	@BeforeAll
	static void start() throws Exception {
		Files.createDirectories(DIR);
		redisPort = Ports.free();
		start("redis", "redis-server", "--port", Integer.toString(redisPort), "--bind", "127.0.0.1", "--save", "",
				"--appendonly", "no", "--dir", DIR.toString(), "--enable-debug-command", "yes");
		mysqlPort = Ports.free();
		Path data = DIR.resolve("mariadb");
		Process install = new ProcessBuilder("mariadb-install-db", "--no-defaults", "--user=root", "--datadir=" + data,
				"--auth-root-authentication-method=normal", "--skip-test-db")
			.redirectErrorStream(true)
			.redirectOutput(DIR.resolve("mariadb-install.log").toFile())
			.start();
		assertThat(install.waitFor(120, TimeUnit.SECONDS)).as("mariadb-install-db finished").isTrue();
		assertThat(install.exitValue()).as("mariadb-install-db, see %s", DIR).isZero();
		start("mariadb", "mariadbd", "--no-defaults", "--datadir=" + data, "--port=" + mysqlPort,
				"--bind-address=127.0.0.1", "--socket=" + data.resolve("sock"), "--user=root");
		await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
			asRoot("CREATE DATABASE IF NOT EXISTS uc");
			return true;
		});
		asRoot("CREATE USER 'uc'@'127.0.0.1' IDENTIFIED BY 'uc-password'");
		asRoot("GRANT ALL ON uc.* TO 'uc'@'127.0.0.1'");
		await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> redis("PING").contains("PONG"));
		// the usual test wiring with the private stores in place of the shared ones
		ServerProperties servers = TestServers.follower()
			.mysql("jdbc:mysql://127.0.0.1:" + mysqlPort + "/uc", "uc", "uc-password")
			.redis("127.0.0.1", redisPort, 0)
			.with("server.port", "0")
			.with("spring.cloud.zookeeper.discovery.register", "false");
		follower = FollowerApplication.builder().run(servers.asArguments().toArray(String[]::new));
		api = new ApiClient(((WebServerApplicationContext) follower).getWebServer().getPort(), "10.1.2.3");
		name = "s" + UUID.randomUUID().toString().substring(0, 8);
		assertThat(api.register(name, PASSWORD).statusCode()).isEqualTo(201);
	}

	@AfterAll
	static void stop() throws Exception {
		if (follower != null) {
			follower.close();
		}
		for (Process process : processes) {
			process.destroy();
			if (!process.waitFor(20, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		FileSystemUtils.deleteRecursively(DIR.resolve("mariadb"));
	}

	@Test
	void redisReplicaAnsweringReadOnlyIsStoreUnavailable() throws Exception {
		// a replica of a master that is not there: it stays a read-only replica
		redis("REPLICAOF", "127.0.0.1", Integer.toString(Ports.free()));
		try {
			assertUnavailable(api.login(name, PASSWORD));
			assertUnavailable(api.login(name, "wrong password"));
		}
		finally {
			redis("REPLICAOF", "NO", "ONE");
		}
		assertLoginWorks();
	}

	@Test
	void redisLoadingItsDataIsStoreUnavailable() throws Exception {
		redis("DEBUG", "POPULATE", "1000", "pad", "100");
		// about 5 s of loading, answering other clients every 1 KiB read
		redis("CONFIG", "SET", "key-load-delay", "5000");
		redis("CONFIG", "SET", "loading-process-events-interval-bytes", "1024");
		Process reload = new ProcessBuilder("redis-cli", "-p", Integer.toString(redisPort), "DEBUG", "RELOAD")
			.redirectErrorStream(true)
			.redirectOutput(DIR.resolve("reload.log").toFile())
			.start();
		try {
			await().atMost(Duration.ofSeconds(10)).until(() -> redis("INFO", "persistence").contains("loading:1"));
			assertUnavailable(api.login(name, PASSWORD));
		}
		finally {
			assertThat(reload.waitFor(60, TimeUnit.SECONDS)).as("DEBUG RELOAD finished").isTrue();
			redis("CONFIG", "SET", "key-load-delay", "0");
		}
		assertLoginWorks();
	}

	@Test
	void redisOutOfMemoryIsStoreUnavailable() throws Exception {
		redis("CONFIG", "SET", "maxmemory", "1");
		try {
			assertUnavailable(api.login(name, PASSWORD));
		}
		finally {
			redis("CONFIG", "SET", "maxmemory", "0");
		}
		assertLoginWorks();
	}

	@Test
	void readinessIsDownUnlessRedisRefusesToEvict() throws Exception {
		assertThat(readiness()).isEqualTo(200);
		redis("CONFIG", "SET", "maxmemory-policy", "allkeys-lru");
		try {
			assertThat(readiness()).isEqualTo(503);
		}
		finally {
			redis("CONFIG", "SET", "maxmemory-policy", "noeviction");
		}
		assertThat(readiness()).isEqualTo(200);
	}

	@Test
	void mysqlReadOnlyIsStoreUnavailableForAUserWithoutSuper() throws Exception {
		asRoot("SET GLOBAL read_only = 1");
		try {
			Answer response = api.register(name + "ro", PASSWORD);
			assertUnavailable(response);
			assertThat(response.body()).doesNotContain("read-only").doesNotContain("MariaDB");
		}
		finally {
			asRoot("SET GLOBAL read_only = 0");
		}
		assertThat(api.register(name + "rw", PASSWORD).statusCode()).isEqualTo(201);
	}

	private static void assertUnavailable(Answer response) {
		assertProblem(response, 503, "store-unavailable");
		assertThat(response.headers().firstValue("Retry-After")).isPresent();
	}

	private static void assertLoginWorks() {
		Answer login = api.login(name, PASSWORD);
		assertThat(login.statusCode()).as(login.body()).isEqualTo(201);
		assertThat(
				api.send("DELETE", "/sessions/current", ApiClient.bearer(ApiClient.body(login).get("token").asString()))
					.statusCode())
			.isEqualTo(204);
	}

	private static int readiness() {
		int port = ((WebServerApplicationContext) follower).getWebServer().getPort();
		return JsonClient.to("http://127.0.0.1:" + port, Map.of())
			.send("GET", "/actuator/health/readiness", null, (String) null)
			.statusCode();
	}

	private static void start(String logName, String... command) throws IOException {
		processes.add(new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(DIR.resolve(logName + ".log").toFile())
			.start());
	}

	private static String redis(String... command) throws Exception {
		List<String> line = new ArrayList<>(List.of("redis-cli", "-p", Integer.toString(redisPort)));
		line.addAll(List.of(command));
		File out = DIR.resolve("redis-cli.out").toFile();
		Process process = new ProcessBuilder(line).redirectErrorStream(true).redirectOutput(out).start();
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("redis-cli %s", line).isTrue();
		return Files.readString(out.toPath(), StandardCharsets.UTF_8);
	}

	private static void asRoot(String sql) throws SQLException {
		try (Connection connection = DriverManager
			.getConnection("jdbc:mysql://127.0.0.1:" + mysqlPort + "/?connectTimeout=2000", "root", "");
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
