package dev.usercluster.follower.sessions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
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
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.stream.ByteRecord;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.Record;
import org.springframework.data.redis.connection.stream.StreamInfo;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The presence event stream to clients: server-sent events read from the Redis streams
 * the session scripts write, one per shard ({@link SessionKeys}).
 *
 * <p>
 * One reader per shard and follower blocks on {@code XREAD} on a connection of its own
 * (never the shared connection every other call uses) and hands each event to every
 * subscriber's queue. A position ({@code id:} of each event, {@code Last-Event-ID} of a
 * client that resumes) names the last event seen in every shard: the shards' stream ids
 * joined by dots. A subscriber joins the readers first, then reads from Redis what came
 * after its position in each shard (or from the end of each when it has none), then
 * drains its queue, skipping what it already sent: so it misses nothing and sees nothing
 * twice, on whichever follower it reconnects to. Events of one user come in order (one
 * user, one shard); events of users in different shards may interleave differently for
 * different subscribers. A subscriber too slow to keep up with its queue is ended; it
 * reconnects with its position.
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

	private final List<Thread> readers = new ArrayList<>();

	/** A thread per subscriber: virtual where the JDK has them. */
	private final SimpleAsyncTaskExecutor senders = new SimpleAsyncTaskExecutor("presence-subscriber-");

	PresenceEvents(RedisConnectionFactory connections, StringRedisTemplate redis, Environment environment) {
		this.connections = connections;
		this.redis = redis;
		this.senders.setVirtualThreads(Threading.VIRTUAL.isActive(environment));
		this.senders.setDaemon(true);
	}

	/** How many events each shard's stream keeps at most, for a bound on them all. */
	static long perShard(long maxLength) {
		return Math.max(1, (maxLength + SessionKeys.SHARDS - 1) / SessionKeys.SHARDS);
	}

	/**
	 * A new subscriber.
	 * @param lastEventId the position the client saw last, or {@code null}
	 * @return the emitter to answer with
	 * @throws ApiException {@code invalid-request} for a malformed position
	 */
	SseEmitter subscribe(@Nullable String lastEventId) {
		String[] resumeAt = (lastEventId != null) ? parse(lastEventId.strip()) : null;
		SseEmitter emitter = new SseEmitter(0L);
		Subscriber subscriber = new Subscriber(emitter);
		emitter.onCompletion(() -> this.subscribers.remove(subscriber));
		emitter.onError((ex) -> this.subscribers.remove(subscriber));
		emitter.onTimeout(() -> this.subscribers.remove(subscriber));
		// the end of each shard's stream before joining: what comes later reaches the
		// queue or the catch-up read, or both
		String[] start = (resumeAt != null) ? resumeAt : lastIds();
		this.subscribers.add(subscriber);
		this.senders.execute(() -> subscriber.run(start, resumeAt != null));
		return emitter;
	}

	/**
	 * A position a client sent: one stream id per shard, joined by dots; a single id
	 * stands for that id in every shard.
	 */
	private static String[] parse(String position) {
		String[] ids = position.split("\\.", -1);
		boolean wellFormed = ids.length == 1 || ids.length == SessionKeys.SHARDS;
		for (String id : ids) {
			wellFormed &= STREAM_ID.matcher(id).matches();
		}
		if (!wellFormed) {
			throw new ApiException(ProblemCode.INVALID_REQUEST,
					"Last-Event-ID must be a position this stream sent (the id of an event).");
		}
		if (ids.length == 1) {
			String[] all = new String[SessionKeys.SHARDS];
			Arrays.fill(all, ids[0]);
			return all;
		}
		return ids;
	}

	static String format(String[] position) {
		return String.join(".", position);
	}

	/**
	 * The position at the end of each shard's stream: its last event's id, or for a
	 * stream trimmed empty the last id it gave ({@code 0-0} for no stream), so that what
	 * it held before does not count as trimmed after the position.
	 */
	private String[] lastIds() {
		List<Object> replies = ShardReads.each(this.redis, (connection, shardTag) -> connection.streamCommands()
			.xRevRange(bytes(SessionKeys.events(shardTag)), Range.unbounded(), Limit.limit().count(1)));
		String[] ids = new String[SessionKeys.SHARDS];
		for (int shard = 0; shard < ids.length; shard++) {
			ids[shard] = (replies.get(shard) instanceof List<?> last && !last.isEmpty()
					&& last.get(0) instanceof Record<?, ?> record) ? record.getId().getValue() : lastGeneratedId(shard);
		}
		return ids;
	}

	private String lastGeneratedId(int shard) {
		try {
			String id = this.redis.opsForStream()
				.info(SessionKeys.events(SessionKeys.shardTag(shard)))
				.lastGeneratedId();
			return (id != null && STREAM_ID.matcher(id).matches()) ? id : "0-0";
		}
		catch (RuntimeException ex) {
			// no stream yet
			return "0-0";
		}
	}

	/** Whether events of a shard after a position may have been trimmed away. */
	private boolean trimmedAfter(int shard, String position) {
		StreamInfo.XInfoStream info;
		try {
			info = this.redis.opsForStream().info(SessionKeys.events(SessionKeys.shardTag(shard)));
		}
		catch (RuntimeException ex) {
			// no stream yet: nothing was ever trimmed
			return false;
		}
		Object added = info.getRaw().get("entries-added");
		return trimmedAfter(position, (added != null) ? Long.valueOf(added.toString()) : null, info.streamLength(),
				info.firstEntryId(), info.lastGeneratedId());
	}

	/**
	 * Whether a stream dropped entries after a position. Trimming deletes from the
	 * oldest, and Redis 7 counts what was ever added: so what was trimmed is known, and
	 * all of it came before the first entry kept (or up to the last id when none is
	 * left). Being older than the first entry alone is not enough: a shard that was empty
	 * when the client joined ({@code 0-0}) may since hold entries and have trimmed none.
	 * @param position the client's position in the stream
	 * @param entriesAdded how many entries were ever added ({@code null} before Redis 7)
	 * @param length how many it holds
	 * @param first the first entry it holds, or {@code null}
	 * @param lastGenerated the newest id it ever gave
	 */
	static boolean trimmedAfter(String position, @Nullable Long entriesAdded, long length, @Nullable String first,
			@Nullable String lastGenerated) {
		if (entriesAdded != null) {
			if (entriesAdded <= length) {
				return false;
			}
			String kept = (first != null) ? first : lastGenerated;
			return kept != null && compare(position, kept) < 0;
		}
		// before Redis 7: the client's own event is gone, so some after it may be too
		return !"0-0".equals(position) && first != null && compare(position, first) < 0;
	}

	/** Events of a shard after a position, oldest first, up to a batch. */
	private List<Event> after(int shard, String position) {
		List<MapRecord<String, Object, Object>> records = this.redis.opsForStream()
			.range(SessionKeys.events(SessionKeys.shardTag(shard)),
					Range.rightUnbounded(Range.Bound.exclusive(position)), Limit.limit().count(BATCH));
		List<Event> events = new ArrayList<>();
		if (records != null) {
			for (MapRecord<String, Object, Object> record : records) {
				events.add(Event.of(shard, record.getId().getValue(), record.getValue()));
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

	private static byte[] bytes(String key) {
		return key.getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public void start() {
		this.running = true;
		for (int[] group : readGroups()) {
			Thread thread = new Thread(() -> read(group), "presence-events-reader-" + group[0]);
			thread.setDaemon(true);
			thread.start();
			this.readers.add(thread);
		}
	}

	/**
	 * The shards each reader reads: on one Redis, all of them with one {@code XREAD} on
	 * one connection; on a Redis Cluster, which refuses a read of keys in several slots,
	 * one reader (and connection) per shard.
	 */
	private List<int[]> readGroups() {
		List<int[]> groups = new ArrayList<>();
		if (this.connections instanceof LettuceConnectionFactory lettuce && lettuce.isClusterAware()) {
			for (int shard = 0; shard < SessionKeys.SHARDS; shard++) {
				groups.add(new int[] { shard });
			}
		}
		else {
			int[] all = new int[SessionKeys.SHARDS];
			Arrays.setAll(all, (shard) -> shard);
			groups.add(all);
		}
		return groups;
	}

	@Override
	public void stop() {
		this.running = false;
		this.readers.forEach(Thread::interrupt);
		this.readers.clear();
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

	private void read(int[] shards) {
		String[] positions = null;
		while (this.running) {
			try (RedisConnection connection = this.connections.getConnection()) {
				if (positions == null) {
					positions = lastIds();
				}
				while (this.running) {
					StreamOffset<byte[]>[] offsets = offsets(shards, positions);
					List<ByteRecord> records = connection.streamCommands()
						.xRead(StreamReadOptions.empty().block(BLOCK).count(BATCH), offsets);
					if (records == null) {
						continue;
					}
					for (ByteRecord record : records) {
						int shard = shardOfStream(new String(record.getRequiredStream(), StandardCharsets.UTF_8));
						Map<Object, Object> fields = new LinkedHashMap<>();
						record.getValue()
							.forEach((name, value) -> fields.put(new String(name, StandardCharsets.UTF_8),
									new String(value, StandardCharsets.UTF_8)));
						Event event = Event.of(shard, record.getId().getValue(), fields);
						for (Subscriber subscriber : this.subscribers) {
							subscriber.offer(event);
						}
						positions[shard] = event.streamId();
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

	@SuppressWarnings("unchecked")
	private static StreamOffset<byte[]>[] offsets(int[] shards, String[] positions) {
		StreamOffset<byte[]>[] offsets = new StreamOffset[shards.length];
		for (int i = 0; i < shards.length; i++) {
			offsets[i] = StreamOffset.create(bytes(SessionKeys.events(SessionKeys.shardTag(shards[i]))),
					ReadOffset.from(positions[shards[i]]));
		}
		return offsets;
	}

	private static int shardOfStream(String key) {
		for (int shard = 0; shard < SessionKeys.SHARDS; shard++) {
			if (key.equals(SessionKeys.events(SessionKeys.shardTag(shard)))) {
				return shard;
			}
		}
		throw new IllegalStateException("Not a presence event stream: " + key);
	}

	/**
	 * One event of a shard's stream.
	 *
	 * @param shard the shard whose stream holds it
	 * @param streamId its id in that stream
	 * @param type {@code online} or {@code offline}
	 * @param data its JSON payload: name, endpoint, reason, time
	 */
	record Event(int shard, String streamId, String type, Map<String, @Nullable Object> data) {

		static Event of(int shard, String streamId, Map<Object, Object> fields) {
			Map<String, @Nullable Object> data = new LinkedHashMap<>();
			data.put("name", fields.get("name"));
			Object endpoint = fields.get("endpoint");
			data.put("endpoint", (endpoint == null || endpoint.toString().isEmpty()) ? null : endpoint);
			data.put("reason", fields.get("reason"));
			Object at = fields.get("at");
			data.put("at", (at != null) ? Instant.ofEpochMilli(Long.parseLong(at.toString())).toString() : null);
			return new Event(shard, streamId, String.valueOf(fields.get("type")), data);
		}

	}

	private final class Subscriber {

		private final SseEmitter emitter;

		// linked, so a subscriber holds memory for the events it has queued, not for the
		// bound: an array of 10,000 slots is 40 KB a subscriber, 40 MB for 1,000
		private final BlockingQueue<Event> queue = new LinkedBlockingQueue<>(QUEUE);

		private volatile boolean overflowed;

		Subscriber(SseEmitter emitter) {
			this.emitter = emitter;
		}

		void offer(Event event) {
			if (!this.queue.offer(event)) {
				this.overflowed = true;
			}
		}

		void run(String[] start, boolean resumed) {
			try {
				// the answer's headers go out now, not with the first event
				this.emitter.send(SseEmitter.event().comment("open"));
				String[] sent = start.clone();
				if (resumed && anyTrimmed(sent)) {
					sent = lastIds();
					this.emitter.send(SseEmitter.event()
						.name("reset")
						.id(format(sent))
						.data(Map.of("reason", "position-too-old"), MediaType.APPLICATION_JSON));
				}
				for (int shard = 0; shard < sent.length; shard++) {
					for (List<Event> batch = after(shard, sent[shard]); !batch.isEmpty(); batch = after(shard,
							sent[shard])) {
						for (Event event : batch) {
							send(event, sent);
						}
					}
				}
				while (PresenceEvents.this.running && !this.overflowed) {
					Event event = this.queue.poll(KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS);
					if (event == null) {
						this.emitter.send(SseEmitter.event().comment("keep-alive"));
					}
					else if (compare(event.streamId(), sent[event.shard()]) > 0) {
						send(event, sent);
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

		private boolean anyTrimmed(String[] position) {
			for (int shard = 0; shard < position.length; shard++) {
				if (trimmedAfter(shard, position[shard])) {
					return true;
				}
			}
			return false;
		}

		/** Send an event and move the position past it. */
		private void send(Event event, String[] sent) throws IOException {
			sent[event.shard()] = event.streamId();
			this.emitter.send(SseEmitter.event()
				.id(format(sent))
				.name(event.type())
				.data(event.data(), MediaType.APPLICATION_JSON));
		}

	}

}
