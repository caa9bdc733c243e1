package dev.usercluster.systemtests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.usercluster.systemtests.harness.FaultCluster;
import dev.usercluster.systemtests.harness.ServiceProcess;
import dev.usercluster.systemtests.load.Answer;
import dev.usercluster.systemtests.load.Call;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The presence event stream through the gateway while the followers that serve it are
 * SIGKILLed one after the other: a client that reconnects with {@code Last-Event-ID} sees
 * exactly one event per change of a user, in order, none twice (SPEC, "Multi-device
 * sessions, presence and account lifecycle").
 */
class PresenceStreamFaultsIntegrationTests {

	private static final int FOLLOWERS = 2;

	/**
	 * Logins and logouts of the user before the first kill and after the last restart.
	 */
	private static final int PAIRS_AROUND_FAULTS = 20;

	private static final Duration PAUSE = Duration.ofMillis(100);

	private static final Duration CALL_TIMEOUT = Duration.ofSeconds(20);

	/** No change is made after this, whatever happens to the test. */
	private static final Duration CHANGES_LIMIT = Duration.ofSeconds(600);

	private static final Duration RECOVERY_WAIT = Duration.ofSeconds(60);

	private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([A-Za-z0-9_-]+)\"");

	private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([a-z-]+)\"");

	@RegisterExtension
	static final ClusterExtension clusterExtension = new ClusterExtension("presence-stream-faults", FOLLOWERS);

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	@Test
	void streamThroughTheGatewayMissesNothingWhenEachFollowerIsKilled() throws Exception {
		FaultCluster cluster = clusterExtension.cluster();
		URI gateway = cluster.gateway().uri("/");
		String prefix = "sse" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
		String watcher = prefix + "watch";
		assertThat(send(post(gateway, "/api/v1/users", credentials(watcher, null))).status()).isEqualTo(201);
		Result watcherLogin = send(post(gateway, "/api/v1/sessions", credentials(watcher, null)));
		assertThat(watcherLogin.status()).isEqualTo(201);
		String user = prefix + "u";
		assertThat(send(post(gateway, "/api/v1/users", credentials(user, null))).status()).isEqualTo(201);

		Map<String, String> figures = new LinkedHashMap<>();
		Changes changes;
		try (ResumingEventStream stream = new ResumingEventStream(gateway.resolve("/api/v1/presence/events"),
				watcherLogin.token(), 100)) {
			await("the stream open").atMost(RECOVERY_WAIT).until(stream::isOpen);
			changes = new Changes(gateway, user);
			try (changes) {
				changes.awaitDefinitePairs(PAIRS_AROUND_FAULTS);
				for (ServiceProcess victim : cluster.followers()) {
					killAndRestart(cluster, victim, stream, changes, figures);
				}
				changes.awaitDefinitePairs(changes.definitePairs() + PAIRS_AROUND_FAULTS);
			}
			Pair last = changes.lastDefinitePair();
			String lastChange = last.expected().get(last.expected().size() - 1);
			long endedAt = System.currentTimeMillis();
			await("the user's last change (" + lastChange + " " + last.endpoint() + ") on the stream")
				.atMost(RECOVERY_WAIT)
				.until(() -> !stream
					.events((event) -> last.endpoint().equals(event.endpoint()) && lastChange.equals(event.change()))
					.isEmpty());
			figures.put("last change seen after the load ended", Report.seconds(System.currentTimeMillis() - endedAt));
			// anything doubled or stray would come by now
			LoadSupport.hold(Duration.ofSeconds(2));
			check(stream, changes, user, figures);
		}
	}

	private void killAndRestart(FaultCluster cluster, ServiceProcess victim, ResumingEventStream stream,
			Changes changes, Map<String, String> figures) {
		int connectionsBefore = stream.connections().size();
		long killedAt = System.currentTimeMillis();
		victim.kill();
		int firstAfterKill = changes.startedPairs();
		cluster.awaitGatewayKnows(FOLLOWERS - 1);
		long droppedAt = System.currentTimeMillis();
		// recovered: the client saw the first change that got its answer after the kill
		await(victim.name() + " killed: a change made since on the stream").atMost(RECOVERY_WAIT)
			.pollInterval(Duration.ofMillis(50))
			.until(() -> changes.firstDefinitePairFrom(firstAfterKill)
				.map((pair) -> !stream.events((event) -> pair.endpoint().equals(event.endpoint())).isEmpty())
				.orElse(false));
		long recoveredAt = stream
			.events((event) -> changes.firstDefinitePairFrom(firstAfterKill)
				.map((pair) -> pair.endpoint().equals(event.endpoint()))
				.orElse(false))
			.get(0)
			.receivedMillis();
		boolean served = stream.connections()
			.stream()
			.skip(connectionsBefore)
			.anyMatch((connection) -> connection.status() == 200 && connection.endedMillis() >= killedAt);
		long restartedAt = System.currentTimeMillis();
		victim.start();
		cluster.awaitGatewayKnows(FOLLOWERS);
		figures.put(victim.name() + " SIGKILLed",
				(served ? "it served the stream, which ended" : "the stream was elsewhere and went on")
						+ "; gateway stopped routing to it after " + Report.seconds(droppedAt - killedAt)
						+ "; client saw the first change made after the kill " + Report.seconds(recoveredAt - killedAt)
						+ " after it; restarted and routed to in "
						+ Report.seconds(System.currentTimeMillis() - restartedAt));
		// some changes while both followers run again before the next kill
		changes.awaitDefinitePairs(changes.definitePairs() + 5);
	}

	private void check(ResumingEventStream stream, Changes changes, String user, Map<String, String> figures) {
		List<ResumingEventStream.Event> events = stream.events();
		List<ResumingEventStream.Event> ofUser = stream.events((event) -> user.equals(event.name()));
		List<Pair> pairs = changes.pairs();
		Map<String, Integer> pairByEndpoint = new ConcurrentHashMap<>();
		pairs.forEach((pair) -> pairByEndpoint.put(pair.endpoint(), pair.index()));
		// what the client saw, by pair (each login has an endpoint of its own)
		Map<Integer, List<String>> seen = new TreeMap<>();
		pairs.forEach((pair) -> seen.put(pair.index(), new ArrayList<>()));
		List<Integer> order = new ArrayList<>();
		for (ResumingEventStream.Event event : ofUser) {
			int index = pairByEndpoint.getOrDefault(String.valueOf(event.endpoint()), -1);
			order.add(index);
			seen.computeIfAbsent(index, (key) -> new ArrayList<>()).add(event.change());
		}
		// what it should have seen: a pair whose login answer was an error and which left
		// no session may have been undone by its follower (online/login, offline/logout)
		Map<Integer, String> mismatches = new TreeMap<>();
		seen.forEach((index, got) -> {
			List<String> expected = (index >= 0 && index < pairs.size()) ? pairs.get(index).expected() : null;
			boolean undone = expected != null && expected.isEmpty()
					&& got.equals(List.of("online/login", "offline/logout"));
			if (!got.equals(expected) && !undone) {
				mismatches.put(index, "expected " + expected + ", saw " + got);
			}
		});
		List<String> ids = events.stream().map(ResumingEventStream.Event::id).toList();
		List<String> outOfOrder = new ArrayList<>();
		for (int i = 1; i < ids.size(); i++) {
			if (ids.get(i - 1) == null || ids.get(i) == null || !advances(ids.get(i - 1), ids.get(i))) {
				outOfOrder.add(ids.get(i - 1) + " then " + ids.get(i));
			}
		}
		List<ResumingEventStream.Connection> connections = stream.connections();
		List<Answer> answers = changes.answers();
		long logins = answers.stream().filter((a) -> a.call() == Call.LOGIN && a.status() == 201).count();
		long logouts = answers.stream().filter((a) -> a.call() == Call.LOGOUT && a.status() == 204).count();
		figures.put("changes",
				pairs.size() + " login/logout pairs: " + logins + " logins 201, " + logouts + " logouts 204, "
						+ changes.forced() + " force logouts 204 after an uncertain answer, " + changes.uncertain()
						+ " unresolved");
		figures.put("events received", events.size() + " (" + ofUser.size() + " of the user), "
				+ stream.events((event) -> "reset".equals(event.type())).size() + " reset");
		figures.put("reconnects", stream.reconnects() + ", connections " + connections);
		Report.print("7. SIGKILL the follower serving the presence event stream", answers, figures);

		assertThat(changes.uncertain()).as("pairs whose outcome the test could not tell").isZero();
		assertThat(outOfOrder).as("event positions not each one shard further (doubled or out of order)").isEmpty();
		assertThat(stream.events((event) -> "reset".equals(event.type()))).as("reset events").isEmpty();
		assertThat(order).as("pairs of the user's events in order").isSorted();
		assertThat(mismatches).as("login/logout pairs (by number; -1: an unknown endpoint) whose events differ")
			.isEmpty();
		assertThat(ofUser.stream().filter((event) -> "online/login".equals(event.change())).count())
			.as("online/login events")
			.isGreaterThanOrEqualTo(logins);
		assertThat(ofUser.stream().filter((event) -> "offline/logout".equals(event.change())).count())
			.as("offline/logout events")
			.isGreaterThanOrEqualTo(logouts);
		assertThat(stream.reconnects()).as("reconnects").isPositive();
	}

	/**
	 * Whether position b comes after a: a position is one stream id per shard, joined by
	 * dots, and each event moves exactly one shard forward.
	 */
	private static boolean advances(String a, String b) {
		String[] x = a.split("\\.");
		String[] y = b.split("\\.");
		if (x.length != y.length) {
			return false;
		}
		int forward = 0;
		for (int i = 0; i < x.length; i++) {
			int order = compareIds(x[i], y[i]);
			if (order > 0) {
				return false;
			}
			forward += (order < 0) ? 1 : 0;
		}
		return forward == 1;
	}

	private static int compareIds(String a, String b) {
		String[] x = a.split("-");
		String[] y = b.split("-");
		int byTime = Long.compare(Long.parseLong(x[0]), Long.parseLong(y[0]));
		return (byTime != 0) ? byTime : Long.compare(Long.parseLong(x[1]), Long.parseLong(y[1]));
	}

	private static String credentials(String name, String endpoint) {
		// never the name itself: a password that contains the name is refused
		return "{\"name\":\"" + name + "\",\"password\":\"sse-password-" + Integer.toHexString(name.hashCode()) + "\""
				+ ((endpoint != null) ? ",\"endpoint\":\"" + endpoint + "\"" : "") + "}";
	}

	private static HttpRequest.Builder post(URI gateway, String path, String json) {
		return HttpRequest.newBuilder(gateway.resolve(path))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(json));
	}

	private Result send(HttpRequest.Builder request) {
		long start = System.currentTimeMillis();
		try {
			HttpResponse<String> response = this.http.send(request.timeout(CALL_TIMEOUT).build(),
					HttpResponse.BodyHandlers.ofString());
			Matcher code = CODE.matcher(response.body());
			Matcher token = TOKEN.matcher(response.body());
			return new Result(start, System.currentTimeMillis(), response.statusCode(),
					code.find() ? code.group(1) : null, token.find() ? token.group(1) : null, null);
		}
		catch (IOException ex) {
			return new Result(start, System.currentTimeMillis(), -1, null, null, ex.toString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Result(start, System.currentTimeMillis(), -1, null, null, ex.toString());
		}
	}

	/** What one call got. */
	record Result(long startMillis, long endMillis, int status, String code, String token, String failure) {

		Answer answer(Call call, String user) {
			return new Answer(call, user, this.startMillis, this.endMillis, this.status, this.code, this.failure);
		}

	}

	/**
	 * One login of the user with an endpoint of its own and its logout, and the events
	 * they must give.
	 *
	 * @param index its number
	 * @param endpoint the login's endpoint
	 * @param expected {@code type/reason} of each event, in order
	 * @param definite whether the answers said what happened (a 201 login)
	 */
	record Pair(int index, String endpoint, List<String> expected, boolean definite) {

	}

	/**
	 * The user's changes, one login/logout pair after another, on a thread of its own. A
	 * 503 is repeated (nothing was written); a login answered otherwise than 201 and a
	 * logout otherwise than 204 may or may not have happened, so the admin force logout
	 * settles it: 204 means a session lived (and ended now, {@code offline/forced}), 404
	 * none.
	 */
	private final class Changes implements AutoCloseable {

		private final URI gateway;

		private final String user;

		private final List<Pair> pairs = new CopyOnWriteArrayList<>();

		private final List<Answer> answers = new CopyOnWriteArrayList<>();

		private final Thread thread;

		private final long deadlineMillis = System.currentTimeMillis() + CHANGES_LIMIT.toMillis();

		private volatile boolean stopped;

		private volatile int started;

		private volatile int forced;

		private volatile int uncertain;

		Changes(URI gateway, String user) {
			this.gateway = gateway;
			this.user = user;
			this.thread = new Thread(this::run, "presence-changes");
			this.thread.setDaemon(true);
			this.thread.start();
		}

		private void run() {
			for (int index = 0; !this.stopped && System.currentTimeMillis() < this.deadlineMillis; index++) {
				this.started = index + 1;
				String endpoint = "device" + index + ".chat.test:5222";
				this.pairs.add(pair(index, endpoint));
				LockSupport.parkNanos(PAUSE.toNanos());
			}
		}

		private Pair pair(int index, String endpoint) {
			Result login = repeatedOn503(Call.LOGIN,
					() -> post(this.gateway, "/api/v1/sessions", credentials(this.user, endpoint)));
			List<String> expected = new ArrayList<>();
			if (login.status() != 201) {
				switch (forceLogout()) {
					case 204 -> expected.addAll(List.of("online/login", "offline/forced"));
					case 404 -> {
					}
					default -> this.uncertain++;
				}
				return new Pair(index, endpoint, expected, false);
			}
			expected.add("online/login");
			Result logout = repeatedOn503(Call.LOGOUT,
					() -> HttpRequest.newBuilder(this.gateway.resolve("/api/v1/sessions/current"))
						.header("Authorization", "Bearer " + login.token())
						.DELETE());
			if (logout.status() == 204) {
				expected.add("offline/logout");
			}
			else {
				switch (forceLogout()) {
					case 204 -> expected.add("offline/forced");
					// the logout took effect, its answer was lost
					case 404 -> expected.add("offline/logout");
					default -> this.uncertain++;
				}
			}
			return new Pair(index, endpoint, expected, true);
		}

		private int forceLogout() {
			Result result = repeatedOn503(null,
					() -> HttpRequest.newBuilder(this.gateway.resolve("/api/v1/admin/users/" + this.user + "/session"))
						.header("Authorization", "Bearer " + FaultCluster.ADMIN_TOKEN)
						.DELETE());
			if (result.status() == 204) {
				this.forced++;
			}
			return result.status();
		}

		private Result repeatedOn503(Call call, Supplier<HttpRequest.Builder> request) {
			Result result = null;
			for (int attempt = 0; attempt < 20; attempt++) {
				result = send(request.get());
				if (call != null) {
					this.answers.add(result.answer(call, this.user));
				}
				if (result.status() != 503) {
					return result;
				}
				LockSupport.parkNanos(Duration.ofMillis(250).toNanos());
			}
			return result;
		}

		List<Pair> pairs() {
			return List.copyOf(this.pairs);
		}

		List<Answer> answers() {
			return List.copyOf(this.answers);
		}

		int startedPairs() {
			return this.started;
		}

		int definitePairs() {
			return (int) this.pairs.stream().filter(Pair::definite).count();
		}

		Optional<Pair> firstDefinitePairFrom(int index) {
			return this.pairs.stream().filter((pair) -> pair.index() >= index && pair.definite()).findFirst();
		}

		Pair lastDefinitePair() {
			List<Pair> definite = this.pairs.stream().filter(Pair::definite).toList();
			return definite.get(definite.size() - 1);
		}

		int forced() {
			return this.forced;
		}

		int uncertain() {
			return this.uncertain;
		}

		void awaitDefinitePairs(int count) {
			await(count + " login/logout pairs answered 201/204").atMost(Duration.ofSeconds(120))
				.pollInterval(Duration.ofMillis(100))
				.until(() -> definitePairs() >= count);
		}

		/** Stop after the current pair, waiting for it (bounded). */
		@Override
		public void close() throws InterruptedException {
			this.stopped = true;
			this.thread.join(CALL_TIMEOUT.multipliedBy(4).toMillis());
		}

	}

}
