package dev.usercluster.gateway.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;

/**
 * The OpenAPI description of the public API ({@code /v3/api-docs}, Swagger UI at
 * {@code /swagger-ui.html}). The contract module knows nothing of springdoc, so the
 * bearer scheme and the examples are added here: every call that takes
 * {@code Authorization} is marked as needing the bearer token, which Swagger UI's
 * "Authorize" button then sends.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	private static final String BEARER = "bearer";

	private static final Map<String, Object> EXAMPLES = examples();

	@Bean
	OpenApiCustomizer publicApiDescription() {
		return (openApi) -> {
			openApi.info(new Info().title("user-cluster API")
				.version("v1")
				.description("Register, log in, log out, and who is online where. Errors are "
						+ "application/problem+json with a stable `code`. Log in, then paste the "
						+ "token into Authorize."));
			Components components = (openApi.getComponents() != null) ? openApi.getComponents() : new Components();
			openApi.components(components.addSecuritySchemes(BEARER,
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme(BEARER).description("Session token")));
			if (openApi.getPaths() != null) {
				openApi.getPaths()
					.values()
					.forEach((path) -> path.readOperations().forEach(OpenApiConfiguration::bearerInsteadOfHeader));
			}
			addExamples(openApi);
		};
	}

	private static void bearerInsteadOfHeader(Operation operation) {
		if (operation.getParameters() != null && operation.getParameters()
			.removeIf((parameter) -> "header".equals(parameter.getIn())
					&& HttpHeaders.AUTHORIZATION.equalsIgnoreCase(parameter.getName()))) {
			operation.addSecurityItem(new SecurityRequirement().addList(BEARER));
		}
	}

	@SuppressWarnings("rawtypes")
	private static void addExamples(OpenAPI openApi) {
		Map<String, Schema> schemas = (openApi.getComponents().getSchemas() != null)
				? openApi.getComponents().getSchemas() : Map.of();
		EXAMPLES.forEach((name, example) -> {
			Schema schema = schemas.get(name);
			if (schema != null) {
				schema.setExample(example);
			}
		});
	}

	private static Map<String, Object> examples() {
		String created = "2026-11-28T12:00:00Z";
		String expires = "2026-11-28T17:00:00Z";
		Map<String, Object> session = Map.of("name", "Alice", "endpoint", "10.0.0.7:7000", "createdAt", created,
				"expiresAt", expires);
		Map<String, Object> examples = new LinkedHashMap<>();
		examples.put("RegisterRequest", Map.of("name", "Alice", "password", "correct horse battery"));
		examples.put("LoginRequest",
				Map.of("name", "alice", "password", "correct horse battery", "endpoint", "10.0.0.7:7000"));
		examples.put("UserView", Map.of("id", 42, "name", "Alice", "createdAt", created));
		examples.put("NewSession", Map.of("token", "q0vXh1d3AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "name", "Alice",
				"endpoint", "10.0.0.7:7000", "createdAt", created, "expiresAt", expires));
		examples.put("SessionView", session);
		examples.put("UserDetails", Map.of("id", 42, "name", "Alice", "createdAt", created, "online", true));
		examples.put("UserSummary", Map.of("id", 42, "name", "Alice", "online", true));
		examples.put("ProblemDetail",
				Map.of("type", "urn:user-cluster:problem:invalid-request", "title", "Invalid request", "status", 400,
						"detail", "The request has invalid fields.", "code", "invalid-request", "errors",
						List.of(Map.of("field", "name", "message", "must be 1 to 32 letters, digits, _ - ."))));
		return examples;
	}

}
