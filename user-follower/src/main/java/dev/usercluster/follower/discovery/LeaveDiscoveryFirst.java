package dev.usercluster.follower.discovery;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.zookeeper.serviceregistry.ZookeeperAutoServiceRegistration;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * On shutdown, takes the follower out of ZooKeeper before anything else stops, then waits
 * the drain pause while gateways drop it from their rotation; only then does the web
 * server's graceful shutdown (a later, lower phase) finish the calls in flight. So a
 * graceful stop costs no call. Spring Cloud would otherwise deregister only when the
 * context is destroyed, after the web server has stopped.
 */
@Component
class LeaveDiscoveryFirst implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(LeaveDiscoveryFirst.class);

	private final ObjectProvider<ZookeeperAutoServiceRegistration> registration;

	private final DiscoveryProperties properties;

	private volatile boolean running;

	LeaveDiscoveryFirst(ObjectProvider<ZookeeperAutoServiceRegistration> registration, DiscoveryProperties properties) {
		this.registration = registration;
		this.properties = properties;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		ZookeeperAutoServiceRegistration registration = this.registration.getIfAvailable();
		if (registration == null) {
			return;
		}
		registration.stop();
		logger.info("Left ZooKeeper; serving " + this.properties.drainPause().toMillis()
				+ " ms more while gateways drop this follower");
		try {
			Thread.sleep(this.properties.drainPause().toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * The highest phase: stopped first, well before the web server's graceful shutdown.
	 */
	@Override
	public int getPhase() {
		return DEFAULT_PHASE;
	}

}
