package dev.usercluster.follower.audit;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.usercluster.api.ApiException;
import dev.usercluster.api.ProblemCode;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

import org.springframework.http.HttpHeaders;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The audit trail (ASVS 16): one structured JSON line per security event on the logger
 * {@value #LOGGER}, with the event, its outcome, the name it concerns, the client
 * address, the follower instance that handled it and, for a throttled attempt, the
 * {@code Retry-After} in seconds. The request id and the trace come from the MDC, as on
 * every log line. It never takes a password, a token or a token digest: none of its
 * methods has a parameter for one.
 */
@Component
@EnableConfigurationProperties(AuditProperties.class)
public class AuditLog {

	/** The audit logger's name. */
	public static final String LOGGER = "user-cluster.audit";

	private static final Logger audit = LoggerFactory.getLogger(LOGGER);

	private final Function<HttpServletRequest, String> clientAddress;

	/**
	 * @param clientAddress the client address of a request, as throttling sees it
	 * @param properties the audit log's output format
	 */
	AuditLog(ClientAddressOfRequest clientAddress, AuditProperties properties) {
		this.clientAddress = clientAddress::of;
		AuditAppender.install(properties.format());
	}

	/**
	 * Record an event.
	 * @param event what happened
	 * @param outcome how it ended
	 * @param name the user name concerned as given (never a secret), or {@code null}
	 */
	public void record(AuditEvent event, AuditOutcome outcome, String name) {
		write(event, outcome, name, null);
	}

	/**
	 * Record an attempt refused by throttling.
	 * @param event what was attempted
	 * @param name the user name concerned as given
	 * @param retryAfter the wait the client was told
	 */
	public void throttled(AuditEvent event, String name, Duration retryAfter) {
		write(event, AuditOutcome.THROTTLED, name, retryAfter);
	}

	/**
	 * Run a call and record its outcome: success when it returns, otherwise the outcome
	 * its problem code means (a throttled one with its {@code Retry-After}); the
	 * exception goes on to the client unchanged.
	 * @param <T> the call's result
	 * @param event what is attempted
	 * @param name the user name concerned as given, or {@code null}
	 * @param call the call
	 * @return its result
	 */
	public <T> T around(AuditEvent event, String name, Supplier<T> call) {
		T result;
		try {
			result = call.get();
		}
		catch (ApiException ex) {
			if (ex.code() == ProblemCode.TOO_MANY_ATTEMPTS) {
				String retryAfter = ex.getHeaders().getFirst(HttpHeaders.RETRY_AFTER);
				write(event, AuditOutcome.THROTTLED, name,
						(retryAfter != null) ? Duration.ofSeconds(Long.parseLong(retryAfter)) : null);
			}
			else {
				write(event, AuditOutcome.of(ex.code()), name, null);
			}
			throw ex;
		}
		catch (RuntimeException ex) {
			write(event, AuditOutcome.ERROR, name, null);
			throw ex;
		}
		write(event, AuditOutcome.SUCCESS, name, null);
		return result;
	}

	private void write(AuditEvent event, AuditOutcome outcome, String name, Duration retryAfter) {
		LoggingEventBuilder line = audit.atInfo()
			.addKeyValue("event", event.value())
			.addKeyValue("outcome", outcome.value())
			.addKeyValue("name", name);
		HttpServletRequest request = currentRequest();
		if (request != null) {
			line = line.addKeyValue("clientAddress", this.clientAddress.apply(request))
				.addKeyValue("instance", request.getLocalAddr() + ":" + request.getLocalPort());
		}
		if (retryAfter != null) {
			line = line.addKeyValue("retryAfter", Math.max(1, (retryAfter.toMillis() + 999) / 1000));
		}
		line.log(event.value() + " " + outcome.value());
	}

	private static HttpServletRequest currentRequest() {
		return (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes)
				? attributes.getRequest() : null;
	}

	/** How the client address of a request is found (the one throttling uses). */
	@FunctionalInterface
	public interface ClientAddressOfRequest {

		/**
		 * @param request a request
		 * @return its client's address
		 */
		String of(HttpServletRequest request);

	}

}
