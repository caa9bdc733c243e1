package dev.usercluster.testsupport;

import java.net.http.HttpResponse;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one assertion that an answer is an RFC 9457 problem: its status (on the answer and
 * in the body), the content type {@code application/problem+json} and the problem's
 * {@code code}.
 */
public final class Problems {

	private static final JsonMapper json = JsonMapper.builder().build();

	private Problems() {
	}

	/**
	 * Assert that an answer is a problem.
	 * @param answer the answer
	 * @param status the status it must have
	 * @param code the {@code code} it must carry
	 * @return the problem, for further assertions
	 */
	public static JsonNode assertProblem(JsonClient.Answer answer, int status, String code) {
		return assertProblem(answer.statusCode(), answer.headers().firstValue("Content-Type").orElse(null),
				answer.body(), status, code);
	}

	/**
	 * Assert that an answer is a problem.
	 * @param response the answer
	 * @param status the status it must have
	 * @param code the {@code code} it must carry
	 * @return the problem, for further assertions
	 */
	public static JsonNode assertProblem(HttpResponse<String> response, int status, String code) {
		return assertProblem(response.statusCode(), response.headers().firstValue("Content-Type").orElse(null),
				response.body(), status, code);
	}

	/**
	 * Assert that an answer, taken apart by the caller (a raw socket's, say), is a
	 * problem.
	 * @param actualStatus the answer's status
	 * @param contentType its {@code Content-Type}, or {@code null} when it had none
	 * @param body its body
	 * @param status the status it must have
	 * @param code the {@code code} it must carry
	 * @return the problem, for further assertions
	 */
	public static JsonNode assertProblem(int actualStatus, String contentType, String body, int status, String code) {
		assertThat(actualStatus).as(body).isEqualTo(status);
		assertThat(contentType).as("Content-Type of %s", body).startsWith("application/problem+json");
		JsonNode problem = json.readTree(body);
		assertThat(problem.path("code").asString(null)).as(body).isEqualTo(code);
		assertThat(problem.path("status").asInt(-1)).as(body).isEqualTo(status);
		return problem;
	}

}
