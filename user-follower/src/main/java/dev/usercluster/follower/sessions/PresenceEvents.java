package dev.usercluster.follower.sessions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.usercluster.api.ApiException;
import dev.usercluster.api.ProblemCode;

import org.springframework.boot.thread.Threading;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.stream.ByteRecord;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.StreamInfo;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The presence event stream to clients: server-sent events read from the Redis stream the
 * session scripts write.
 *
 * <p>
 * One reader per follower blocks on {@code XREAD} on a connection of its own (never the
 * shared connection every other call uses) and hands each event to every subscriber's
 * queue. A subscriber joins the reader first, then reads from Redis what came after its
 * position ({@code Last-Event-ID}, or the end of the stream when it has none), then
 * drains its queue, skipping what it already sent: so it misses nothing and sees nothing
 * twice, on whichever follower it reconnects to. A subscriber too slow to keep up with
 * its queue is ended; it reconnects with its position.
 */
@Component
class PresenceEvents implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(PresenceEvents.class);

	private static final Pattern STREAM_ID = Pattern.compile("\\d{1,19}-\\d{1,19}");

	/** A comment this often keeps an idle connection (and proxies) from timing out. */
	static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

	/** Events queued for one subscriber before it counts as too slow. */
	private static final int QUEUE = 10_000;

	/** Events read from Redis per call. */
	private static final int BATCH = 1_000;

	private static final Duration BLOCK = Duration.ofSeconds(1);

	private final RedisConnectionFactory connections;

	private final StringRedisTemplate redis;

	private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();

	private volatile boolean running;

	private @Nullable Thread reader;

	/** A thread per subscriber: virtual where the JDK has them. */
	private final SimpleAsyncTaskExecutor senders = new SimpleAsyncTaskExecutor("presence-subscriber-");

	PresenceEvents(RedisConnectionFactory connections, StringRedisTemplate redis, Environment environment) {
		this.connections = connections;
		this.redis = redis;
		this.senders.setVirtualThreads(Threading.VIRTUAL.isActive(environment));
		this.senders.setDaemon(true);
	}

	/**
	 * A new subscriber.
	 * @param lastEventId the position the client saw last, or {@code null}
	 * @return the emitter to answer with
	 * @throws ApiException {@code invalid-request} for a malformed position
	 */
	SseEmitter subscribe(@Nullable String lastEventId) {
		if (lastEventId != null && !STREAM_ID.matcher(lastEventId.strip()).matches()) {
			throw new ApiException(ProblemCode.INVALID_REQUEST,
					"Last-Event-ID must be a position this stream sent (such as 1764676800000-0).");
		}
		SseEmitter emitter = new SseEmitter(0L);
		Subscriber subscriber = new Subscriber(emitter);
		emitter.onCompletion(() -> this.subscribers.remove(subscriber));
		emitter.onError((ex) -> this.subscribers.remove(subscriber));
		emitter.onTimeout(() -> this.subscribers.remove(subscriber));
		// the end of the stream before joining: what comes later reaches the queue or
		// the catch-up read, or both
		String start = (lastEventId != null) ? lastEventId.strip() : lastId();
		this.subscribers.add(subscriber);
		this.senders.execute(() -> subscriber.run(start, lastEventId != null));
		return emitter;
	}

	private String lastId() {
		List<MapRecord<String, Object, Object>> last = this.redis.opsForStream()
			.reverseRange(SessionKeys.EVENTS, Range.unbounded(), Limit.limit().count(1));
		return (last == null || last.isEmpty()) ? "0-0" : last.get(0).getId().getValue();
	}

	/** Whether events after a position may have been trimmed away. */
	private boolean trimmedAfter(String position) {
		StreamInfo.XInfoStream info;
		try {
			info = this.redis.opsForStream().info(SessionKeys.EVENTS);
		}
		catch (RuntimeException ex) {
			// no stream yet: nothing was ever trimmed
			return false;
		}
		// trimmed entries after it (Redis 7 reports the newest it deleted), or the
		// client's
		// own event is gone: then some after it may be too, so the client starts over
		Object deleted = info.getRaw().get("max-deleted-entry-id");
		if (deleted != null && STREAM_ID.matcher(deleted.toString()).matches()
				&& compare(position, deleted.toString()) < 0) {
			return true;
		}
		String first = info.firstEntryId();
		return first != null && compare(position, first) < 0;
	}

	/** Events after a position, oldest first, up to a batch. */
	private List<Event> after(String position) {
		List<MapRecord<String, Object, Object>> records = this.redis.opsForStream()
			.range(SessionKeys.EVENTS, Range.rightUnbounded(Range.Bound.exclusive(position)),
					Limit.limit().count(BATCH));
		List<Event> events = new ArrayList<>();
		if (records != null) {
			for (MapRecord<String, Object, Object> record : records) {
				events.add(Event.of(record.getId().getValue(), record.getValue()));
			}
		}
		return events;
	}

	static int compare(String a, String b) {
		int dashA = a.indexOf('-');
		int dashB = b.indexOf('-');
		int byTime = Long.compareUnsigned(Long.parseUnsignedLong(a.substring(0, dashA)),
				Long.parseUnsignedLong(b.substring(0, dashB)));
		return (byTime != 0) ? byTime : Long.compareUnsigned(Long.parseUnsignedLong(a.substring(dashA + 1)),
				Long.parseUnsignedLong(b.substring(dashB + 1)));
	}

	@Override
	public void start() {
		this.running = true;
		Thread thread = new Thread(this::read, "presence-events-reader");
		thread.setDaemon(true);
		thread.start();
		this.reader = thread;
	}

	@Override
	public void stop() {
		this.running = false;
		Thread thread = this.reader;
		if (thread != null) {
			thread.interrupt();
		}
		// clients reconnect through the gateway to a follower that stays
		for (Subscriber subscriber : this.subscribers) {
			subscriber.emitter.complete();
		}
		this.subscribers.clear();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Before the web server's graceful shutdown, which would wait for every stream. */
	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 512;
	}

	private void read() {
		String position = null;
		while (this.running) {
			try (RedisConnection connection = this.connections.getConnection()) {
				if (position == null) {
					position = lastId();
				}
				while (this.running) {
					List<ByteRecord> records = connection.streamCommands()
						.xRead(StreamReadOptions.empty().block(BLOCK).count(BATCH), StreamOffset
							.create(SessionKeys.EVENTS.getBytes(StandardCharsets.UTF_8), ReadOffset.from(position)));
					if (records == null) {
						continue;
					}
					for (ByteRecord record : records) {
						Map<Object, Object> fields = new LinkedHashMap<>();
						record.getValue()
							.forEach((key, value) -> fields.put(new String(key, StandardCharsets.UTF_8),
									new String(value, StandardCharsets.UTF_8)));
						Event event = Event.of(record.getId().getValue(), fields);
						for (Subscriber subscriber : this.subscribers) {
							subscriber.offer(event);
						}
						position = event.id();
					}
				}
			}
			catch (RuntimeException ex) {
				if (!this.running) {
					return;
				}
				logger.warn("Could not read presence events from Redis (trying again in 1 s): {}", ex.toString());
				try {
					Thread.sleep(1000);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	/**
	 * One event of the stream.
	 *
	 * @param id its position
	 * @param type {@code online} or {@code offline}
	 * @param data its JSON payload: name, endpoint, reason, time
	 */
	record Event(String id, String type, Map<String, @Nullable Object> data) {

		static Event of(String id, Map<Object, Object> fields) {
			Map<String, @Nullable Object> data = new LinkedHashMap<>();
			data.put("name", fields.get("name"));
			Object endpoint = fields.get("endpoint");
			data.put("endpoint", (endpoint == null || endpoint.toString().isEmpty()) ? null : endpoint);
			data.put("reason", fields.get("reason"));
			Object at = fields.get("at");
			data.put("at", (at != null) ? Instant.ofEpochMilli(Long.parseLong(at.toString())).toString() : null);
			return new Event(id, String.valueOf(fields.get("type")), data);
		}

	}

	private final class Subscriber {

		private final SseEmitter emitter;

		private final BlockingQueue<Event> queue = new ArrayBlockingQueue<>(QUEUE);

		private volatile boolean overflowed;

		Subscriber(SseEmitter emitter) {
			this.emitter = emitter;
		}

		void offer(Event event) {
			if (!this.queue.offer(event)) {
				this.overflowed = true;
			}
		}

		void run(String start, boolean resumed) {
			try {
				// the answer's headers go out now, not with the first event
				this.emitter.send(SseEmitter.event().comment("open"));
				String sent = start;
				if (resumed && trimmedAfter(start)) {
					sent = lastId();
					this.emitter.send(SseEmitter.event()
						.name("reset")
						.id(sent)
						.data(Map.of("reason", "position-too-old"), MediaType.APPLICATION_JSON));
				}
				for (List<Event> batch = after(sent); !batch.isEmpty(); batch = after(sent)) {
					for (Event event : batch) {
						send(event);
						sent = event.id();
					}
				}
				while (PresenceEvents.this.running && !this.overflowed) {
					Event event = this.queue.poll(KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS);
					if (event == null) {
						this.emitter.send(SseEmitter.event().comment("keep-alive"));
					}
					else if (compare(event.id(), sent) > 0) {
						send(event);
						sent = event.id();
					}
				}
				// too slow for its queue (or shutting down): the client resumes from its
				// position
				this.emitter.complete();
			}
			catch (IOException | IllegalStateException ex) {
				// the client went away
				this.emitter.completeWithError(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				this.emitter.complete();
			}
			catch (RuntimeException ex) {
				logger.warn("A presence event subscriber ended: {}", ex.toString());
				this.emitter.complete();
			}
			finally {
				PresenceEvents.this.subscribers.remove(this);
			}
		}

		private void send(Event event) throws IOException {
			this.emitter.send(SseEmitter.event()
				.id(event.id())
				.name(event.type())
				.data(event.data(), MediaType.APPLICATION_JSON));
		}

	}

}
