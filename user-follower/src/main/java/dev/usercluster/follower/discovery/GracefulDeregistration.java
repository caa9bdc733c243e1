package dev.usercluster.follower.discovery;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.server.context.WebServerGracefulShutdownLifecycle;
import org.springframework.cloud.zookeeper.serviceregistry.ZookeeperAutoServiceRegistration;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * On a graceful stop, takes the follower out of ZooKeeper first, waits a short drain
 * pause so that gateways stop sending it calls, and only then lets the web server's
 * graceful shutdown finish the calls in flight. Spring Cloud would otherwise deregister
 * only when the context is destroyed, after the web server stopped taking calls, so that
 * gateways kept routing to a closed port meanwhile.
 */
@Component
class GracefulDeregistration implements SmartLifecycle {

	private static final Log logger = LogFactory.getLog(GracefulDeregistration.class);

	private final ObjectProvider<ZookeeperAutoServiceRegistration> registration;

	private final DiscoveryProperties properties;

	private volatile boolean running;

	GracefulDeregistration(ObjectProvider<ZookeeperAutoServiceRegistration> registration,
			DiscoveryProperties properties) {
		this.registration = registration;
		this.properties = properties;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		stop(() -> {
		});
	}

	@Override
	public void stop(Runnable callback) {
		this.running = false;
		ZookeeperAutoServiceRegistration zookeeper = this.registration.getIfAvailable();
		if (zookeeper == null || !zookeeper.isRunning()) {
			callback.run();
			return;
		}
		zookeeper.stop();
		logger.info("Deregistered from ZooKeeper; draining for " + this.properties.drainPause());
		CompletableFuture.delayedExecutor(this.properties.drainPause().toMillis(), TimeUnit.MILLISECONDS)
			.execute(callback);
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// stopped before the web server's graceful shutdown begins
		return WebServerGracefulShutdownLifecycle.SMART_LIFECYCLE_PHASE + 1;
	}

}
