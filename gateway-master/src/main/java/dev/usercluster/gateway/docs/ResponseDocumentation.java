package dev.usercluster.gateway.docs;

import java.util.Map;

import dev.usercluster.api.ProblemCode;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;

/**
 * The answers of each operation as SPEC.md lists them: springdoc sees only the return
 * type, so it would document every call as a bare 200. Success statuses (201, 204) and
 * the problem codes each call can answer are added here, keyed by the method names of the
 * contract interfaces ({@link dev.usercluster.api.UsersApi},
 * {@link dev.usercluster.api.SessionsApi}, {@link dev.usercluster.api.AdminApi}).
 */
@Configuration(proxyBeanMethods = false)
class ResponseDocumentation {

	private static final String PROBLEM_SCHEMA = "Problem";

	private static final String PROBLEM_JSON = "application/problem+json";

	private record Answers(HttpStatus success, ProblemCode... problems) {
	}

	private static final Map<String, Answers> ANSWERS = Map.of("register",
			new Answers(HttpStatus.CREATED, ProblemCode.INVALID_REQUEST, ProblemCode.NAME_TAKEN,
					ProblemCode.PAYLOAD_TOO_LARGE, ProblemCode.UNSUPPORTED_MEDIA_TYPE),
			"login",
			new Answers(HttpStatus.CREATED, ProblemCode.INVALID_REQUEST, ProblemCode.INVALID_CREDENTIALS,
					ProblemCode.ALREADY_LOGGED_IN, ProblemCode.TOO_MANY_ATTEMPTS, ProblemCode.PAYLOAD_TOO_LARGE,
					ProblemCode.UNSUPPORTED_MEDIA_TYPE),
			"currentSession", new Answers(HttpStatus.OK, ProblemCode.INVALID_SESSION), "heartbeat",
			new Answers(HttpStatus.OK, ProblemCode.INVALID_SESSION), "logout",
			new Answers(HttpStatus.NO_CONTENT, ProblemCode.INVALID_SESSION), "user",
			new Answers(HttpStatus.OK, ProblemCode.INVALID_SESSION, ProblemCode.USER_NOT_FOUND), "presence",
			new Answers(HttpStatus.OK, ProblemCode.INVALID_SESSION, ProblemCode.OFFLINE), "users",
			new Answers(HttpStatus.OK, ProblemCode.INVALID_REQUEST, ProblemCode.INVALID_SESSION), "sessions",
			new Answers(HttpStatus.OK, ProblemCode.INVALID_REQUEST, ProblemCode.INVALID_SESSION), "endSession",
			new Answers(HttpStatus.NO_CONTENT, ProblemCode.INVALID_SESSION, ProblemCode.FORBIDDEN,
					ProblemCode.OFFLINE));

	/** Every call may meet these, whatever it is. */
	private static final ProblemCode[] ANY_CALL = { ProblemCode.STORE_UNAVAILABLE, ProblemCode.NO_INSTANCES,
			ProblemCode.FOLLOWER_FAILED };

	@Bean
	OpenApiCustomizer problemSchema() {
		return (openApi) -> openApi.getComponents()
			.addSchemas(PROBLEM_SCHEMA,
					new ObjectSchema().description("RFC 9457 problem detail")
						.addProperty("type", new StringSchema().example(ProblemCode.NAME_TAKEN.type().toString()))
						.addProperty("title", new StringSchema().example(ProblemCode.NAME_TAKEN.title()))
						.addProperty("status", new IntegerSchema().example(409))
						.addProperty("detail", new StringSchema())
						.addProperty("instance", new StringSchema().example("/api/v1/users"))
						.addProperty(ProblemCode.MEMBER, new StringSchema().example(ProblemCode.NAME_TAKEN.code()))
						.addProperty("errors",
								new ArraySchema().description("validation errors (400 only)")
									.items(new ObjectSchema().addProperty("field", new StringSchema())
										.addProperty("message", new StringSchema()))));
	}

	@Bean
	OperationCustomizer documentedAnswers() {
		return (operation, handlerMethod) -> {
			Answers answers = ANSWERS.get(handlerMethod.getMethod().getName());
			if (answers != null) {
				document(operation, answers);
			}
			return operation;
		};
	}

	private static void document(Operation operation, Answers answers) {
		ApiResponses responses = (operation.getResponses() != null) ? operation.getResponses() : new ApiResponses();
		ApiResponse ok = responses.remove("200");
		ApiResponse success = (ok != null) ? ok : new ApiResponse();
		success.setDescription(answers.success().getReasonPhrase());
		if (answers.success() == HttpStatus.NO_CONTENT) {
			success.setContent(null);
		}
		responses.addApiResponse(Integer.toString(answers.success().value()), success);
		for (ProblemCode code : answers.problems()) {
			addProblem(responses, code);
		}
		for (ProblemCode code : ANY_CALL) {
			addProblem(responses, code);
		}
		operation.setResponses(responses);
	}

	private static void addProblem(ApiResponses responses, ProblemCode code) {
		String status = Integer.toString(code.status().value());
		ApiResponse response = responses.get(status);
		if (response == null) {
			Schema<?> problem = new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA);
			response = new ApiResponse().description("`" + code.code() + "`")
				.content(new Content().addMediaType(PROBLEM_JSON, new MediaType().schema(problem)));
			responses.addApiResponse(status, response);
		}
		else {
			String description = (response.getDescription() != null) ? response.getDescription() : "";
			if (!description.contains("`" + code.code() + "`")) {
				response.setDescription(
						description.isEmpty() ? "`" + code.code() + "`" : description + ", `" + code.code() + "`");
			}
		}
	}

}
