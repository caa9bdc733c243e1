package dev.usercluster.systemtests.hook;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.curator.framework.CuratorFramework;
import org.apache.zookeeper.Watcher.Event.KeeperState;
import org.apache.zookeeper.ZooKeeper;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;

/**
 * Test-only actuator endpoint, loaded into a follower process by the fault tests (never
 * part of the follower's jar): reads the follower's ZooKeeper session id, and expires
 * that session on the server the way ZooKeeper's own tests do: a second client joins the
 * same session with its id and password and closes it, so the server ends the session and
 * deletes its ephemeral nodes (the follower's registration), and the follower's client
 * learns on its next contact that its session has expired.
 * <p>
 * On a loaded machine the follower's client may be between sessions when the test asks
 * (no session yet, or one the server has just expired), so the expiry is tried a few
 * times, and an answer other than 200 says what each try saw rather than a bare 500.
 */
@Endpoint(id = "zookeepersession")
public class ZooKeeperSessionEndpoint {

	private static final int ATTEMPTS = 3;

	private static final long CONNECT_WAIT_SECONDS = 10;

	private static final long JOIN_WAIT_SECONDS = 5;

	private final CuratorFramework curator;

	ZooKeeperSessionEndpoint(CuratorFramework curator) {
		this.curator = curator;
	}

	@ReadOperation
	public Map<String, String> session() throws Exception {
		return Map.of("sessionId", Long.toHexString(this.curator.getZookeeperClient().getZooKeeper().getSessionId()));
	}

	@WriteOperation
	public WebEndpointResponse<Map<String, Object>> expire() throws InterruptedException {
		List<String> tries = new ArrayList<>();
		for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
			try {
				if (!this.curator.blockUntilConnected((int) CONNECT_WAIT_SECONDS, TimeUnit.SECONDS)) {
					tries.add("not connected to ZooKeeper after " + CONNECT_WAIT_SECONDS + " s");
					continue;
				}
				ZooKeeper current = this.curator.getZookeeperClient().getZooKeeper();
				long sessionId = current.getSessionId();
				if (sessionId == 0) {
					tries.add("connected but no session id yet");
					continue;
				}
				String id = Long.toHexString(sessionId);
				KeeperState joined = join(current, sessionId).orElse(null);
				if (joined == null) {
					tries.add("session 0x" + id + ": no answer to the join in " + JOIN_WAIT_SECONDS + " s");
					continue;
				}
				if (joined == KeeperState.SyncConnected) {
					return new WebEndpointResponse<>(Map.of("expiredSessionId", id, "tries", tries));
				}
				if (joined == KeeperState.Expired) {
					// the server had already ended it: the follower registers again all
					// the same
					return new WebEndpointResponse<>(
							Map.of("expiredSessionId", id, "alreadyExpired", true, "tries", tries));
				}
				tries.add("session 0x" + id + ": the server answered " + joined);
			}
			catch (InterruptedException ex) {
				throw ex;
			}
			catch (Exception ex) {
				tries.add(ex.toString());
			}
		}
		return new WebEndpointResponse<>(Map.of("error", "could not expire the session", "tries", tries),
				WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE);
	}

	/**
	 * Joins the session with a second client and closes it, which ends the session on the
	 * server.
	 * @return the first decisive state the second client saw, empty when it saw none in
	 * {@link #JOIN_WAIT_SECONDS}
	 */
	private Optional<KeeperState> join(ZooKeeper current, long sessionId) throws Exception {
		CompletableFuture<KeeperState> state = new CompletableFuture<>();
		ZooKeeper twin = new ZooKeeper(this.curator.getZookeeperClient().getCurrentConnectionString(),
				current.getSessionTimeout(), (event) -> {
					KeeperState seen = event.getState();
					if (seen == KeeperState.SyncConnected || seen == KeeperState.Expired
							|| seen == KeeperState.AuthFailed) {
						state.complete(seen);
					}
				}, sessionId, current.getSessionPasswd());
		try {
			return Optional.of(state.get(JOIN_WAIT_SECONDS, TimeUnit.SECONDS));
		}
		catch (TimeoutException ex) {
			return Optional.empty();
		}
		finally {
			twin.close(5000);
		}
	}

}
