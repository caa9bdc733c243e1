package dev.usercluster.follower.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Instant;

import dev.usercluster.testsupport.TestServers;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;

/**
 * A follower on a random port against the test servers, with a {@link MutableClock} and
 * an admin token; test classes that share it share one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.config.name=follower", "user-cluster.admin.token=" + FollowerWithTestClock.ADMIN,
				"user-cluster.throttle.address.failures=" + FollowerWithTestClock.ADDRESS_FAILURES })
@Import({ TestServers.class, FollowerWithTestClock.Time.class })
@interface FollowerWithTestClock {

	String ADMIN = "test-admin-token-0123456789";

	/**
	 * Lower than the default 100, to keep the number of (costly) failed logins modest.
	 */
	int ADDRESS_FAILURES = 12;

	@TestConfiguration(proxyBeanMethods = false)
	class Time {

		@Bean
		@Primary
		MutableClock testClock() {
			return new MutableClock(Instant.now());
		}

	}

}
