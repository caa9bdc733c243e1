package dev.usercluster.gateway.routing;

import java.net.http.HttpClient;

import dev.usercluster.api.UserApi;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.x.discovery.ServiceDiscovery;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.cloud.client.loadbalancer.LoadBalancedRetryFactory;
import org.springframework.cloud.client.loadbalancer.LoadBalancedRetryPolicy;
import org.springframework.cloud.client.loadbalancer.ServiceInstanceChooser;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClient;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.cloud.zookeeper.discovery.ZookeeperInstance;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * The client side of the gateway: the shared {@link UserApi} interface as an HTTP client
 * over a load-balanced {@link RestClient}, pooled keep-alive connections (JDK
 * {@link HttpClient}), watch-driven instances and failover to another follower.
 */
@Configuration(proxyBeanMethods = false)
@LoadBalancerClient(name = FollowerClientConfiguration.SERVICE_ID,
		configuration = FollowerLoadBalancerConfiguration.class)
public class FollowerClientConfiguration {

	/** Name under which followers register in ZooKeeper. */
	public static final String SERVICE_ID = "user-follower";

	/** Name of the client bean; the gateway's own controller implements the same type. */
	public static final String FOLLOWERS = "followers";

	@Bean
	FollowerInstances followerInstances(CuratorFramework curator, ServiceDiscovery<ZookeeperInstance> discovery) {
		return new FollowerInstances(curator, discovery, SERVICE_ID);
	}

	@Bean
	@LoadBalanced
	RestClient.Builder followerRestClientBuilder(RoutingProperties properties, ForwardedHeaders forwardedHeaders) {
		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(properties.connectTimeout())
			.build();
		JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
		requests.setReadTimeout(properties.readTimeout());
		return RestClient.builder()
			.baseUrl("http://" + SERVICE_ID)
			.requestFactory(requests)
			.requestInterceptor(forwardedHeaders);
	}

	@Bean(FOLLOWERS)
	@Qualifier(FOLLOWERS)
	UserApi followers(@LoadBalanced RestClient.Builder followerRestClientBuilder) {
		RestClientAdapter adapter = RestClientAdapter.create(followerRestClientBuilder.build());
		return HttpServiceProxyFactory.builderFor(adapter).build().createClient(UserApi.class);
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
