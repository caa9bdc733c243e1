package dev.usercluster.api.web;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Web behaviour both services share: a problem detail with a {@code code} for every error
 * (Tomcat's own refusals included), strict JSON request bodies and a request body size
 * limit ({@code user-cluster.web.max-body-size}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiWebProperties.class)
@Import({ ApiProblemHandler.class, ProblemErrorController.class })
public class ApiWebConfiguration {

	@Bean
	StrictJsonCustomizer strictJsonCustomizer() {
		return new StrictJsonCustomizer();
	}

	@Bean
	FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimitFilter(ApiWebProperties properties,
			@Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems) {
		FilterRegistrationBean<BodySizeLimitFilter> registration = new FilterRegistrationBean<>(
				new BodySizeLimitFilter(properties, problems));
		// early, so that no other filter reads an unchecked body first
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
		return registration;
	}

	@Bean
	ProblemReportCustomizer problemReportCustomizer() {
		return new ProblemReportCustomizer();
	}

}
