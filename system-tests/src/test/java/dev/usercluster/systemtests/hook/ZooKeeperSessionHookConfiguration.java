package dev.usercluster.systemtests.hook;

import org.apache.curator.framework.CuratorFramework;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/**
 * Adds {@link ZooKeeperSessionEndpoint} to a follower started by the fault tests with
 * this folder on its {@code loader.path}.
 */
@AutoConfiguration(afterName = "org.springframework.cloud.zookeeper.ZookeeperAutoConfiguration")
@ConditionalOnClass(CuratorFramework.class)
public class ZooKeeperSessionHookConfiguration {

	@Bean
	@ConditionalOnBean(CuratorFramework.class)
	ZooKeeperSessionEndpoint zooKeeperSessionEndpoint(CuratorFramework curator) {
		return new ZooKeeperSessionEndpoint(curator);
	}

}
