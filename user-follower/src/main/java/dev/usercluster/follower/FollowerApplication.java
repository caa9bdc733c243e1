package dev.usercluster.follower;

import java.time.Clock;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/**
 * The account service. Its configuration file is {@code follower.yml}, not
 * {@code application.yml}, so that it can share a JVM (tests, the local cluster) with the
 * gateway.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class FollowerApplication {

	/** Name of this application's configuration file. */
	public static final String CONFIG_NAME = "follower";

	/**
	 * A builder for this application with its own configuration file name.
	 * @return a new builder
	 */
	public static SpringApplicationBuilder builder() {
		return new SpringApplicationBuilder(FollowerApplication.class).properties("spring.config.name=" + CONFIG_NAME);
	}

	/**
	 * The clock every time-dependent rule reads (session expiry, throttling), so tests
	 * can move time instead of sleeping.
	 * @return the system clock in UTC
	 */
	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

	public static void main(String[] args) {
		builder().run(args);
	}

}
