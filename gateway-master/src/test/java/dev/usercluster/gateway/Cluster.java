package dev.usercluster.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.usercluster.follower.FollowerApplication;
import dev.usercluster.gateway.routing.FollowerInstances;
import dev.usercluster.testsupport.TestServers;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.awaitility.Awaitility.await;

/**
 * Followers and a gateway in this JVM, on the shared test servers (ZooKeeper in process,
 * MySQL and Redis from {@link TestServers}), each on a free port.
 */
final class Cluster implements AutoCloseable {

	static final Duration INSTANCE_WAIT = Duration.ofSeconds(1);

	static final Duration READ_TIMEOUT = Duration.ofSeconds(2);

	/** A GET that every follower answers without a session: 401 invalid-session. */
	static final String FOLLOWER_GET = "/api/v1/users/someone";

	/** The status a follower answers {@link #FOLLOWER_GET} with. */
	static final int FOLLOWER_GET_STATUS = 401;

	static final String ADMIN_TOKEN = "test-admin-token-0123456789abcdef";

	private final List<Follower> followers = new CopyOnWriteArrayList<>();

	private final ConfigurableApplicationContext gateway;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	Cluster(int followers) {
		this(followers, READ_TIMEOUT);
	}

	/**
	 * A cluster whose gateway waits {@code readTimeout} for a follower's answer (longer
	 * than the usual 2 s for tests that hash many passwords on a busy machine).
	 */
	Cluster(int followers, Duration readTimeout) {
		for (int i = 0; i < followers; i++) {
			startFollower();
		}
		this.gateway = GatewayApplication.builder()
			.run("--server.port=0", "--spring.cloud.zookeeper.connect-string=" + TestServers.zookeeperConnectString(),
					"--user-cluster.routing.instance-wait=" + INSTANCE_WAIT.toMillis() + "ms",
					"--user-cluster.routing.read-timeout=" + readTimeout.toMillis() + "ms");
		awaitKnown(followers);
	}

	Follower startFollower() {
		return startFollower(Map.of());
	}

	/**
	 * Start a follower.
	 * @param overrides properties that replace the usual ones
	 * @return the running follower
	 */
	Follower startFollower(Map<String, String> overrides) {
		Follower follower = new Follower(
				FollowerApplication.builder().sources(CallRecorder.class).run(followerArguments(overrides)));
		this.followers.add(follower);
		return follower;
	}

	/**
	 * Arguments that start a follower on the test servers.
	 * @param overrides properties that replace the usual ones
	 * @return command-line style arguments
	 */
	static String[] followerArguments(Map<String, String> overrides) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("server.port", "0");
		properties.put("spring.datasource.url", TestServers.jdbcUrl());
		properties.put("spring.datasource.username", TestServers.jdbcUsername());
		properties.put("spring.datasource.password", TestServers.jdbcPassword());
		properties.put("spring.datasource.hikari.maximum-pool-size", Integer.toString(TestServers.POOL_SIZE));
		properties.put("spring.data.redis.host", TestServers.redisHost());
		properties.put("spring.data.redis.port", Integer.toString(TestServers.redisPort()));
		properties.put("spring.data.redis.database", Integer.toString(TestServers.redisDatabase()));
		properties.put("spring.cloud.zookeeper.connect-string", TestServers.zookeeperConnectString());
		// reached over loopback, where the gateway is a trusted proxy
		properties.put("spring.cloud.zookeeper.discovery.instance-ip-address", "127.0.0.1");
		properties.put("spring.cloud.zookeeper.discovery.instance-host", "127.0.0.1");
		properties.put("user-cluster.discovery.drain-pause", "500ms");
		properties.put("user-cluster.admin.token", ADMIN_TOKEN);
		properties.putAll(overrides);
		return properties.entrySet()
			.stream()
			.map((property) -> "--" + property.getKey() + "=" + property.getValue())
			.toArray(String[]::new);
	}

	List<Follower> followers() {
		return this.followers;
	}

	/** Close followers, newest first, or start them until there are this many. */
	void resize(int count) {
		List<Follower> newestFirst = new ArrayList<>(this.followers);
		Collections.reverse(newestFirst);
		for (Follower follower : newestFirst) {
			if (this.followers.size() > count || !follower.context().isActive()) {
				stop(follower);
			}
		}
		while (this.followers.size() < count) {
			startFollower();
		}
		awaitKnown(count);
	}

	void stop(Follower follower) {
		follower.context().close();
		this.followers.remove(follower);
	}

	int knownFollowers() {
		return this.gateway.getBean(FollowerInstances.class).current().size();
	}

	void awaitKnown(int count) {
		await().atMost(Duration.ofSeconds(5)).until(() -> knownFollowers() == count);
	}

	URI uri(String path) {
		return URI.create("http://127.0.0.1:" + port(this.gateway) + path);
	}

	HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> get(String path) throws Exception {
		return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(15)));
	}

	HttpResponse<String> postJson(String path, String json) throws Exception {
		return send(HttpRequest.newBuilder(uri(path))
			.timeout(Duration.ofSeconds(15))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json)));
	}

	@Override
	public void close() {
		this.gateway.close();
		this.followers.forEach((follower) -> follower.context().close());
	}

	static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	record Follower(ConfigurableApplicationContext context) {

		int calls() {
			return this.context.getBean(CallRecorder.class).calls();
		}

		CallRecorder recorder() {
			return this.context.getBean(CallRecorder.class);
		}

		/** A crash as the gateway sees it: nothing answers, the ZooKeeper node stays. */
		void stopServingWithoutLeaving() {
			((WebServerApplicationContext) this.context).getWebServer().stop();
		}

	}

}
