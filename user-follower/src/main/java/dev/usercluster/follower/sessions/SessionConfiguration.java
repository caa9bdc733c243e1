package dev.usercluster.follower.sessions;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Sessions need a scheduler for the {@link OnlineIndexSweeper}.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SessionConfiguration {

}
