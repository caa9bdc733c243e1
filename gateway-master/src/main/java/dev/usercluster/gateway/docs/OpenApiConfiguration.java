package dev.usercluster.gateway.docs;

import java.util.Map;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;

/**
 * The OpenAPI description of the public API ({@code /v3/api-docs}, Swagger UI at
 * {@code /swagger-ui.html}). The contract interface knows nothing of springdoc, so the
 * {@code Authorization} header parameters it declares are replaced here by a bearer
 * security scheme, which makes Swagger UI's "Authorize" button work.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	private static final String BEARER = "bearer";

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
			return operation;
		};
	}

	@Bean
	OpenApiCustomizer fieldExamples() {
		return (openApi) -> {
			Map<String, Schema> schemas = (openApi.getComponents() != null) ? openApi.getComponents().getSchemas()
					: null;
			if (schemas == null) {
				return;
			}
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

}
