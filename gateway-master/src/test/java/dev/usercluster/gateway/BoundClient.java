package dev.usercluster.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * HTTP/1.1 from a chosen local address (any of 127.0.0.0/8 on Linux), which the JDK's
 * {@code HttpClient} cannot bind on Java 17: the caller is then a peer the server does
 * not trust.
 */
final class BoundClient {

	private final InetAddress local;

	BoundClient(InetAddress local) {
		this.local = local;
	}

	/** A loopback address of its own, so no earlier run's throttling state applies. */
	static InetAddress randomLoopbackAddress() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		byte[] address = { 127, (byte) random.nextInt(1, 255), (byte) random.nextInt(256),
				(byte) random.nextInt(1, 255) };
		try {
			return InetAddress.getByAddress(address);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	InetAddress local() {
		return this.local;
	}

	/**
	 * Send one request and read the whole answer.
	 * @return the status code and the raw answer (headers and body)
	 */
	Answer postJson(InetSocketAddress server, String path, String json, Map<String, String> headers)
			throws IOException {
		try (Socket socket = new Socket()) {
			socket.bind(new InetSocketAddress(this.local, 0));
			socket.connect(server, 5000);
			socket.setSoTimeout(30_000);
			byte[] body = json.getBytes(StandardCharsets.UTF_8);
			StringBuilder request = new StringBuilder().append("POST ")
				.append(path)
				.append(" HTTP/1.1\r\nHost: ")
				.append(server.getHostString())
				.append(':')
				.append(server.getPort())
				.append("\r\nContent-Type: application/json\r\nAccept: application/json\r\nConnection: close\r\n")
				.append("Content-Length: ")
				.append(body.length)
				.append("\r\n");
			headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
			request.append("\r\n");
			OutputStream out = socket.getOutputStream();
			out.write(request.toString().getBytes(StandardCharsets.ISO_8859_1));
			out.write(body);
			out.flush();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream answer = new ByteArrayOutputStream();
			in.transferTo(answer);
			String text = answer.toString(StandardCharsets.UTF_8);
			int status = Integer.parseInt(text.substring(9, 12));
			return new Answer(status, text);
		}
	}

	record Answer(int status, String raw) {

		boolean hasCode(String code) {
			return this.raw.contains("\"code\":\"" + code + "\"");
		}

		boolean hasHeader(String name) {
			return this.raw.toLowerCase(Locale.ROOT).contains("\r\n" + name.toLowerCase(Locale.ROOT) + ":");
		}

	}

}
