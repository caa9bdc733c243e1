package dev.usercluster.testsupport;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * The test configuration of slice tests: points Boot's own DataSource, Flyway and Redis
 * auto-configuration at the tests' MySQL and Redis ({@link TestServers#stores()}), so a
 * {@code @JdbcTest} (with {@code replace = NONE}) or a {@code @DataRedisTest} runs
 * against the real servers. Import it: {@code @Import(TestStores.class)}.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestStores {

	@Bean
	DynamicPropertyRegistrar testStoreProperties() {
		return (registry) -> TestServers.register(registry, TestServers.stores());
	}

}
