package dev.usercluster.testsupport;

/**
 * Where the tests' Redis is.
 *
 * @param host the host name or address
 * @param port the port
 * @param database the database index the tests use
 */
record RedisEndpoint(String host, int port, int database) {

	@Override
	public String toString() {
		return this.host + ":" + this.port + "/" + this.database;
	}

}
