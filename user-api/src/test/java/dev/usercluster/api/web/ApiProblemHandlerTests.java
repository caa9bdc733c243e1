package dev.usercluster.api.web;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest
class ApiProblemHandlerTests {

	private static final String PASSWORD = "hunter2-very-secret";

	@Autowired
	private MockMvc mvc;

	@Test
	void validRequestPasses() throws Exception {
		this.mvc.perform(json(post("/test/users"), "{\"name\":\"alice\",\"password\":\"" + PASSWORD + "\"}"))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.name").value("alice"));
	}

	@Test
	void invalidFieldsAreListedWithoutTheirValues() throws Exception {
		problem(this.mvc.perform(json(post("/test/users"), "{\"name\":\"a b\",\"password\":\"short\"}")), 400,
				"invalid-request")
			.andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("name", "password")))
			.andExpect(content().string(not(containsString("short"))))
			.andExpect(content().string(not(containsString("a b"))));
	}

	@Test
	void longPasswordIsRejectedWithoutBeingEchoed() throws Exception {
		String password = PASSWORD.repeat(10);
		problem(this.mvc.perform(json(post("/test/users"), "{\"name\":\"alice\",\"password\":\"" + password + "\"}")),
				400, "invalid-request")
			.andExpect(jsonPath("$.errors[0].field").value("password"))
			.andExpect(content().string(not(containsString(PASSWORD))));
	}

	@ParameterizedTest
	@ValueSource(strings = { "\\uD800", "\\uDC00", "\\uD83D" })
	void passwordWithALoneSurrogateIsInvalid(String surrogate) throws Exception {
		problem(this.mvc
			.perform(json(post("/test/users"), "{\"name\":\"alice\",\"password\":\"" + PASSWORD + surrogate + "\"}")),
				400, "invalid-request")
			.andExpect(jsonPath("$.errors[0].field").value("password"))
			.andExpect(jsonPath("$.errors[0].message").value("must be well-formed Unicode text"));
	}

	@Test
	void passwordWithASurrogatePairIsValid() throws Exception {
		this.mvc
			.perform(json(post("/test/users"), "{\"name\":\"alice\",\"password\":\"" + PASSWORD + "\\uD83D\\uDE00\"}"))
			.andExpect(status().isCreated());
	}

	@Test
	void missingAndNullFieldsAreInvalid() throws Exception {
		problem(this.mvc.perform(json(post("/test/users"), "{\"name\":null}")), 400, "invalid-request")
			.andExpect(jsonPath("$.errors[*].field", containsInAnyOrder("name", "password")));
	}

	@ParameterizedTest
	@ValueSource(strings = { "42", "4.2", "true", "{\"a\":1}", "[\"alice\"]" })
	void nonStringWhereAStringIsExpectedIsInvalid(String name) throws Exception {
		problem(this.mvc
			.perform(json(post("/test/users"), "{\"name\":" + name + ",\"password\":\"" + PASSWORD + "\"}")), 400,
				"invalid-request")
			.andExpect(jsonPath("$.errors[0].field").value("name"))
			.andExpect(content().string(not(containsString(PASSWORD))));
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"password\":\"" + PASSWORD + "\",\"name\":", "", "not json " + PASSWORD, "[]" })
	void malformedBodyIsInvalidAndNotEchoed(String body) throws Exception {
		problem(this.mvc.perform(json(post("/test/users"), body)), 400, "invalid-request")
			.andExpect(content().string(not(containsString(PASSWORD))));
	}

	@Test
	void bodyThatIsNotJsonIsAnUnsupportedMediaType() throws Exception {
		problem(this.mvc.perform(post("/test/users").contentType(MediaType.TEXT_PLAIN).content("alice")), 415,
				"unsupported-media-type");
	}

	@Test
	void wrongMethodIsNotAllowed() throws Exception {
		problem(this.mvc.perform(json(put("/test/users"), "{}")), 405, "method-not-allowed");
	}

	@Test
	void unacceptableResponseTypeIsNotAcceptable() throws Exception {
		problem(this.mvc.perform(get("/test/users").param("limit", "5").accept(MediaType.APPLICATION_XML)), 406,
				"not-acceptable");
	}

	@Test
	void unknownPathIsNotFound() throws Exception {
		problem(this.mvc.perform(get("/test/nothing-here").accept(MediaType.APPLICATION_JSON)), 404, "not-found");
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "501", "-1" })
	void limitOutOfRangeIsInvalid(String limit) throws Exception {
		problem(this.mvc.perform(get("/test/users").param("limit", limit)), 400, "invalid-request")
			.andExpect(jsonPath("$.errors[0].field").value("limit"));
	}

	@Test
	void mistypedParameterIsInvalidWithoutEchoingIt() throws Exception {
		problem(this.mvc.perform(get("/test/users").param("limit", "many-" + PASSWORD)), 400, "invalid-request")
			.andExpect(jsonPath("$.errors[0].field").value("limit"))
			.andExpect(content().string(not(containsString(PASSWORD))));
	}

	@Test
	void missingParameterIsInvalid() throws Exception {
		problem(this.mvc.perform(get("/test/users")), 400, "invalid-request");
	}

	@Test
	void constraintViolationIsInvalidWithItsFields() throws Exception {
		problem(this.mvc.perform(get("/test/violation")), 400, "invalid-request")
			.andExpect(jsonPath("$.errors[0].field").value("name"))
			.andExpect(content().string(not(containsString("secret pw"))));
	}

	@Test
	void apiExceptionKeepsItsCodeAndHeaders() throws Exception {
		problem(this.mvc.perform(get("/test/taken")), 409, "name-taken").andExpect(header().string("Retry-After", "2"));
	}

	@Test
	void unexpectedErrorIsAGenericInternalError() throws Exception {
		problem(this.mvc.perform(get("/test/boom")), 500, "internal-error")
			.andExpect(content().string(not(containsString("secret"))))
			.andExpect(content().string(not(containsString("IllegalStateException"))));
	}

	@Test
	void declaredBodyOverTheLimitIsTooLarge() throws Exception {
		String name = "a".repeat(17 * 1024);
		problem(this.mvc.perform(json(post("/test/users"), "{\"name\":\"" + name + "\",\"password\":\"x\"}")), 413,
				"payload-too-large");
	}

	private static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, String body) {
		return request.contentType(MediaType.APPLICATION_JSON).accept(MediaType.APPLICATION_JSON).content(body);
	}

	private static ResultActions problem(ResultActions result, int status, String code) throws Exception {
		return result.andExpect(status().is(status))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(status))
			.andExpect(jsonPath("$.code").value(code))
			.andExpect(jsonPath("$.type").value("urn:user-cluster:problem:" + code))
			.andExpect(jsonPath("$.title").isString())
			.andExpect(jsonPath("$.detail").isString())
			.andExpect(jsonPath("$.trace").doesNotExist());
	}

}
