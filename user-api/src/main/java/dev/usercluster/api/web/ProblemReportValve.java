package dev.usercluster.api.web;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.usercluster.api.ProblemCode;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;

/**
 * Tomcat's error report, as a problem detail: what Tomcat answers on its own, before
 * Spring sees the request (a malformed request line, an encoded slash, a control
 * character or an oversized header), is {@code application/problem+json} with a
 * {@code code} like every other error, instead of Tomcat's HTML page.
 *
 * <p>
 * Tomcat's refusal of an HTTP version (505) or a transfer coding (501) it does not
 * support is answered 400 {@code invalid-request}: the request is the client's doing, and
 * a client must not be able to raise server errors at will.
 */
public class ProblemReportValve extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		AtomicBoolean ioAllowed = new AtomicBoolean(true);
		response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
		if (!ioAllowed.get()) {
			return;
		}
		String detail = detail(status);
		if (status == HttpStatus.NOT_IMPLEMENTED.value() || status == HttpStatus.HTTP_VERSION_NOT_SUPPORTED.value()) {
			status = HttpStatus.BAD_REQUEST.value();
			response.setStatus(status);
		}
		try {
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.setCharacterEncoding("UTF-8");
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(json(status, detail));
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// the client is gone or the response cannot be written: nothing to answer
		}
	}

	private static String detail(int status) {
		return switch (status) {
			case 400 -> "The request line or a header is malformed.";
			case 501 -> "The request uses a transfer coding that is not supported.";
			case 505 -> "Only HTTP/1.0 and HTTP/1.1 are supported.";
			default -> (status >= 500) ? Problems.INTERNAL_DETAIL
					: Problems.codeFor(HttpStatusCode.valueOf(status)).title() + ".";
		};
	}

	/** The problem as JSON; every member is a constant, so nothing needs escaping. */
	static String json(int status, String detail) {
		ProblemCode code = Problems.codeFor(HttpStatusCode.valueOf(status));
		return "{\"type\":\"" + code.type() + "\",\"title\":\"" + code.title() + "\",\"status\":" + status
				+ ",\"detail\":\"" + detail + "\",\"" + ProblemCode.MEMBER + "\":\"" + code.code() + "\"}";
	}

}
