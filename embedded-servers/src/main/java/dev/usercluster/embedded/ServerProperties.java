package dev.usercluster.embedded;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Spring properties that point a follower or the gateway at its servers: the one
 * place that names them, used by the tests ({@code TestServers}) and the local cluster.
 * Immutable: each method returns a copy with the change, so a test can start from the
 * usual servers and replace one with a broken one.
 */
public final class ServerProperties {

	private final Map<String, String> properties;

	private ServerProperties(Map<String, String> properties) {
		this.properties = Collections.unmodifiableMap(properties);
	}

	/**
	 * No properties yet.
	 * @return an empty set
	 */
	public static ServerProperties none() {
		return new ServerProperties(new LinkedHashMap<>());
	}

	/**
	 * The follower's MySQL.
	 * @param url the JDBC URL
	 * @param username the user
	 * @param password the password
	 * @return a copy with the change
	 */
	public ServerProperties mysql(String url, String username, String password) {
		return with("spring.datasource.url", url).with("spring.datasource.username", username)
			.with("spring.datasource.password", password);
	}

	/**
	 * The follower's connection pool size.
	 * @param size the most connections
	 * @return a copy with the change
	 */
	public ServerProperties poolSize(int size) {
		return with("spring.datasource.hikari.maximum-pool-size", Integer.toString(size));
	}

	/**
	 * The follower's Redis.
	 * @param host the host
	 * @param port the port
	 * @param database the database index
	 * @return a copy with the change
	 */
	public ServerProperties redis(String host, int port, int database) {
		return with("spring.data.redis.host", host).with("spring.data.redis.port", Integer.toString(port))
			.with("spring.data.redis.database", Integer.toString(database));
	}

	/**
	 * The follower's Redis Cluster, instead of one Redis.
	 * @param nodes some of its nodes, {@code host:port} joined by commas
	 * @return a copy with the change
	 */
	public ServerProperties redisCluster(String nodes) {
		return with("spring.data.redis.cluster.nodes", nodes);
	}

	/**
	 * The ZooKeeper of a follower or the gateway.
	 * @param connectString its connect string
	 * @return a copy with the change
	 */
	public ServerProperties zooKeeper(String connectString) {
		return with("spring.cloud.zookeeper.connect-string", connectString);
	}

	/**
	 * Register the follower under 127.0.0.1, for a cluster on one machine: reached over
	 * loopback, where the gateway is a trusted proxy.
	 * @return a copy with the change
	 */
	public ServerProperties loopbackRegistration() {
		return with("spring.cloud.zookeeper.discovery.instance-ip-address", "127.0.0.1")
			.with("spring.cloud.zookeeper.discovery.instance-host", "127.0.0.1");
	}

	/**
	 * Any other property.
	 * @param name the property name
	 * @param value its value
	 * @return a copy with the change
	 */
	public ServerProperties with(String name, String value) {
		Map<String, String> changed = new LinkedHashMap<>(this.properties);
		changed.put(name, value);
		return new ServerProperties(changed);
	}

	/**
	 * Several other properties.
	 * @param more property names and values
	 * @return a copy with the changes
	 */
	public ServerProperties with(Map<String, String> more) {
		Map<String, String> changed = new LinkedHashMap<>(this.properties);
		changed.putAll(more);
		return new ServerProperties(changed);
	}

	/**
	 * The properties by name, in the order they were set.
	 * @return an unmodifiable map
	 */
	public Map<String, String> asMap() {
		return this.properties;
	}

	/**
	 * The properties as command-line arguments, which win over an application's own
	 * configuration file.
	 * @return {@code --name=value} arguments
	 */
	public List<String> asArguments() {
		return this.properties.entrySet()
			.stream()
			.map((property) -> "--" + property.getKey() + "=" + property.getValue())
			.toList();
	}

}
