package dev.usercluster.api.web;

import org.apache.catalina.Container;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;

/**
 * Puts the {@link ProblemReportValve} in place of Tomcat's error report valve, including
 * the one Spring Boot adds to hide stack traces
 * ({@code server.error.include-stacktrace}). Runs after Boot's own customizer, so that it
 * finds that valve to remove.
 */
class ProblemReportCustomizer implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

	@Override
	public void customize(ConfigurableTomcatWebServerFactory factory) {
		factory.addContextCustomizers((context) -> replaceErrorReport(context.getParent()));
	}

	private static void replaceErrorReport(Container host) {
		Pipeline pipeline = host.getPipeline();
		for (Valve valve : pipeline.getValves()) {
			if (valve instanceof ErrorReportValve) {
				pipeline.removeValve(valve);
			}
		}
		pipeline.addValve(new ProblemReportValve());
		if (host instanceof StandardHost standard) {
			// otherwise the host adds its default error report valve when it starts
			standard.setErrorReportValveClass(ProblemReportValve.class.getName());
		}
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
