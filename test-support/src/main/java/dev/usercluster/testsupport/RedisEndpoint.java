package dev.usercluster.testsupport;

import org.jspecify.annotations.Nullable;

/**
 * Where the tests' Redis is.
 *
 * @param host the host name or address
 * @param port the port
 * @param database the database index the tests use
 * @param clusterNodes nodes of a Redis Cluster ({@code host:port,...}) to use instead, or
 * {@code null}
 */
record RedisEndpoint(String host, int port, int database, @Nullable String clusterNodes) {

	RedisEndpoint(String host, int port, int database) {
		this(host, port, database, null);
	}

	@Override
	public String toString() {
		return (this.clusterNodes != null) ? "cluster " + this.clusterNodes
				: this.host + ":" + this.port + "/" + this.database;
	}

}
