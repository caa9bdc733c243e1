package dev.usercluster.api.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.tomcat.util.http.InvalidParameterException;

import dev.usercluster.api.ApiException;
import dev.usercluster.api.ProblemCode;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Boot's {@code /error} page for errors that never reach a controller advice (a
 * filter's failure, the container's own 4xx): a problem with a {@code code}, never a
 * stack trace or an exception message. A client that asks for {@code /error} itself, by
 * any method, finds nothing there (404).
 */
@RestController
class ProblemErrorController implements ErrorController {

	@RequestMapping("${server.error.path:${error.path:/error}}")
	ResponseEntity<Object> error(HttpServletRequest request) {
		if (request.getDispatcherType() != DispatcherType.ERROR) {
			return Problems.answer(ApiException.problem(ProblemCode.NOT_FOUND, "Nothing is served at this path."),
					new HttpHeaders());
		}
		Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
		HttpStatus status = (code instanceof Integer value) ? HttpStatus.resolve(value) : null;
		if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof InvalidParameterException) {
			// a filter read the parameters before any controller advice could answer
			status = HttpStatus.BAD_REQUEST;
		}
		if (status == null || !status.isError()) {
			status = HttpStatus.INTERNAL_SERVER_ERROR;
		}
		return Problems.answer(Problems.withCode(ProblemDetail.forStatus(status)), new HttpHeaders());
	}

}
