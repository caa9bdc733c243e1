package dev.usercluster.gateway;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP/1.1 client over a bare socket, for requests that {@code java.net.http} refuses
 * to send: any bytes as request line, headers and body. One connection per request.
 */
final class RawHttp {

	/** Longest answer read; more is a finding in itself. */
	private static final int MAX_ANSWER = 1 << 20;

	private final InetSocketAddress server;

	private final int timeoutMillis;

	RawHttp(int port, int timeoutMillis) {
		this.server = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
		this.timeoutMillis = timeoutMillis;
	}

	/**
	 * Send a request and read the answer.
	 * @param request the whole request, as it goes on the wire
	 * @param from the local address to connect from (a loopback address)
	 * @param head whether the request is a {@code HEAD}, whose answer has no body
	 * @return the final answer (after any interim 1xx), or {@link Answer#none} when the
	 * server closed without one
	 * @throws IOException when the connection fails or the answer does not come in time
	 */
	Answer send(byte[] request, InetAddress from, boolean head) throws IOException {
		try (Socket socket = new Socket()) {
			socket.bind(new InetSocketAddress(from, 0));
			socket.connect(this.server, this.timeoutMillis);
			socket.setSoTimeout(this.timeoutMillis);
			OutputStream out = socket.getOutputStream();
			try {
				out.write(request);
				out.flush();
			}
			catch (IOException ex) {
				// the server may refuse early (a header too large) and close while we
				// write: its answer may still be readable
			}
			InputStream in = socket.getInputStream();
			try {
				return read(in, head);
			}
			catch (SocketTimeoutException ex) {
				throw new IOException("No complete answer within " + this.timeoutMillis + " ms", ex);
			}
		}
	}

	private static Answer read(InputStream in, boolean head) throws IOException {
		String statusLine = line(in, true);
		if (statusLine == null) {
			return Answer.none();
		}
		if (!statusLine.startsWith("HTTP/")) {
			// an HTTP/0.9 answer (to a request line without a version): the body alone
			byte[] rest = untilClose(in);
			return new Answer(0, Map.of(), statusLine + "\n" + new String(rest, StandardCharsets.UTF_8));
		}
		String[] parts = statusLine.split(" ", 3);
		if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
			throw new IOException("Not an HTTP answer: " + statusLine);
		}
		int status = Integer.parseInt(parts[1]);
		Map<String, String> headers = headers(in);
		if (status >= 100 && status < 200) {
			// an interim answer (100 Continue): the real one follows
			return read(in, head);
		}
		byte[] body;
		if (head || status == 204 || status == 304) {
			body = new byte[0];
		}
		else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
			body = chunked(in);
		}
		else if (headers.containsKey("content-length")) {
			body = exactly(in, Integer.parseInt(headers.get("content-length")));
		}
		else {
			body = untilClose(in);
		}
		return new Answer(status, headers, new String(body, StandardCharsets.UTF_8));
	}

	private static Map<String, String> headers(InputStream in) throws IOException {
		Map<String, String> headers = new LinkedHashMap<>();
		for (String header = line(in, false); !header.isEmpty(); header = line(in, false)) {
			int colon = header.indexOf(':');
			headers.merge(header.substring(0, colon).strip().toLowerCase(Locale.ROOT),
					header.substring(colon + 1).strip(), (a, b) -> a + ", " + b);
		}
		return headers;
	}

	private static byte[] chunked(InputStream in) throws IOException {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		while (true) {
			String size = line(in, false);
			int semicolon = size.indexOf(';');
			int length = Integer.parseInt((semicolon >= 0) ? size.substring(0, semicolon) : size.strip(), 16);
			if (length == 0) {
				while (!line(in, false).isEmpty()) {
					// trailers
				}
				return body.toByteArray();
			}
			body.write(exactly(in, length));
			line(in, false);
			if (body.size() > MAX_ANSWER) {
				throw new IOException("Answer larger than " + MAX_ANSWER + " bytes");
			}
		}
	}

	private static byte[] exactly(InputStream in, int length) throws IOException {
		if (length > MAX_ANSWER) {
			throw new IOException("Answer larger than " + MAX_ANSWER + " bytes");
		}
		byte[] bytes = in.readNBytes(length);
		if (bytes.length < length) {
			throw new EOFException("Answer ended after " + bytes.length + " of " + length + " bytes");
		}
		return bytes;
	}

	private static byte[] untilClose(InputStream in) throws IOException {
		byte[] bytes = in.readNBytes(MAX_ANSWER + 1);
		if (bytes.length > MAX_ANSWER) {
			throw new IOException("Answer larger than " + MAX_ANSWER + " bytes");
		}
		return bytes;
	}

	/**
	 * A CRLF-terminated line. With {@code first}, the end of the stream may come instead:
	 * then {@code null} before any byte, or the text so far (an HTTP/0.9 answer).
	 */
	private static String line(InputStream in, boolean first) throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		int next;
		while ((next = in.read()) != '\n') {
			if (next == -1) {
				if (first) {
					return (line.size() == 0) ? null : line.toString(StandardCharsets.UTF_8);
				}
				throw new EOFException("Answer ended in a line: " + line);
			}
			if (line.size() > 64 * 1024) {
				throw new IOException("Answer line longer than 64 KiB");
			}
			line.write(next);
		}
		String text = line.toString(StandardCharsets.ISO_8859_1);
		return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
	}

	/**
	 * What the server answered.
	 *
	 * @param status the status code; 0 for an HTTP/0.9 answer (a body alone) or, with an
	 * empty body, when the server closed without answering
	 * @param headers header names in lower case, repeated ones joined
	 * @param body the body as UTF-8
	 */
	record Answer(int status, Map<String, String> headers, String body) {

		static Answer none() {
			return new Answer(0, Map.of(), "");
		}

		String contentType() {
			return this.headers.getOrDefault("content-type", "");
		}

	}

}
