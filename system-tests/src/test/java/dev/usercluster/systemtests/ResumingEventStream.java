package dev.usercluster.systemtests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

import com.jayway.jsonpath.JsonPath;

/**
 * A client of the presence event stream as a chat back-end would run one: on a thread of
 * its own it reads server-sent events, and whenever the stream ends (or breaks) it opens
 * it again with {@code Last-Event-ID} set to the last position it received, a bounded
 * number of times. Comment lines ({@code : open}, {@code : keep-alive}) are ignored.
 * Every event and every connection is recorded.
 */
final class ResumingEventStream implements AutoCloseable {

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

	/** Longer than the gateway's keep-alive (15 s): only a silent stream times out. */
	private static final Duration READ_TIMEOUT = Duration.ofSeconds(25);

	private static final Duration RECONNECT_PAUSE = Duration.ofMillis(200);

	private final URI uri;

	private final String token;

	private final int maxConnections;

	private final List<Event> events = new CopyOnWriteArrayList<>();

	private final List<Connection> connections = new CopyOnWriteArrayList<>();

	private final Thread reader;

	private volatile boolean closed;

	private volatile boolean open;

	private volatile String lastId;

	private volatile HttpURLConnection current;

	/**
	 * One event.
	 *
	 * @param id its position
	 * @param type {@code online}, {@code offline} or {@code reset}
	 * @param name the user's name
	 * @param endpoint the session's endpoint, or {@code null}
	 * @param reason why it changed
	 * @param receivedMillis when this client read it
	 */
	record Event(String id, String type, String name, String endpoint, String reason, long receivedMillis) {

		/** {@code type/reason}. */
		String change() {
			return this.type + "/" + this.reason;
		}

	}

	/**
	 * One attempt to open the stream and how it ended.
	 *
	 * @param openedMillis when it was sent
	 * @param endedMillis when it ended
	 * @param lastEventId the position it asked to resume after, or {@code null}
	 * @param status the answer's status, or -1 when none came
	 * @param events how many events it delivered
	 * @param end how it ended: {@code end of stream}, or the failure
	 */
	record Connection(long openedMillis, long endedMillis, String lastEventId, int status, int events, String end) {

		@Override
		public String toString() {
			return this.status + " (" + this.events + " events, " + (this.endedMillis - this.openedMillis) + " ms, "
					+ this.end + ")";
		}

	}

	/**
	 * Start reading.
	 * @param uri the stream's address
	 * @param token a live session's token
	 * @param maxConnections how often it opens the stream at most
	 */
	ResumingEventStream(URI uri, String token, int maxConnections) {
		this.uri = uri;
		this.token = token;
		this.maxConnections = maxConnections;
		this.reader = new Thread(this::run, "presence-event-client");
		this.reader.setDaemon(true);
		this.reader.start();
	}

	private void run() {
		while (!this.closed && this.connections.size() < this.maxConnections) {
			long opened = System.currentTimeMillis();
			String resumeAfter = this.lastId;
			int status = -1;
			int before = this.events.size();
			String end;
			try {
				HttpURLConnection connection = (HttpURLConnection) this.uri.toURL().openConnection();
				this.current = connection;
				connection.setConnectTimeout((int) CONNECT_TIMEOUT.toMillis());
				connection.setReadTimeout((int) READ_TIMEOUT.toMillis());
				connection.setRequestProperty("Accept", "text/event-stream");
				connection.setRequestProperty("Authorization", "Bearer " + this.token);
				if (resumeAfter != null) {
					connection.setRequestProperty("Last-Event-ID", resumeAfter);
				}
				status = connection.getResponseCode();
				if (status == 200) {
					this.open = true;
					try (InputStream body = connection.getInputStream()) {
						read(body);
					}
					end = "end of stream";
				}
				else {
					InputStream error = connection.getErrorStream();
					end = (error != null) ? new String(error.readAllBytes(), StandardCharsets.UTF_8) : "no body";
				}
			}
			catch (IOException | RuntimeException ex) {
				end = ex.toString();
			}
			finally {
				this.open = false;
			}
			this.connections.add(new Connection(opened, System.currentTimeMillis(), resumeAfter, status,
					this.events.size() - before, end));
			if (!this.closed) {
				LockSupport.parkNanos(RECONNECT_PAUSE.toNanos());
			}
		}
	}

	private void read(InputStream body) throws IOException {
		BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
		String id = null;
		String type = null;
		StringBuilder data = null;
		for (String line = lines.readLine(); line != null && !this.closed; line = lines.readLine()) {
			if (line.isEmpty()) {
				if (type != null || data != null) {
					this.events.add(event(id, type, (data != null) ? data.toString() : "{}"));
					if (id != null) {
						this.lastId = id;
					}
				}
				id = null;
				type = null;
				data = null;
			}
			else if (line.startsWith("id:")) {
				id = line.substring(3).strip();
			}
			else if (line.startsWith("event:")) {
				type = line.substring(6).strip();
			}
			else if (line.startsWith("data:")) {
				String value = line.substring(5).strip();
				data = (data == null) ? new StringBuilder(value) : data.append('\n').append(value);
			}
			// a comment line (":") or an unknown field is ignored
		}
	}

	private static Event event(String id, String type, String data) {
		return new Event(id, type, field(data, "$.name"), field(data, "$.endpoint"), field(data, "$.reason"),
				System.currentTimeMillis());
	}

	private static String field(String json, String path) {
		try {
			Object value = JsonPath.read(json, path);
			return (value != null) ? value.toString() : null;
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	/** Whether the stream is open now. */
	boolean isOpen() {
		return this.open;
	}

	/** Every event received so far, in order. */
	List<Event> events() {
		return List.copyOf(this.events);
	}

	/** The events that match a condition. */
	List<Event> events(Predicate<Event> condition) {
		return this.events.stream().filter(condition).toList();
	}

	/** Every connection that ended so far, in order. */
	List<Connection> connections() {
		return List.copyOf(this.connections);
	}

	/** How often the stream was opened again after the first time (ended ones). */
	int reconnects() {
		int ended = this.connections.size();
		return Math.max(0, ended - 1) + ((this.open && ended > 0) ? 1 : 0);
	}

	@Override
	public void close() throws InterruptedException {
		this.closed = true;
		HttpURLConnection connection = this.current;
		if (connection != null) {
			connection.disconnect();
		}
		this.reader.interrupt();
		this.reader.join(Duration.ofSeconds(10).toMillis());
	}

}
