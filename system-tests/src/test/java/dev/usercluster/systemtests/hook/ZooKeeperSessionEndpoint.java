package dev.usercluster.systemtests.hook;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * Test-only actuator endpoint, loaded into a follower process by the fault tests (never
 * part of the follower's jar): reads the follower's ZooKeeper session id, and expires
 * that session on the server the way ZooKeeper's own tests do: a second client joins the
 * same session with its id and password and closes it, so the server ends the session and
 * deletes its ephemeral nodes (the follower's registration), and the follower's client
 * learns on its next contact that its session has expired.
 */
@Endpoint(id = "zookeepersession")
public class ZooKeeperSessionEndpoint {

	private final CuratorFramework curator;

	ZooKeeperSessionEndpoint(CuratorFramework curator) {
		this.curator = curator;
	}

	@ReadOperation
	public Map<String, String> session() throws Exception {
		return Map.of("sessionId", Long.toHexString(this.curator.getZookeeperClient().getZooKeeper().getSessionId()));
	}

	@WriteOperation
	public Map<String, String> expire() throws Exception {
		ZooKeeper current = this.curator.getZookeeperClient().getZooKeeper();
		long sessionId = current.getSessionId();
		CountDownLatch connected = new CountDownLatch(1);
		ZooKeeper twin = new ZooKeeper(this.curator.getZookeeperClient().getCurrentConnectionString(),
				current.getSessionTimeout(), (event) -> {
					if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
						connected.countDown();
					}
				}, sessionId, current.getSessionPasswd());
		try {
			if (!connected.await(5, TimeUnit.SECONDS)) {
				throw new IllegalStateException("Could not join session 0x" + Long.toHexString(sessionId));
			}
		}
		finally {
			twin.close(5000);
		}
		return Map.of("expiredSessionId", Long.toHexString(sessionId));
	}

}
