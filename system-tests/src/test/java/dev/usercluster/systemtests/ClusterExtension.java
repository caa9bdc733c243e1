package dev.usercluster.systemtests;

import dev.usercluster.systemtests.harness.FaultCluster;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link FaultCluster} for a whole test class: started before its first test, stopped
 * after its last, whatever happened in between.
 */
final class ClusterExtension implements BeforeAllCallback, AfterAllCallback {

	private final String name;

	private final int followers;

	private final int zooKeeperServers;

	private FaultCluster cluster;

	private ClusterState state;

	ClusterExtension(String name, int followers) {
		this(name, followers, 1);
	}

	private final boolean redisCluster;

	ClusterExtension(String name, int followers, int zooKeeperServers) {
		this(name, followers, zooKeeperServers, false);
	}

	ClusterExtension(String name, int followers, int zooKeeperServers, boolean redisCluster) {
		this.name = name;
		this.followers = followers;
		this.zooKeeperServers = zooKeeperServers;
		this.redisCluster = redisCluster;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		this.cluster = new FaultCluster(this.name, this.followers, this.zooKeeperServers, this.redisCluster);
		this.state = new ClusterState(this.cluster);
	}

	@Override
	public void afterAll(ExtensionContext context) {
		if (this.cluster != null) {
			this.cluster.close();
		}
	}

	FaultCluster cluster() {
		return this.cluster;
	}

	/** The checks of what the cluster's stores hold. */
	ClusterState state() {
		return this.state;
	}

	int followers() {
		return this.followers;
	}

}
