package dev.usercluster.systemtests.harness;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;

/**
 * The followers registered in ZooKeeper, read with a short-lived client of the test's
 * own: for each instance node under {@code /services/user-follower}, the port it
 * registered and the session that owns the (ephemeral) node.
 */
public final class Registrations {

	private static final String SERVICE = "/services/user-follower";

	private static final Pattern PORT = Pattern.compile("\"port\"\\s*:\\s*(\\d+)");

	/** One registered follower. */
	public record Registration(String instanceId, int port, long sessionId) {

	}

	private Registrations() {
	}

	/**
	 * The registered followers, by port; empty when ZooKeeper does not answer.
	 * @param connectString where ZooKeeper is
	 * @return the registrations, by the port each names
	 */
	public static Map<Integer, Registration> read(String connectString) {
		Map<Integer, Registration> registrations = new LinkedHashMap<>();
		CountDownLatch connected = new CountDownLatch(1);
		ZooKeeper zookeeper = null;
		try {
			zookeeper = new ZooKeeper(connectString, 5000, (event) -> {
				if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
					connected.countDown();
				}
			});
			if (!connected.await(3, TimeUnit.SECONDS)) {
				return registrations;
			}
			List<String> children;
			try {
				children = zookeeper.getChildren(SERVICE, false);
			}
			catch (KeeperException.NoNodeException ex) {
				return registrations;
			}
			for (String child : children) {
				Stat stat = new Stat();
				byte[] data;
				try {
					data = zookeeper.getData(SERVICE + "/" + child, false, stat);
				}
				catch (KeeperException.NoNodeException ex) {
					continue;
				}
				Matcher port = PORT.matcher(new String(data, StandardCharsets.UTF_8));
				if (port.find()) {
					int value = Integer.parseInt(port.group(1));
					registrations.put(value, new Registration(child, value, stat.getEphemeralOwner()));
				}
			}
			return registrations;
		}
		catch (Exception ex) {
			return registrations;
		}
		finally {
			if (zookeeper != null) {
				try {
					zookeeper.close(2000);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}
		}
	}

}
