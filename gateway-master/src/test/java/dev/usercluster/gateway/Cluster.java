package dev.usercluster.gateway;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import dev.usercluster.follower.FollowerApplication;
import dev.usercluster.testsupport.TestServers;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Starts followers and a gateway in this JVM, the way they run for real: each with its
 * own configuration file, the followers on free ports found through the in-process
 * ZooKeeper, all on the test servers.
 */
public final class Cluster {

	private Cluster() {
	}

	public static ConfigurableApplicationContext follower(String... extraArgs) {
		List<String> args = new ArrayList<>(
				List.of("--server.port=0", "--spring.datasource.url=" + TestServers.jdbcUrl(),
						"--spring.datasource.username=" + TestServers.jdbcUsername(),
						"--spring.datasource.password=" + TestServers.jdbcPassword(),
						"--spring.data.redis.host=" + TestServers.redisHost(),
						"--spring.data.redis.port=" + TestServers.redisPort(),
						"--spring.data.redis.database=" + TestServers.redisDatabase(),
						"--spring.cloud.zookeeper.connect-string=" + TestServers.zookeeperConnectString(),
						"--user-cluster.follower.discovery.drain-pause=500ms",
						"--spring.lifecycle.timeout-per-shutdown-phase=10s"));
		return FollowerApplication.builder()
			.initializers((context) -> context.getBeanFactory().registerSingleton("arrivals", new Arrivals()))
			.run(merged(args, extraArgs));
	}

	public static ConfigurableApplicationContext gateway(String... extraArgs) {
		List<String> args = new ArrayList<>(List.of("--server.port=0",
				"--spring.cloud.zookeeper.connect-string=" + TestServers.zookeeperConnectString()));
		return GatewayApplication.builder().run(merged(args, extraArgs));
	}

	// a repeated --name=value would be read as a list: a test's argument replaces the
	// default
	private static String[] merged(List<String> defaults, String... overrides) {
		Map<String, String> args = new LinkedHashMap<>();
		for (String arg : defaults) {
			args.put(arg.substring(0, arg.indexOf('=')), arg);
		}
		for (String arg : overrides) {
			args.put(arg.substring(0, arg.indexOf('=')), arg);
		}
		return args.values().toArray(String[]::new);
	}

	public static int port(ConfigurableApplicationContext context) {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	/**
	 * Stop a follower's web server but leave it registered in ZooKeeper, as a crashed
	 * process would be until its session expires.
	 */
	public static void crash(ConfigurableApplicationContext follower) {
		((WebServerApplicationContext) follower).getWebServer().stop();
	}

	/**
	 * How many API calls have reached a follower so far (answered or not).
	 */
	public static long apiCallsReceived(ConfigurableApplicationContext follower) {
		return follower.getBean(Arrivals.class).count();
	}

	/**
	 * The headers of the last API call that reached a follower.
	 */
	public static HttpHeaders lastHeadersReceived(ConfigurableApplicationContext follower) {
		return follower.getBean(Arrivals.class).lastHeaders;
	}

	public static void close(ConfigurableApplicationContext... contexts) {
		for (ConfigurableApplicationContext context : contexts) {
			if (context != null && context.isActive()) {
				context.close();
			}
		}
	}

	/**
	 * Counts the API calls reaching a follower, as they arrive.
	 */
	static final class Arrivals extends OncePerRequestFilter {

		private final AtomicLong count = new AtomicLong();

		private volatile HttpHeaders lastHeaders = new HttpHeaders();

		long count() {
			return this.count.get();
		}

		@Override
		protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
				throws ServletException, IOException {
			if (request.getRequestURI().startsWith("/api/")) {
				HttpHeaders headers = new HttpHeaders();
				Collections.list(request.getHeaderNames())
					.forEach((name) -> headers.addAll(name, Collections.list(request.getHeaders(name))));
				this.lastHeaders = headers;
				this.count.incrementAndGet();
			}
			chain.doFilter(request, response);
		}

	}

}
