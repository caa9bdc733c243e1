package dev.usercluster.gateway.routing;

import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import org.apache.curator.x.discovery.ServiceDiscovery;
import org.apache.curator.x.discovery.ServiceInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.usercluster.gateway.Calls;
import dev.usercluster.gateway.Cluster;
import dev.usercluster.gateway.Scenarios;

import org.springframework.cloud.zookeeper.discovery.ZookeeperInstance;
import org.springframework.cloud.zookeeper.support.StatusConstants;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Which failures are retried on another follower: a real follower next to a fake one
 * registered in ZooKeeper that either never answers or answers 503 like a draining
 * server.
 */
class GatewayRetryIntegrationTests {

	private static ConfigurableApplicationContext follower;

	private static ConfigurableApplicationContext gateway;

	private static Calls calls;

	private final CountDownLatch release = new CountDownLatch(1);

	private HttpServer fake;

	private ServiceInstance<ZookeeperInstance> fakeRegistration;

	@BeforeAll
	static void startCluster() {
		follower = Cluster.follower();
		gateway = Cluster.gateway("--user-cluster.gateway.followers.read-timeout=2s");
		calls = new Calls(Cluster.port(gateway));
		// a cold follower's first calls may take longer than the short read timeout
		Calls direct = new Calls(Cluster.port(follower));
		for (int i = 0; i < 3; i++) {
			assertThat(Scenarios.register(direct, Scenarios.newName()).statusCode()).isEqualTo(201);
		}
	}

	@AfterAll
	static void stopCluster() {
		Cluster.close(gateway, follower);
	}

	@AfterEach
	void stopFake() throws Exception {
		if (this.fakeRegistration != null) {
			discovery().unregisterService(this.fakeRegistration);
		}
		this.release.countDown();
		if (this.fake != null) {
			this.fake.stop(0);
		}
	}

	@Test
	void unansweredGetIsRetriedElsewhereButUnansweredPostIsNot() throws Exception {
		startFake((exchange) -> {
			try {
				this.release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			exchange.close();
		});
		for (int i = 0; i < 4; i++) {
			HttpResponse<String> get = calls.get("/api/v1/sessions/current", null);
			assertThat(get.statusCode()).as(get.body()).isEqualTo(401);
		}
		int followerFailed = 0;
		for (int i = 0; i < 4; i++) {
			HttpResponse<String> post = Scenarios.register(calls, Scenarios.newName());
			if (post.statusCode() == 502) {
				assertThat(Calls.body(post).get("code").asString()).isEqualTo("follower-failed");
				followerFailed++;
			}
			else {
				assertThat(post.statusCode()).as(post.body()).isEqualTo(201);
			}
		}
		// round-robin sends every other call to the silent follower
		assertThat(followerFailed).isEqualTo(2);
	}

	@Test
	void drainingFollowers503IsRetriedElsewhereForEveryMethod() throws Exception {
		startFake((exchange) -> {
			// a server reads the request before it answers, as Tomcat does while pausing
			exchange.getRequestBody().readAllBytes();
			exchange.sendResponseHeaders(503, -1);
			exchange.close();
		});
		for (int i = 0; i < 4; i++) {
			HttpResponse<String> post = Scenarios.register(calls, Scenarios.newName());
			assertThat(post.statusCode()).as(post.body()).isEqualTo(201);
		}
	}

	private void startFake(HttpHandler handler) throws Exception {
		this.fake = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.fake.setExecutor(Executors.newCachedThreadPool());
		this.fake.createContext("/", handler);
		this.fake.start();
		String id = UUID.randomUUID().toString();
		this.fakeRegistration = ServiceInstance.<ZookeeperInstance>builder()
			.id(id)
			.name(FollowerClientConfiguration.SERVICE_ID)
			.address("127.0.0.1")
			.port(this.fake.getAddress().getPort())
			.payload(new ZookeeperInstance(id, FollowerClientConfiguration.SERVICE_ID,
					Map.of(StatusConstants.INSTANCE_STATUS_KEY, StatusConstants.STATUS_UP)))
			.build();
		discovery().registerService(this.fakeRegistration);
		await().atMost(Duration.ofSeconds(5))
			.until(() -> gateway.getBean(FollowerInstances.class).current().size() == 2);
	}

	@SuppressWarnings("unchecked")
	private static ServiceDiscovery<ZookeeperInstance> discovery() {
		return gateway.getBean(ServiceDiscovery.class);
	}

}
