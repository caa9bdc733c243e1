package dev.usercluster.gateway.routing;

import java.net.http.HttpClient;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.x.discovery.ServiceDiscovery;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.LoadBalanced;
import org.springframework.cloud.client.loadbalancer.LoadBalancedRetryFactory;
import org.springframework.cloud.client.loadbalancer.reactive.ReactiveLoadBalancer;
import org.springframework.cloud.loadbalancer.annotation.LoadBalancerClient;
import org.springframework.cloud.zookeeper.discovery.ZookeeperInstance;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.support.RestClientAdapter;
import org.springframework.web.service.invoker.HttpServiceProxyFactory;

/**
 * The client side of the gateway: a proxy of the shared API interface over a
 * {@code @LoadBalanced} {@link RestClient}, round-robin over the watched followers, with
 * Spring Cloud LoadBalancer's retries and pooled keep-alive connections (JDK
 * {@link HttpClient}).
 */
@Configuration(proxyBeanMethods = false)
@LoadBalancerClient(name = FollowerClientConfiguration.SERVICE_ID,
		configuration = FollowerLoadBalancerConfiguration.class)
class FollowerClientConfiguration {

	/** The name the followers register under in ZooKeeper. */
	static final String SERVICE_ID = "user-follower";

	@Bean
	FollowerInstances followerInstances(CuratorFramework curator, ServiceDiscovery<ZookeeperInstance> discovery,
			FollowerProperties properties) {
		return new FollowerInstances(SERVICE_ID, curator, discovery, properties);
	}

	@Bean
	FollowersHealthIndicator followersHealthIndicator(FollowerInstances instances) {
		return new FollowersHealthIndicator(instances);
	}

	@Bean
	LoadBalancedRetryFactory followerRetryFactory(ReactiveLoadBalancer.Factory<ServiceInstance> loadBalancers) {
		return new FollowerRetryFactory(loadBalancers);
	}

	@Bean
	@LoadBalanced
	RestClient.Builder followerRestClientBuilder(FollowerProperties properties, JsonMapper jsonMapper) {
		HttpClient httpClient = HttpClient.newBuilder().connectTimeout(properties.connectTimeout()).build();
		JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(httpClient);
		requestFactory.setReadTimeout(properties.readTimeout());
		return RestClient.builder()
			.baseUrl("http://" + SERVICE_ID)
			.requestFactory(requestFactory)
			.configureMessageConverters(
					(converters) -> converters.withJsonConverter(new JacksonJsonHttpMessageConverter(jsonMapper)))
			.requestInterceptor(new ForwardedHeaders());
	}

	@Bean
	FollowerClient followerClient(@LoadBalanced RestClient.Builder followerRestClientBuilder) {
		RestClientAdapter adapter = RestClientAdapter.create(followerRestClientBuilder.build());
		return HttpServiceProxyFactory.builderFor(adapter).build().createClient(FollowerClient.class);
	}

}
