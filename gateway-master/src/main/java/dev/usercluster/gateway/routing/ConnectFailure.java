package dev.usercluster.gateway.routing;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.http.HttpConnectTimeoutException;

/**
 * Tells a failure that happened before a request reached a follower (nothing was done,
 * any method may go elsewhere) from one after it.
 */
public final class ConnectFailure {

	private ConnectFailure() {
	}

	/**
	 * Whether a failure, or one of its causes, is a connection that could not be made.
	 * @param failure the failure
	 * @return true when no connection was made
	 */
	public static boolean isCause(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException
					|| cause instanceof NoRouteToHostException) {
				return true;
			}
		}
		return false;
	}

}
