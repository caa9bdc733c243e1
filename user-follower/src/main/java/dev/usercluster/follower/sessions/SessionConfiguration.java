package dev.usercluster.follower.sessions;

import dev.usercluster.follower.audit.AuditLog;
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

	private final AuditLog audit;

	SessionConfiguration(SessionService sessions, AuditLog audit) {
		this.sessions = sessions;
		this.audit = audit;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(new BearerAuthentication(this.sessions, this.audit));
	}

}
