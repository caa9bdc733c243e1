package dev.usercluster.api.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import dev.usercluster.testsupport.Problems;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests a real Tomcat refuses before Spring sees them, and the odd ones it lets
 * through: each answer is a problem detail with a {@code code}, never Tomcat's HTML page,
 * never a 5xx. Sent over a bare socket, as no HTTP client library sends them.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class TomcatRefusalTests {

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	private int port;

	@ParameterizedTest
	@ValueSource(strings = { "/test/a%2Fb", "/test/a\\b", "/test/%2e%2e/%2e%2e/x", "/test/a%00b", "/test/%zz" })
	void oddPathIsAProblem(String path) throws IOException {
		assertProblem(send("GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n"), 400, "invalid-request");
	}

	@Test
	void controlCharacterInAHeaderIsAProblem() throws IOException {
		assertProblem(send("GET /test/users HTTP/1.1\r\nHost: x\r\nX-Control: a\u0001b\r\n\r\n"), 400,
				"invalid-request");
	}

	@Test
	void oversizedHeaderIsAProblem() throws IOException {
		String cookie = "a=" + "b".repeat(20_000);
		assertProblem(send("GET /test/users HTTP/1.1\r\nHost: x\r\nCookie: " + cookie + "\r\n\r\n"), 400,
				"invalid-request");
	}

	@Test
	void malformedRequestLineIsAProblem() throws IOException {
		assertProblem(send("G\u0001T /test/users HTTP/1.1\r\nHost: x\r\n\r\n"), 400, "invalid-request");
	}

	@Test
	void unsupportedHttpVersionIsAClientError() throws IOException {
		// Tomcat's own answer is 505
		assertProblem(send("GET /test/users HTTP/1.2\r\nHost: x\r\n\r\n"), 400, "invalid-request");
	}

	@Test
	void unknownTransferCodingIsAClientError() throws IOException {
		// Tomcat's own answer is 501
		assertProblem(send("POST /test/users HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n"), 400,
				"invalid-request");
	}

	@ParameterizedTest
	@ValueSource(strings = { "limit=%FF%FE", "limit=5&after=%C0%AF", "%FF=1" })
	void queryThatIsNotUtf8IsInvalid(String query) throws IOException {
		assertProblem(send("GET /test/users?" + query + " HTTP/1.1\r\nHost: x\r\n\r\n"), 400, "invalid-request");
	}

	@ParameterizedTest
	@ValueSource(strings = { "GET", "PUT", "POST", "DELETE", "PATCH" })
	void errorPathIsNotFoundByAnyMethod(String method) throws IOException {
		assertProblem(send(method + " /error HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n"), 404, "not-found");
	}

	@ParameterizedTest
	@ValueSource(strings = { ";q=x", "garbage/", "text/html", "application/xml" })
	void errorIsAProblemWhateverTheClientAccepts(String accept) throws IOException {
		assertProblem(send("GET /test/nothing-here HTTP/1.1\r\nHost: x\r\nAccept: " + accept + "\r\n\r\n"), 404,
				"not-found");
	}

	@Test
	void unacceptableAnswerIsAProblemAnyway() throws IOException {
		assertProblem(send("GET /test/users?limit=5 HTTP/1.1\r\nHost: x\r\nAccept: text/html\r\n\r\n"), 406,
				"not-acceptable");
	}

	private static void assertProblem(String answer, int status, String code) {
		int end = answer.indexOf("\r\n\r\n");
		assertThat(end).as("an HTTP answer: %s", answer).isPositive();
		String head = answer.substring(0, end);
		assertThat(head).startsWith("HTTP/1.1 ");
		int actualStatus = Integer.parseInt(head.substring("HTTP/1.1 ".length(), "HTTP/1.1 ".length() + 3));
		String contentType = head.lines()
			.filter((line) -> line.toLowerCase().startsWith("content-type:"))
			.map((line) -> line.substring("content-type:".length()).strip())
			.findFirst()
			.orElse(null);
		String body = answer.substring(end + 4);
		if (head.toLowerCase().contains("transfer-encoding: chunked")) {
			body = dechunked(body);
		}
		JsonNode problem = Problems.assertProblem(actualStatus, contentType, body, status, code);
		assertThat(problem.get("type").asString()).isEqualTo("urn:user-cluster:problem:" + code);
		assertThat(body).doesNotContainIgnoringCase("tomcat").doesNotContainIgnoringCase("exception");
	}

	private static String dechunked(String chunked) {
		StringBuilder body = new StringBuilder();
		int at = 0;
		while (true) {
			int lineEnd = chunked.indexOf("\r\n", at);
			int size = Integer.parseInt(chunked.substring(at, lineEnd).strip(), 16);
			if (size == 0) {
				return body.toString();
			}
			body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
			at = lineEnd + 2 + size + 2;
		}
	}

	/** Send bytes as they are, with {@code Connection: close} semantics, and read all. */
	private String send(String request) throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			String closing = request.replaceFirst("\r\n", "\r\nConnection: close\r\n");
			try {
				out.write(closing.getBytes(StandardCharsets.ISO_8859_1));
				out.flush();
			}
			catch (IOException ex) {
				// refused while still sending (a header too large): the answer follows
			}
			InputStream in = socket.getInputStream();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
