package dev.usercluster.follower.sessions;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Sessions need a scheduler for the {@link OnlineIndexSweeper}, and authenticate
 * {@link BearerAuthenticated} calls with {@link BearerAuthentication}.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class SessionConfiguration implements WebMvcConfigurer {

	private final SessionService sessions;

	SessionConfiguration(SessionService sessions) {
		this.sessions = sessions;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new BearerAuthentication(this.sessions));
	}

}
