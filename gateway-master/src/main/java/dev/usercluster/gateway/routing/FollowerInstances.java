package dev.usercluster.gateway.routing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.x.discovery.ServiceCache;
import org.apache.curator.x.discovery.ServiceDiscovery;
import org.apache.curator.x.discovery.details.ServiceCacheListener;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.zookeeper.discovery.ZookeeperInstance;
import org.springframework.cloud.zookeeper.discovery.ZookeeperServiceInstance;

/**
 * The followers that are UP, kept current by a ZooKeeper watch (Curator's
 * {@link ServiceCache}): a follower that registers or leaves is seen within milliseconds,
 * and no call reads ZooKeeper itself.
 */
public class FollowerInstances implements InitializingBean, DisposableBean {

	private static final String STATUS_KEY = "instance_status";

	private final String serviceId;

	private static final Duration STARTUP_WAIT = Duration.ofSeconds(10);

	private final CuratorFramework curator;

	private final ServiceCache<ZookeeperInstance> cache;

	private final Sinks.Many<List<ServiceInstance>> lists = Sinks.many().replay().latest();

	private volatile List<ServiceInstance> current = List.of();

	FollowerInstances(CuratorFramework curator, ServiceDiscovery<ZookeeperInstance> discovery, String serviceId) {
		this.curator = curator;
		this.serviceId = serviceId;
		this.cache = discovery.serviceCacheBuilder().name(serviceId).build();
	}

	@Override
	public void afterPropertiesSet() throws Exception {
		this.cache.addListener(new ServiceCacheListener() {

			@Override
			public void cacheChanged() {
				publish();
			}

			@Override
			public void stateChanged(CuratorFramework client, ConnectionState state) {
				// a lost session is followed by a cache reload and cacheChanged()
			}

		});
		// fail fast, naming ZooKeeper: a cache whose first load never reached it would
		// start empty or not at all, depending on timing
		String connectString = this.curator.getZookeeperClient().getCurrentConnectionString();
		if (!this.curator.blockUntilConnected((int) STARTUP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
			throw new IllegalStateException("ZooKeeper at " + connectString + " did not answer within " + STARTUP_WAIT
					+ "; no follower can be found without it");
		}
		this.cache.start();
		publish();
	}

	/**
	 * The followers UP right now.
	 * @return the current list, possibly empty
	 */
	public List<ServiceInstance> current() {
		return this.current;
	}

	/**
	 * Every list from now on, starting with the current one.
	 * @return the lists of followers UP, as they change
	 */
	Flux<List<ServiceInstance>> changes() {
		return this.lists.asFlux();
	}

	String serviceId() {
		return this.serviceId;
	}

	private synchronized void publish() {
		List<ServiceInstance> up = this.cache.getInstances()
			.stream()
			.filter((instance) -> isUp(instance.getPayload()))
			.map(this::toServiceInstance)
			.toList();
		this.current = up;
		this.lists.tryEmitNext(up);
	}

	private static boolean isUp(ZookeeperInstance payload) {
		// the same rule as Spring Cloud Zookeeper's own supplier: no status means UP
		String status = (payload != null) ? payload.getMetadata().get(STATUS_KEY) : null;
		return status == null || status.isBlank() || "UP".equalsIgnoreCase(status);
	}

	private ServiceInstance toServiceInstance(org.apache.curator.x.discovery.ServiceInstance<ZookeeperInstance> node) {
		ZookeeperServiceInstance instance = new ZookeeperServiceInstance(this.serviceId, node);
		// a value type, so that retries can recognise the instance they just tried
		Map<String, String> metadata = instance.getMetadata();
		return new DefaultServiceInstance(node.getId(), this.serviceId, instance.getHost(), instance.getPort(),
				instance.isSecure(), metadata);
	}

	@Override
	public void destroy() throws Exception {
		this.cache.close();
		this.lists.tryEmitComplete();
	}

}
