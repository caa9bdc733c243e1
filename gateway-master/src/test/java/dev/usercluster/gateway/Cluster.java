package dev.usercluster.gateway;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.usercluster.embedded.ServerProperties;
import dev.usercluster.follower.FollowerApplication;
import dev.usercluster.gateway.routing.FollowerInstances;
import dev.usercluster.testsupport.TestServers;

import tools.jackson.databind.json.JsonMapper;

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

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** A GET that every follower answers without a session: 401 invalid-session. */
	static final String FOLLOWER_GET = "/api/v1/users/someone";

	/** The status a follower answers {@link #FOLLOWER_GET} with. */
	static final int FOLLOWER_GET_STATUS = 401;

	static final String ADMIN_TOKEN = "test-admin-token-0123456789abcdef";

	private final List<Follower> followers = new CopyOnWriteArrayList<>();

	private final ServerProperties followerProperties;

	private final ConfigurableApplicationContext gateway;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private final String gatewayHost;

	Cluster(int followers) {
		this(followers, followerProperties(), READ_TIMEOUT);
	}

	/**
	 * Start followers and a gateway.
	 * @param followers how many followers
	 * @param followerProperties the properties of every follower this cluster starts,
	 * usually {@link #followerProperties()} with a change
	 * @param readTimeout how long the gateway waits for a follower's answer
	 */
	Cluster(int followers, ServerProperties followerProperties, Duration readTimeout) {
		this(followers, followerProperties, readTimeout, Map.of());
	}

	/**
	 * Start followers and a gateway.
	 * @param followers how many followers
	 * @param followerOverrides properties that replace the usual ones on every follower
	 * {@link #startFollower()} starts
	 * @param gatewayOverrides properties that replace the usual ones on the gateway
	 */
	Cluster(int followers, Map<String, String> followerOverrides, Map<String, String> gatewayOverrides) {
		this(followers, withAll(followerProperties(), followerOverrides), READ_TIMEOUT, gatewayOverrides);
	}

	private Cluster(int followers, ServerProperties followerProperties, Duration readTimeout,
			Map<String, String> gatewayOverrides) {
		this.followerProperties = followerProperties;
		for (int i = 0; i < followers; i++) {
			startFollower();
		}
		this.gatewayHost = gatewayOverrides.getOrDefault("server.address", "127.0.0.1");
		this.gateway = GatewayApplication.builder()
			.run(arguments(withAll(TestServers.gateway()
				.with("server.port", "0")
				.with("user-cluster.routing.instance-wait", INSTANCE_WAIT.toMillis() + "ms")
				.with("user-cluster.routing.read-timeout", readTimeout.toMillis() + "ms"), gatewayOverrides)));
		awaitKnown(followers);
	}

	Follower startFollower() {
		return startFollower(this.followerProperties);
	}

	/** Where the gateway listens. */
	InetSocketAddress gatewayAddress() {
		return new InetSocketAddress(this.gatewayHost, port(this.gateway));
	}

	private static ServerProperties withAll(ServerProperties properties, Map<String, String> overrides) {
		ServerProperties all = properties;
		for (Map.Entry<String, String> override : overrides.entrySet()) {
			all = all.with(override.getKey(), override.getValue());
		}
		return all;
	}

	/**
	 * Start a follower.
	 * @param properties its properties, usually {@link #followerProperties()} with a
	 * change
	 * @return the running follower
	 */
	Follower startFollower(ServerProperties properties) {
		Follower follower = new Follower(
				FollowerApplication.builder().sources(CallRecorder.class).run(arguments(properties)));
		this.followers.add(follower);
		return follower;
	}

	/**
	 * Properties that start a follower of this cluster on the test servers.
	 * @return the properties, to change or pass on
	 */
	static ServerProperties followerProperties() {
		return TestServers.follower()
			.with("server.port", "0")
			.with("user-cluster.discovery.drain-pause", "500ms")
			.with("user-cluster.admin.token", ADMIN_TOKEN);
	}

	static String[] arguments(ServerProperties properties) {
		return properties.asArguments().toArray(String[]::new);
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

	ConfigurableApplicationContext gateway() {
		return this.gateway;
	}

	int gatewayPort() {
		return port(this.gateway);
	}

	URI uri(String path) {
		return URI.create("http://" + this.gatewayHost + ":" + port(this.gateway) + path);
	}

	HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	HttpResponse<String> get(String path) throws Exception {
		return send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(15)));
	}

	/** Post a record (or map) as JSON. */
	HttpResponse<String> post(String path, Object body) throws Exception {
		return postJson(path, JSON.writeValueAsString(body));
	}

	/** Post a body as it is, for tests of malformed JSON. */
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
