package dev.usercluster.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Many subscribers on {@code GET /api/v1/presence/events} while seeded users log in and
 * out at a fixed rate: whether every subscriber sees every event exactly once, and how
 * long an event takes from the follower's script ({@code at}) to each subscriber.
 *
 * <p>
 * The streams are opened with the JDK client ({@code sendAsync} and a line subscriber
 * each, on a few threads of this process), at most {@link #OPENING} at a time, and all of
 * them must be open (bounded) before the first login. User {@code i} of the run is
 * {@code bench_u<first + i>}: logged in (an {@code online} event) and at once logged out
 * (an {@code offline} event) through the driving URL, a new user every {@code 1/rate}
 * seconds. Latency has the millisecond resolution of {@code at}; it includes this
 * process's own parsing, which competes for the same cores as the cluster.
 *
 * <p>
 * Prints one line {@code events} with tab-separated figures (see {@link #run}).
 */
final class PresenceEventsBenchmark {

	private static final Pattern NAME = Pattern.compile("\"name\"\\s*:\\s*\"bench_u(\\d+)\"");

	private static final Pattern AT = Pattern.compile("\"at\"\\s*:\\s*\"([^\"]+)\"");

	private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([^\"]+)\"");

	/** Streams being opened at once. */
	private static final int OPENING = 50;

	/**
	 * Latencies are counted per millisecond up to this; later ones in the last bucket.
	 */
	private static final int MAX_MS = 120_000;

	private static final Duration OPEN_WAIT = Duration.ofSeconds(120);

	private static final Duration DELIVERY_WAIT = Duration.ofSeconds(60);

	private final int users;

	private final int first;

	private final AtomicLongArray latency = new AtomicLongArray(MAX_MS + 1);

	/** First receipts of an event of a driven user, over all subscribers. */
	private final AtomicLong firstReceipts = new AtomicLong();

	/** Events of other users (not driven by this run), over all subscribers. */
	private final AtomicLong others = new AtomicLong();

	private final AtomicLong outOfOrder = new AtomicLong();

	private final AtomicLong resets = new AtomicLong();

	private final AtomicLong maxLatency = new AtomicLong();

	private volatile boolean closing;

	private PresenceEventsBenchmark(int first, int users) {
		this.first = first;
		this.users = users;
	}

	/**
	 * Run it and print {@code events} and tab-separated: subscribers asked for,
	 * connected, events expected per subscriber, events received (all subscribers),
	 * missing, duplicates, out of order (an {@code offline} before its {@code online}),
	 * streams that ended early, events of other users, latency p50, p90, p99, max (ms),
	 * logins and logouts answered 201/204, other answers, seconds to open every stream,
	 * seconds from the first login to the last delivery, CPU seconds of this process (it
	 * competes with the cluster for the cores).
	 * @param subscribe where the streams are opened (gateway or one follower)
	 * @param drive where the logins and logouts go
	 * @param tokens a file of lines {@code name token}: the subscribers' bearer tokens,
	 * used round robin
	 * @param subscribers how many streams
	 * @param first the first seeded user number of the run
	 * @param users how many users log in and out
	 * @param rate users per second
	 */
	static void run(URI subscribe, URI drive, Path tokens, int subscribers, int first, int users, double rate)
			throws Exception {
		new PresenceEventsBenchmark(first, users).measure(subscribe, drive, tokens, subscribers, rate);
	}

	private void measure(URI subscribe, URI drive, Path tokenFile, int subscribers, double rate) throws Exception {
		List<String> tokens = new ArrayList<>();
		for (String line : Files.readAllLines(tokenFile)) {
			if (!line.isBlank()) {
				tokens.add(line.substring(line.indexOf(' ') + 1).strip());
			}
		}
		ExecutorService streamThreads = Executors.newFixedThreadPool(4, daemon("events-stream"));
		HttpClient streamClient = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(20))
			.executor(streamThreads)
			.build();
		long openStart = System.nanoTime();
		List<Stream> streams = new ArrayList<>();
		CountDownLatch answered = new CountDownLatch(subscribers);
		Semaphore opening = new Semaphore(OPENING);
		for (int i = 0; i < subscribers; i++) {
			Stream stream = new Stream();
			streams.add(stream);
			HttpRequest request = HttpRequest.newBuilder(subscribe.resolve("/api/v1/presence/events"))
				.header("Accept", "text/event-stream")
				.header("Authorization", "Bearer " + tokens.get(i % tokens.size()))
				.GET()
				.build();
			if (!opening.tryAcquire(OPEN_WAIT.toSeconds(), TimeUnit.SECONDS)) {
				break;
			}
			Runnable once = () -> {
				if (stream.answered.compareAndSet(false, true)) {
					opening.release();
					answered.countDown();
				}
			};
			streamClient.sendAsync(request, (info) -> {
				stream.status = info.statusCode();
				once.run();
				return (info.statusCode() == 200) ? HttpResponse.BodySubscribers.fromLineSubscriber(stream)
						: HttpResponse.BodySubscribers.discarding();
			}).whenComplete((response, failure) -> {
				stream.ended = true;
				once.run();
			});
		}
		boolean allAnswered = answered.await(OPEN_WAIT.toSeconds(), TimeUnit.SECONDS);
		int connected = (int) streams.stream().filter((s) -> s.status == 200 && !s.ended).count();
		double openSeconds = (System.nanoTime() - openStart) / 1e9;
		System.err.printf("# %d of %d streams open in %.1f s%s%n", connected, subscribers, openSeconds,
				allAnswered ? "" : " (some never answered)");

		AtomicIntegerArray loggedIn = new AtomicIntegerArray(this.users);
		AtomicIntegerArray loggedOut = new AtomicIntegerArray(this.users);
		AtomicLong otherAnswers = new AtomicLong();
		HttpClient driveClient = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(20))
			.build();
		ExecutorService workers = Executors.newFixedThreadPool(32, daemon("events-driver"));
		long driveStart = System.nanoTime();
		long period = (long) (1e9 / rate);
		for (int i = 0; i < this.users; i++) {
			long wait = driveStart + i * period - System.nanoTime();
			if (wait > 0) {
				TimeUnit.NANOSECONDS.sleep(wait);
			}
			int user = i;
			workers.execute(() -> cycle(driveClient, drive, user, loggedIn, loggedOut, otherAnswers));
		}
		workers.shutdown();
		if (!workers.awaitTermination(120, TimeUnit.SECONDS)) {
			System.err.println("# some logins or logouts did not answer within 120 s");
		}
		int expected = 0;
		for (int i = 0; i < this.users; i++) {
			expected += loggedIn.get(i) + loggedOut.get(i);
		}
		long deadline = System.nanoTime() + DELIVERY_WAIT.toNanos();
		while (this.firstReceipts.get() < (long) connected * expected && System.nanoTime() < deadline) {
			Thread.sleep(20);
		}
		double deliverySeconds = (System.nanoTime() - driveStart) / 1e9;
		this.closing = true;

		long missing = 0;
		long duplicates = 0;
		long received = 0;
		int endedEarly = 0;
		for (Stream stream : streams) {
			if (stream.status != 200) {
				continue;
			}
			if (stream.ended) {
				endedEarly++;
			}
			for (int i = 0; i < this.users; i++) {
				int online = stream.counts.get(2 * i);
				int offline = stream.counts.get(2 * i + 1);
				received += online + offline;
				missing += missingOf(loggedIn.get(i), online) + missingOf(loggedOut.get(i), offline);
				duplicates += Math.max(0, online - 1) + Math.max(0, offline - 1);
			}
			Flow.Subscription subscription = stream.subscription;
			if (subscription != null) {
				subscription.cancel();
			}
		}
		int logins = sum(loggedIn);
		int logouts = sum(loggedOut);
		System.out.printf("events\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%.1f\t%.1f\t%.1f%n",
				subscribers, connected, expected, received, missing, duplicates, this.outOfOrder.get(), endedEarly,
				this.others.get(), percentile(0.50), percentile(0.90), percentile(0.99), this.maxLatency.get(), logins,
				logouts, otherAnswers.get(), openSeconds, deliverySeconds,
				ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO).toMillis() / 1000.0);
		if (this.resets.get() > 0) {
			System.err.printf("# %d reset events%n", this.resets.get());
		}
		streamThreads.shutdownNow();
	}

	private static int missingOf(int expected, int seen) {
		return (expected == 1 && seen == 0) ? 1 : 0;
	}

	private static int sum(AtomicIntegerArray values) {
		int sum = 0;
		for (int i = 0; i < values.length(); i++) {
			sum += values.get(i);
		}
		return sum;
	}

	private void cycle(HttpClient client, URI drive, int user, AtomicIntegerArray loggedIn,
			AtomicIntegerArray loggedOut, AtomicLong otherAnswers) {
		String name = String.format("bench_u%06d", this.first + user);
		try {
			HttpResponse<String> login = client.send(HttpRequest.newBuilder(drive.resolve("/api/v1/sessions"))
				.timeout(Duration.ofSeconds(60))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers
					.ofString("{\"name\":\"" + name + "\",\"password\":\"bench password 1\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
			Matcher token = TOKEN.matcher(login.body());
			if (login.statusCode() != 201 || !token.find()) {
				otherAnswers.incrementAndGet();
				return;
			}
			loggedIn.set(user, 1);
			HttpResponse<Void> logout = client.send(HttpRequest.newBuilder(drive.resolve("/api/v1/sessions/current"))
				.timeout(Duration.ofSeconds(60))
				.header("Authorization", "Bearer " + token.group(1))
				.DELETE()
				.build(), HttpResponse.BodyHandlers.discarding());
			if (logout.statusCode() == 204) {
				loggedOut.set(user, 1);
			}
			else {
				otherAnswers.incrementAndGet();
			}
		}
		catch (Exception ex) {
			otherAnswers.incrementAndGet();
		}
	}

	private long percentile(double quantile) {
		long total = 0;
		for (int i = 0; i <= MAX_MS; i++) {
			total += this.latency.get(i);
		}
		long rank = (long) Math.ceil(quantile * total);
		long seen = 0;
		for (int i = 0; i <= MAX_MS; i++) {
			seen += this.latency.get(i);
			if (seen >= rank && seen > 0) {
				return i;
			}
		}
		return -1;
	}

	private void received(Stream stream, String type, String data) {
		long now = System.currentTimeMillis();
		Matcher name = NAME.matcher(data);
		int user = name.find() ? Integer.parseInt(name.group(1)) - this.first : -1;
		if (user < 0 || user >= this.users) {
			this.others.incrementAndGet();
			return;
		}
		boolean offline = type.equals("offline");
		int count = stream.counts.incrementAndGet(2 * user + (offline ? 1 : 0));
		if (count == 1) {
			this.firstReceipts.incrementAndGet();
		}
		if (offline && stream.counts.get(2 * user) == 0) {
			this.outOfOrder.incrementAndGet();
		}
		Matcher at = AT.matcher(data);
		if (at.find()) {
			long millis = Math.max(0, now - Instant.parse(at.group(1)).toEpochMilli());
			this.latency.incrementAndGet((int) Math.min(millis, MAX_MS));
			this.maxLatency.accumulateAndGet(millis, Math::max);
		}
	}

	private static java.util.concurrent.ThreadFactory daemon(String name) {
		AtomicLong count = new AtomicLong();
		return (task) -> {
			Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	/** One subscriber: parses its stream's lines into events. */
	private final class Stream implements Flow.Subscriber<String> {

		private final AtomicIntegerArray counts = new AtomicIntegerArray(2 * PresenceEventsBenchmark.this.users);

		private final AtomicBoolean answered = new AtomicBoolean();

		private volatile int status;

		private volatile boolean ended;

		private volatile Flow.Subscription subscription;

		private String type;

		private StringBuilder data;

		@Override
		public void onSubscribe(Flow.Subscription subscription) {
			this.subscription = subscription;
			subscription.request(Long.MAX_VALUE);
		}

		@Override
		public void onNext(String line) {
			if (line.isEmpty()) {
				if ("reset".equals(this.type)) {
					PresenceEventsBenchmark.this.resets.incrementAndGet();
				}
				else if (this.type != null && this.data != null && !PresenceEventsBenchmark.this.closing) {
					received(this, this.type, this.data.toString());
				}
				this.type = null;
				this.data = null;
			}
			else if (line.startsWith("event:")) {
				this.type = line.substring(6).strip();
			}
			else if (line.startsWith("data:")) {
				this.data = (this.data == null) ? new StringBuilder(line.substring(5))
						: this.data.append('\n').append(line.substring(5));
			}
		}

		@Override
		public void onError(Throwable failure) {
			this.ended = true;
		}

		@Override
		public void onComplete() {
			this.ended = true;
		}

	}

}
