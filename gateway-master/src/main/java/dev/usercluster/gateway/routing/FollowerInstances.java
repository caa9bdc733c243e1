package dev.usercluster.gateway.routing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;
import org.apache.curator.x.discovery.ServiceCache;
import org.apache.curator.x.discovery.ServiceDiscovery;
import org.apache.curator.x.discovery.details.ServiceCacheListener;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import dev.usercluster.api.ApiException;
import dev.usercluster.api.ProblemCode;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.zookeeper.discovery.ZookeeperInstance;
import org.springframework.cloud.zookeeper.discovery.ZookeeperServiceInstance;
import org.springframework.cloud.zookeeper.support.StatusConstants;
import org.springframework.context.SmartLifecycle;

/**
 * The followers that are UP, kept current by a ZooKeeper watch (Curator's
 * {@link ServiceCache}) instead of a query per call or a timed cache: a follower that
 * deregisters leaves the rotation, and a new one joins it, as soon as ZooKeeper says so.
 *
 * <p>
 * Started before the web server and stopped after it, so that no call finds it closed.
 * Without ZooKeeper the gateway does not start (it could never find a follower): it exits
 * naming the ZooKeeper it tried.
 */
public class FollowerInstances implements ServiceCacheListener, SmartLifecycle {

	private static final Log logger = LogFactory.getLog(FollowerInstances.class);

	private static final Duration STARTUP_WAIT = Duration.ofSeconds(10);

	private final String serviceId;

	private final CuratorFramework curator;

	private final ServiceCache<ZookeeperInstance> cache;

	private final FollowerProperties properties;

	private final Sinks.Many<List<ServiceInstance>> changes = Sinks.many().replay().latest();

	private volatile List<ServiceInstance> current = List.of();

	private volatile boolean running;

	FollowerInstances(String serviceId, CuratorFramework curator, ServiceDiscovery<ZookeeperInstance> discovery,
			FollowerProperties properties) {
		this.serviceId = serviceId;
		this.curator = curator;
		this.cache = discovery.serviceCacheBuilder().name(serviceId).build();
		this.properties = properties;
		this.cache.addListener(this);
	}

	/**
	 * The followers that are UP now.
	 * @return the instances, possibly none
	 */
	public List<ServiceInstance> current() {
		return this.current;
	}

	String serviceId() {
		return this.serviceId;
	}

	/**
	 * The followers that are UP, once there is at least one: at once if there is,
	 * otherwise as soon as one registers, or a 503 {@code no-instances} error after the
	 * configured wait.
	 * @return one non-empty list of instances, or the error
	 */
	Flux<List<ServiceInstance>> whenAvailable() {
		return this.changes.asFlux()
			.filter((instances) -> !instances.isEmpty())
			.next()
			.timeout(this.properties.instanceWait(), Mono.error(this::noInstances))
			.flux();
	}

	private ApiException noInstances() {
		return new ApiException(ProblemCode.NO_INSTANCES, "No follower is available; try again shortly.")
			.retryAfter(this.properties.retryAfter());
	}

	@Override
	public void cacheChanged() {
		List<ServiceInstance> up = this.cache.getInstances()
			.stream()
			.filter((instance) -> isUp(instance.getPayload()))
			.map((instance) -> toServiceInstance(new ZookeeperServiceInstance(this.serviceId, instance)))
			.toList();
		if (up.size() != this.current.size()) {
			logger.info(up.size() + " instance(s) of " + this.serviceId + " in rotation");
		}
		this.current = up;
		this.changes.tryEmitNext(up);
	}

	private static boolean isUp(ZookeeperInstance payload) {
		Map<String, String> metadata = (payload != null) ? payload.getMetadata() : null;
		String status = (metadata != null) ? metadata.get(StatusConstants.INSTANCE_STATUS_KEY) : null;
		// an instance without a status predates status support: Spring Cloud counts it UP
		return status == null || status.isBlank() || StatusConstants.STATUS_UP.equalsIgnoreCase(status);
	}

	// a value object, so that the load balancer's retry can tell the previous instance
	private static ServiceInstance toServiceInstance(ServiceInstance instance) {
		return new DefaultServiceInstance(instance.getInstanceId(), instance.getServiceId(), instance.getHost(),
				instance.getPort(), instance.isSecure(), instance.getMetadata());
	}

	@Override
	public void stateChanged(CuratorFramework client, ConnectionState newState) {
		// the cache refreshes itself on reconnection; until then it keeps the last list
		if (!newState.isConnected()) {
			logger.warn("ZooKeeper connection " + newState + "; routing to the last known followers");
		}
	}

	@Override
	public void start() {
		// fail fast: a cache that never reached ZooKeeper would not recover
		String connectString = this.curator.getZookeeperClient().getCurrentConnectionString();
		try {
			if (!this.curator.blockUntilConnected((int) STARTUP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new IllegalStateException("ZooKeeper at " + connectString + " did not answer within "
						+ STARTUP_WAIT + "; no follower can be found without it");
			}
			this.cache.start();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while connecting to ZooKeeper at " + connectString, ex);
		}
		catch (IllegalStateException ex) {
			throw ex;
		}
		catch (Exception ex) {
			throw new IllegalStateException(
					"Could not watch the " + this.serviceId + " instances in ZooKeeper at " + connectString, ex);
		}
		cacheChanged();
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		try {
			this.cache.close();
		}
		catch (Exception ex) {
			logger.debug("Closing the instance cache failed", ex);
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// below the web server's phases: started before it, stopped after it
		return 0;
	}

}
