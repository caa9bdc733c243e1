package dev.usercluster.gateway;

import dev.usercluster.api.docs.ApiDocumentation;
import dev.usercluster.api.web.ApiWebConfiguration;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;

/**
 * The gateway: one REST front that validates each call and forwards it to a follower
 * found in ZooKeeper. Its configuration file is {@code gateway.yml}, not
 * {@code application.yml}, so that it can share a JVM (tests, the local cluster) with
 * followers.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@Import({ ApiWebConfiguration.class, ApiDocumentation.class })
public class GatewayApplication {

	/** Name of this application's configuration file. */
	public static final String CONFIG_NAME = "gateway";

	/**
	 * A builder for this application with its own configuration file name.
	 * @return a new builder
	 */
	public static SpringApplicationBuilder builder() {
		return new SpringApplicationBuilder(GatewayApplication.class).properties("spring.config.name=" + CONFIG_NAME);
	}

	public static void main(String[] args) {
		builder().run(args);
	}

}
