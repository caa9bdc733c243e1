package dev.usercluster.gateway.routing;

import java.net.http.HttpClient;
import java.util.List;

import dev.usercluster.api.AdminApi;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import dev.usercluster.api.SessionsApi;
import dev.usercluster.api.UsersApi;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.x.discovery.ServiceDiscovery;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.restclient.autoconfigure.RestClientBuilderConfigurer;
import org.springframework.boot.thread.Threading;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.cloud.client.loadbalancer.LoadBalancedRetryFactory;
import org.springframework.cloud.client.loadbalancer.LoadBalancedRetryPolicy;
import org.springframework.cloud.client.loadbalancer.ServiceInstanceChooser;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClient;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.cloud.zookeeper.discovery.ZookeeperInstance;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.InterceptingClientHttpRequestFactory;
import org.springframework.core.env.Environment;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * The client side of the gateway: each interface of the shared contract
 * ({@link UsersApi}, {@link SessionsApi}, {@link AdminApi}) as an HTTP client over the
 * one load-balanced {@link RestClient}, pooled keep-alive connections (JDK
 * {@link HttpClient}), watch-driven instances and failover to another follower.
 */
@Configuration(proxyBeanMethods = false)
@LoadBalancerClient(name = FollowerClientConfiguration.SERVICE_ID,
		configuration = FollowerLoadBalancerConfiguration.class)
public class FollowerClientConfiguration {

	/** Name under which followers register in ZooKeeper. */
	public static final String SERVICE_ID = "user-follower";

	/**
	 * Qualifier of the client beans; the gateway's own controllers implement the same
	 * types.
	 */
	public static final String FOLLOWERS = "followers";

	@Bean
	FollowerInstances followerInstances(CuratorFramework curator, ServiceDiscovery<ZookeeperInstance> discovery,
			MeterRegistry registry) {
		FollowerInstances instances = new FollowerInstances(curator, discovery, SERVICE_ID);
		Gauge.builder("user.cluster.follower.instances", instances, (known) -> known.current().size())
			.description("Follower instances this gateway knows from ZooKeeper")
			.register(registry);
		return instances;
	}

	@Bean
	@LoadBalanced
	RestClient.Builder followerRestClientBuilder(RestClientBuilderConfigurer boot, RoutingProperties properties,
			ForwardedHeaders forwardedHeaders, MeterRegistry registry, Environment environment) {
		HttpClient.Builder builder = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(properties.connectTimeout());
		if (Threading.VIRTUAL.isActive(environment)) {
			// the JDK client otherwise hands every response to a platform-thread pool of
			// its own, whatever spring.threads.virtual says (measured on 4 CPUs: a
			// Server MVC gateway went from 2.3k to 9.8k req/s with this executor)
			SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("follower-http-");
			executor.setVirtualThreads(true);
			builder.executor(executor);
		}
		HttpClient http = builder.build();
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
		requests.setReadTimeout(properties.readTimeout());
		// Boot's customisers (observations: http.client.requests is recorded, and
		// Micrometer
		// Tracing writes the gateway span's traceparent on each call); this bean replaces
		// Boot's own RestClient.Builder, which backs off when one exists
		return boot.configure(RestClient.builder())
			.baseUrl("http://" + SERVICE_ID)
			// below the load balancer's interceptor: sees the chosen instance
			.requestFactory(
					new InterceptingClientHttpRequestFactory(requests, List.of(new FollowerCallMetrics(registry))))
			.requestInterceptor(forwardedHeaders);
	}

	@Bean
	@Qualifier(FOLLOWERS)
	UsersApi followerUsers(@LoadBalanced RestClient.Builder followerRestClientBuilder) {
		return client(followerRestClientBuilder, UsersApi.class);
	}

	@Bean
	@Qualifier(FOLLOWERS)
	SessionsApi followerSessions(@LoadBalanced RestClient.Builder followerRestClientBuilder) {
		return client(followerRestClientBuilder, SessionsApi.class);
	}

	@Bean
	@Qualifier(FOLLOWERS)
	AdminApi followerAdmin(@LoadBalanced RestClient.Builder followerRestClientBuilder) {
		return client(followerRestClientBuilder, AdminApi.class);
	}

	private static <T> T client(RestClient.Builder followerRestClientBuilder, Class<T> contract) {
		RestClientAdapter adapter = RestClientAdapter.create(followerRestClientBuilder.build());
		return HttpServiceProxyFactory.builderFor(adapter).build().createClient(contract);
	}

	@Bean
	ForwardedHeaders forwardedHeaders() {
		return new ForwardedHeaders();
	}

	@Bean
	LoadBalancedRetryFactory followerRetryFactory(LoadBalancerClientFactory loadBalancers) {
		return new LoadBalancedRetryFactory() {

			@Override
			public LoadBalancedRetryPolicy createRetryPolicy(String service, ServiceInstanceChooser chooser) {
				return new FollowerRetryPolicy(loadBalancers.getProperties(service));
			}

		};
	}

}
