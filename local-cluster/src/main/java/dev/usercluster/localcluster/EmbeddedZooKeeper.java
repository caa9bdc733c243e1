package dev.usercluster.localcluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.apache.zookeeper.server.embedded.ExitHandler;
import org.apache.zookeeper.server.embedded.ZooKeeperServerEmbedded;

/**
 * A standalone ZooKeeper in this JVM, listening on 127.0.0.1. Its AdminServer stays off:
 * it would take port 8080, the gateway's.
 */
final class EmbeddedZooKeeper implements AutoCloseable {

	private final ZooKeeperServerEmbedded server;

	private final String connectString;

	private EmbeddedZooKeeper(ZooKeeperServerEmbedded server, String connectString) {
		this.server = server;
		this.connectString = connectString;
	}

	static EmbeddedZooKeeper start(Path baseDir, int port) throws Exception {
		Files.createDirectories(baseDir);
		Properties config = new Properties();
		config.setProperty("clientPort", Integer.toString(port));
		config.setProperty("clientPortAddress", "127.0.0.1");
		config.setProperty("tickTime", "1000");
		config.setProperty("admin.enableServer", "false");
		ZooKeeperServerEmbedded server = ZooKeeperServerEmbedded.builder()
			.baseDir(baseDir)
			.configuration(config)
			.exitHandler(ExitHandler.LOG_ONLY)
			.build();
		server.start();
		return new EmbeddedZooKeeper(server, "127.0.0.1:" + port);
	}

	String connectString() {
		return this.connectString;
	}

	@Override
	public void close() {
		this.server.close();
	}

}
