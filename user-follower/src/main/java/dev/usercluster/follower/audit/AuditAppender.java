package dev.usercluster.follower.audit;

import java.nio.charset.StandardCharsets;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggerContextListener;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.LoggerFactory;

import org.springframework.boot.logging.logback.StructuredLogEncoder;

/**
 * Gives the audit logger a console appender of its own with Spring Boot's structured JSON
 * encoder, whatever the rest of the logging looks like, and not additive, so each audit
 * event is exactly one line. Boot configures Logback anew whenever an application starts
 * in the JVM (tests and the local cluster run several), which drops appenders added here:
 * a reset-resistant listener adds it again each time Logback starts.
 */
final class AuditAppender extends ContextAwareBase implements LoggerContextListener {

	private static final String NAME = "USER_CLUSTER_AUDIT";

	private final String format;

	private AuditAppender(String format) {
		this.format = format;
	}

	static synchronized void install(String format) {
		if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
			return; // another logging system: the lines go wherever it sends them
		}
		context.getCopyOfListenerList()
			.stream()
			.filter(AuditAppender.class::isInstance)
			.forEach(context::removeListener);
		AuditAppender listener = new AuditAppender(format);
		listener.setContext(context);
		context.addListener(listener);
		listener.attach(context);
	}

	private synchronized void attach(LoggerContext context) {
		Logger logger = context.getLogger(AuditLog.LOGGER);
		if (logger.getAppender(NAME) != null) {
			return;
		}
		StructuredLogEncoder encoder = new StructuredLogEncoder();
		encoder.setContext(context);
		encoder.setFormat(this.format);
		encoder.setCharset(StandardCharsets.UTF_8);
		encoder.start();
		ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
		appender.setName(NAME);
		appender.setContext(context);
		appender.setEncoder(encoder);
		appender.start();
		logger.addAppender(appender);
		logger.setAdditive(false);
		logger.setLevel(Level.INFO);
	}

	@Override
	public boolean isResetResistant() {
		return true;
	}

	@Override
	public void onStart(LoggerContext context) {
		attach(context);
	}

	@Override
	public void onReset(LoggerContext context) {
	}

	@Override
	public void onStop(LoggerContext context) {
	}

	@Override
	public void onLevelChange(Logger logger, Level level) {
	}

}
