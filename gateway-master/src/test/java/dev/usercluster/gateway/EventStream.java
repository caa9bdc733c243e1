package dev.usercluster.gateway;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client of the presence event stream: reads server-sent events on a thread of its own
 * into a queue, and can take them with a deadline.
 */
final class EventStream implements AutoCloseable {

	private static final JsonMapper json = JsonMapper.builder().build();

	private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

	private final CompletableFuture<HttpResponse<Stream<String>>> response;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private volatile boolean ended;

	private volatile String lastId;

	private volatile Stream<String> body;

	/**
	 * Open the stream.
	 * @param uri the stream's address
	 * @param token a live session's token
	 * @param lastEventId the position to resume after, or {@code null}
	 */
	EventStream(URI uri, String token, String lastEventId) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri)
			.header("Accept", "text/event-stream")
			.header("Authorization", "Bearer " + token);
		if (lastEventId != null) {
			request.header("Last-Event-ID", lastEventId);
		}
		this.lastId = lastEventId;
		this.response = this.http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines());
		// a thread of its own, never the caller's (which runs it when the answer came
		// first)
		this.response.thenAcceptAsync((answer) -> {
			String id = null;
			String type = null;
			StringBuilder data = null;
			this.body = answer.body();
			try (Stream<String> lines = answer.body()) {
				for (String line : (Iterable<String>) lines::iterator) {
					if (line.isEmpty()) {
						if (type != null || data != null) {
							this.events
								.add(new Event(id, type, (data != null) ? json.readTree(data.toString()) : null));
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
						data = (data == null) ? new StringBuilder(line.substring(5)) : data.append(line.substring(5));
					}
				}
			}
			catch (RuntimeException ex) {
				// the stream broke: the test sees it ended
			}
			finally {
				this.ended = true;
			}
		}, (task) -> {
			Thread reader = new Thread(task, "event-stream-reader");
			reader.setDaemon(true);
			reader.start();
		}).exceptionally((ex) -> {
			this.ended = true;
			return null;
		});
	}

	/** Wait for the answer's status (200 once the stream is open). */
	int awaitStatus(Duration wait) throws Exception {
		return this.response.get(wait.toMillis(), TimeUnit.MILLISECONDS).statusCode();
	}

	/**
	 * Take events until one matches, or the deadline.
	 * @return every event taken, the matching one last
	 */
	List<Event> until(Predicate<Event> last, Duration wait) throws InterruptedException {
		List<Event> taken = new ArrayList<>();
		long deadline = System.nanoTime() + wait.toNanos();
		while (System.nanoTime() < deadline) {
			Event event = this.events.poll(100, TimeUnit.MILLISECONDS);
			if (event != null) {
				taken.add(event);
				if (last.test(event)) {
					return taken;
				}
			}
		}
		throw new AssertionError("No matching event within " + wait + "; took " + taken);
	}

	/** Every event that arrives within a time. */
	List<Event> during(Duration wait) throws InterruptedException {
		List<Event> taken = new ArrayList<>();
		long deadline = System.nanoTime() + wait.toNanos();
		while (System.nanoTime() < deadline) {
			Event event = this.events.poll(50, TimeUnit.MILLISECONDS);
			if (event != null) {
				taken.add(event);
			}
		}
		return taken;
	}

	boolean ended() {
		return this.ended;
	}

	String lastId() {
		return this.lastId;
	}

	@Override
	public void close() {
		this.response.cancel(true);
		Stream<String> lines = this.body;
		if (lines != null) {
			lines.close();
		}
	}

	/**
	 * One event.
	 *
	 * @param id its position
	 * @param type {@code online}, {@code offline} or {@code reset}
	 * @param data its payload
	 */
	record Event(String id, String type, JsonNode data) {

		String name() {
			return this.data.path("name").asString();
		}

		String reason() {
			return this.data.path("reason").asString();
		}

		String endpoint() {
			return this.data.path("endpoint").isNull() ? null : this.data.path("endpoint").asString();
		}

		/** {@code type/reason}. */
		String change() {
			return this.type + "/" + reason();
		}

	}

}
