package dev.usercluster.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Who this JVM runs as, for servers that behave differently under root.
 */
final class RunningUser {

	private RunningUser() {
	}

	// the uid, not user.name: a container's root may have no passwd entry
	static boolean isRoot() {
		try {
			Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
			return Integer.valueOf(0).equals(uid);
		}
		catch (IOException | UnsupportedOperationException | IllegalArgumentException ex) {
			return "root".equals(System.getProperty("user.name"));
		}
	}

}
