package dev.usercluster.api.web;

import java.util.ArrayList;
import java.util.List;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import org.apache.tomcat.util.http.InvalidParameterException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.MismatchedInputException;

import dev.usercluster.api.ApiException;
import dev.usercluster.api.ProblemCode;

import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.jspecify.annotations.Nullable;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every error into an {@code application/problem+json} problem with a {@code code}.
 * Validation failures list their fields but never the rejected values; anything
 * unexpected is logged and answered with a generic 500.
 *
 * <p>
 * Ordered last, so that a service's own advice (store failures, say) is consulted before
 * the catch-all handler here.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
class ApiProblemHandler extends ResponseEntityExceptionHandler {

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<InvalidField> errors = ex.getFieldErrors()
			.stream()
			.map((error) -> new InvalidField(error.getField(), error.getDefaultMessage()))
			.toList();
		return invalid("The request has invalid fields.", errors, headers);
	}

	@Override
	protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<InvalidField> errors = new ArrayList<>();
		ex.getParameterValidationResults().forEach((result) -> {
			String parameter = result.getMethodParameter().getParameterName();
			result.getResolvableErrors()
				.forEach((error) -> errors
					.add(new InvalidField((error instanceof org.springframework.validation.FieldError field)
							? field.getField() : parameter, error.getDefaultMessage())));
		});
		return invalid("The request has invalid fields.", errors, headers);
	}

	@ExceptionHandler(ConstraintViolationException.class)
	ResponseEntity<Object> handleConstraintViolation(ConstraintViolationException ex) {
		List<InvalidField> errors = ex.getConstraintViolations()
			.stream()
			.map((violation) -> new InvalidField(leafName(violation), violation.getMessage()))
			.toList();
		return invalid("The request has invalid fields.", errors, new HttpHeaders());
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		// a body cut off by the size limit surfaces here when the reader wraps it
		ApiException tooLarge = findCause(ex, ApiException.class);
		if (tooLarge != null) {
			return handleErrorResponseException(tooLarge, tooLarge.getHeaders(), tooLarge.getStatusCode(), request);
		}
		List<InvalidField> errors = new ArrayList<>();
		MismatchedInputException mismatch = findCause(ex, MismatchedInputException.class);
		if (mismatch != null && !mismatch.getPath().isEmpty()) {
			errors.add(new InvalidField(path(mismatch), "has the wrong type or is missing"));
		}
		return invalid("The request body is missing or not valid JSON of the expected shape.", errors, headers);
	}

	@Override
	protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		// the default detail quotes the rejected value
		String name = (ex.getPropertyName() != null) ? ex.getPropertyName() : "parameter";
		return invalid("A parameter has the wrong type.", List.of(new InvalidField(name, "has the wrong type")),
				headers);
	}

	@Override
	protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = ApiException.problem(ProblemCode.NOT_FOUND, "Nothing is served at this path.");
		return handleExceptionInternal(ex, problem, headers, status, request);
	}

	/**
	 * Tomcat decodes query parameters when the first one is read; a percent-encoding that
	 * is not UTF-8 ({@code ?after=%FF%FE}), or too many parameters, fails there.
	 */
	@ExceptionHandler(InvalidParameterException.class)
	ResponseEntity<Object> handleInvalidParameter(InvalidParameterException ex) {
		HttpStatusCode status = HttpStatusCode.valueOf(ex.getErrorCode());
		if (status.is4xxClientError() && status.value() != 400) {
			return Problems.answer(Problems.withCode(ProblemDetail.forStatus(status)), new HttpHeaders());
		}
		return invalid("The query string is not valid: parameters must be percent-encoded UTF-8.", List.of(),
				new HttpHeaders());
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) {
		this.logger.error("Unexpected error answering " + request.getDescription(false), ex);
		ProblemDetail problem = ApiException.problem(ProblemCode.INTERNAL_ERROR, Problems.INTERNAL_DETAIL);
		return Problems.answer(problem, new HttpHeaders());
	}

	@Override
	protected ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body, HttpHeaders headers,
			HttpStatusCode statusCode, WebRequest request) {
		if (statusCode.is5xxServerError()) {
			this.logger.error("Error answering " + request.getDescription(false), ex);
		}
		ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
		if (response != null && response.getBody() instanceof ProblemDetail problem) {
			return Problems.answer(Problems.withCode(problem), response.getHeaders());
		}
		return response;
	}

	private ResponseEntity<Object> invalid(String detail, List<InvalidField> errors, HttpHeaders headers) {
		return Problems.answer(Problems.invalid(detail, errors), headers);
	}

	private static String leafName(ConstraintViolation<?> violation) {
		String name = null;
		for (Path.Node node : violation.getPropertyPath()) {
			name = node.getName();
		}
		return (name != null) ? name : "request";
	}

	private static String path(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append((path.length() > 0) ? "." : "").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return (path.length() > 0) ? path.toString() : "body";
	}

	@Nullable private static <T extends Throwable> T findCause(Throwable ex, Class<T> type) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

}
