package dev.usercluster.api.docs;

import java.util.ArrayList;
import java.util.Map;

import dev.usercluster.api.ProblemCode;
import dev.usercluster.api.ProblemJson;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;

/**
 * The OpenAPI description of the public API ({@code /v3/api-docs}) as the follower and
 * the gateway serve it. Each operation's summary, description and answers are annotations
 * on the contract interfaces; this adds what they cannot say: the document's title, the
 * {@code Problem} schema they refer to, the bearer scheme in place of the
 * {@code Authorization} header parameters (so Swagger UI's "Authorize" button works), the
 * answer every call may give ({@code store-unavailable}) and example values.
 */
@Configuration(proxyBeanMethods = false)
public class ApiDocumentation {

	private static final String BEARER = "bearer";

	private static final String PROBLEM_SCHEMA = "Problem";

	/** Example values of request and response fields, by schema and property. */
	private static final Map<String, Map<String, Object>> EXAMPLES = Map
		.of("RegisterRequest", Map.of("name", "alice", "password", "correct horse battery"), "LoginRequest",
				Map.of("name", "alice", "password", "correct horse battery", "endpoint", "10.0.0.7:7000"), "NewSession",
				Map.of("token", "q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA", "name", "alice", "endpoint",
						"10.0.0.7:7000", "createdAt", "2026-11-28T12:00:00Z", "expiresAt", "2026-11-28T17:00:00Z"),
				"SessionView",
				Map.of("name", "alice", "endpoint", "10.0.0.7:7000", "createdAt", "2026-11-28T12:00:00Z", "expiresAt",
						"2026-11-28T17:00:00Z"),
				"UserView", Map.of("id", 42, "name", "alice", "createdAt", "2026-11-28T12:00:00Z"));

	@Bean
	OpenAPI userClusterOpenApi() {
		return new OpenAPI()
			.info(new Info().title("user-cluster API")
				.version("v1")
				.license(new License().name("Proprietary").identifier("LicenseRef-Proprietary"))
				.description("Register, log in, log out, and find who is online and where. "
						+ "Every error is application/problem+json with a stable `code`."))
			.components(new Components().addSecuritySchemes(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP)
				.scheme("bearer")
				.description(
						"A session token from POST /api/v1/sessions, or the admin token " + "for /api/v1/admin/**")));
	}

	@Bean
	OperationCustomizer bearerInsteadOfAuthorizationHeader() {
		return (operation, handlerMethod) -> {
			if (operation.getParameters() != null && operation.getParameters()
				.removeIf((parameter) -> "header".equals(parameter.getIn())
						&& HttpHeaders.AUTHORIZATION.equalsIgnoreCase(parameter.getName()))) {
				operation.addSecurityItem(new SecurityRequirement().addList(BEARER));
			}
			else {
				// stated, not left out: registering and logging in need no credential
				operation.setSecurity(new ArrayList<>());
			}
			return operation;
		};
	}

	@Bean
	OperationCustomizer answersOfEveryCall() {
		return (operation, handlerMethod) -> {
			ApiResponses responses = operation.getResponses();
			if (responses != null) {
				// springdoc adds a 200 (the return type's) even beside a 201 or 204
				if (responses.keySet().stream().anyMatch((status) -> status.startsWith("2") && !status.equals("200"))) {
					responses.remove("200");
				}
				ApiResponse noContent = responses.get("204");
				if (noContent != null) {
					noContent.setContent(null);
				}
				addProblem(responses, ProblemCode.STORE_UNAVAILABLE);
			}
			return operation;
		};
	}

	@Bean
	OpenApiCustomizer problemSchemaAndExamples() {
		return (openApi) -> {
			openApi.getComponents().addSchemas(PROBLEM_SCHEMA, problemSchema());
			Map<String, Schema> schemas = openApi.getComponents().getSchemas();
			EXAMPLES.forEach((schemaName, examples) -> {
				Schema<?> schema = schemas.get(schemaName);
				if (schema != null && schema.getProperties() != null) {
					examples.forEach((property, example) -> {
						Schema<?> field = schema.getProperties().get(property);
						if (field != null) {
							field.setExample(example);
						}
					});
				}
			});
		};
	}

	/**
	 * Document that an operation may answer a problem: a new answer for its status, or
	 * its code added to the description of the one there is.
	 * @param responses the operation's answers
	 * @param code the problem
	 */
	public static void addProblem(ApiResponses responses, ProblemCode code) {
		String status = Integer.toString(code.status().value());
		String named = "`" + code.code() + "`";
		ApiResponse response = responses.get(status);
		if (response == null) {
			Schema<?> problem = new Schema<>().$ref(ProblemJson.SCHEMA);
			responses.addApiResponse(status, new ApiResponse().description(named + ": " + code.title())
				.content(new Content().addMediaType(ProblemJson.MEDIA_TYPE, new MediaType().schema(problem))));
		}
		else if (response.getDescription() == null || !response.getDescription().contains(named)) {
			String description = response.getDescription();
			response.setDescription((description == null || description.isEmpty()) ? named
					: description + "; " + named + ": " + code.title());
		}
	}

	private static Schema<?> problemSchema() {
		return new ObjectSchema().description("RFC 9457 problem detail")
			.addProperty("type", new StringSchema().example(ProblemCode.NAME_TAKEN.type().toString()))
			.addProperty("title", new StringSchema().example(ProblemCode.NAME_TAKEN.title()))
			.addProperty("status", new IntegerSchema().example(409))
			.addProperty("detail", new StringSchema())
			.addProperty("instance", new StringSchema().example("/api/v1/users"))
			.addProperty(ProblemCode.MEMBER, new StringSchema().example(ProblemCode.NAME_TAKEN.code()))
			.addProperty("errors",
					new ArraySchema().description("validation errors (400 only)")
						.items(new ObjectSchema().addProperty("field", new StringSchema())
							.addProperty("message", new StringSchema())));
	}

}
