package dev.usercluster.gateway.routing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import dev.usercluster.api.ApiException;
import dev.usercluster.api.ProblemCode;
import dev.usercluster.testsupport.TestServers;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.CuratorFrameworkFactory;
import org.apache.curator.retry.RetryOneTime;
import org.apache.curator.x.discovery.ServiceDiscovery;
import org.apache.curator.x.discovery.ServiceDiscoveryBuilder;
import org.apache.curator.x.discovery.ServiceInstance;
import org.apache.curator.x.discovery.details.JsonInstanceSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.cloud.zookeeper.discovery.ZookeeperInstance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * The watch-driven follower list and the bounded wait for a first follower, on the
 * in-process ZooKeeper with the same layout Spring Cloud Zookeeper registers followers
 * in.
 */
class FollowerInstancesIntegrationTests {

	private static final Duration WAIT = Duration.ofMillis(500);

	private final String serviceId = "itest-" + UUID.randomUUID().toString().substring(0, 8);

	// a root of its own, absent when the gateway starts, as on a fresh ZooKeeper
	private final String root = "/services-" + UUID.randomUUID().toString().substring(0, 8);

	private CuratorFramework curator;

	private ServiceDiscovery<ZookeeperInstance> discovery;

	private FollowerInstances instances;

	private FollowerInstanceListSupplier supplier;

	@BeforeEach
	void start() throws Exception {
		this.curator = CuratorFrameworkFactory.newClient(TestServers.zookeeperConnectString(), new RetryOneTime(100));
		this.curator.start();
		this.discovery = ServiceDiscoveryBuilder.builder(ZookeeperInstance.class)
			.client(this.curator)
			.basePath(this.root)
			.serializer(new JsonInstanceSerializer<>(ZookeeperInstance.class))
			.build();
		this.discovery.start();
		this.instances = new FollowerInstances(this.curator, this.discovery, this.serviceId);
		this.instances.afterPropertiesSet();
		this.supplier = new FollowerInstanceListSupplier(this.instances, WAIT);
	}

	@AfterEach
	void stop() throws Exception {
		this.instances.destroy();
		this.discovery.close();
		this.curator.close();
	}

	@Test
	void withoutFollowersTheSupplierGivesUpWithNoInstancesAndRetryAfter() {
		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> this.supplier.get().blockFirst())
			.satisfies((ex) -> {
				assertThat(ex.code()).isEqualTo(ProblemCode.NO_INSTANCES);
				assertThat(ex.getHeaders().getFirst("Retry-After")).isEqualTo("1");
			});
	}

	@Test
	void aCallWaitingForAFollowerGetsOneThatRegistersMeanwhile() throws Exception {
		FollowerInstanceListSupplier patient = new FollowerInstanceListSupplier(this.instances, Duration.ofSeconds(10));
		CompletableFuture<List<org.springframework.cloud.client.ServiceInstance>> waiting = CompletableFuture
			.supplyAsync(() -> patient.get().blockFirst());
		assertThat(waiting).as("no follower yet").isNotDone();
		register("UP", 8101);
		assertThat(waiting.get()).extracting(org.springframework.cloud.client.ServiceInstance::getPort)
			.containsExactly(8101);
	}

	@Test
	void followersComeAndGoWithTheirNodesAndOnlyUpOnesCount() throws Exception {
		ServiceInstance<ZookeeperInstance> up = register("UP", 8102);
		register("OUT_OF_SERVICE", 8103);
		await().atMost(Duration.ofSeconds(1))
			.untilAsserted(() -> assertThat(this.instances.current())
				.extracting(org.springframework.cloud.client.ServiceInstance::getPort)
				.containsExactly(8102));
		this.discovery.unregisterService(up);
		await().atMost(Duration.ofSeconds(1)).until(() -> this.instances.current().isEmpty());
	}

	private ServiceInstance<ZookeeperInstance> register(String status, int port) throws Exception {
		String id = UUID.randomUUID().toString();
		ServiceInstance<ZookeeperInstance> instance = ServiceInstance.<ZookeeperInstance>builder()
			.id(id)
			.name(this.serviceId)
			.address("127.0.0.1")
			.port(port)
			.payload(new ZookeeperInstance(id, this.serviceId, Map.of("instance_status", status)))
			.build();
		this.discovery.registerService(instance);
		return instance;
	}

}
