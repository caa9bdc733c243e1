package dev.usercluster.systemtests.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A bounded mixed load through the gateway: each worker registers a new user, logs in,
 * makes whoami, heartbeat, user and list calls, logs out, and starts over with the next
 * user, with a short pause between calls, until it is stopped or its deadline passes.
 * Every answer is recorded ({@link #answers()}), and so is what the users should look
 * like afterwards: who got a 201 registration, whose login succeeded, who logged out.
 */
public final class MixedLoad implements AutoCloseable {

	private static final Duration CALL_TIMEOUT = Duration.ofSeconds(20);

	private static final Duration PAUSE = Duration.ofMillis(25);

	private static final Pattern TOKEN = Pattern.compile("\"token\"\\s*:\\s*\"([A-Za-z0-9_-]+)\"");

	private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([a-z-]+)\"");

	private final URI gateway;

	private final String prefix;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private final Queue<Answer> answers = new ConcurrentLinkedQueue<>();

	private final Set<String> registered = ConcurrentHashMap.newKeySet();

	private final Map<String, String> liveTokens = new ConcurrentHashMap<>();

	private final Set<String> failedLogins = ConcurrentHashMap.newKeySet();

	private final Set<String> uncertainLogouts = ConcurrentHashMap.newKeySet();

	private final List<Thread> workers = new ArrayList<>();

	private final long deadlineMillis;

	private volatile boolean stopped;

	/**
	 * Start the load.
	 * @param gateway the gateway's base URI
	 * @param prefix start of every user name, unique to this run
	 * @param workers how many users act at once
	 * @param limit how long it may run at most, even if nobody stops it
	 */
	public MixedLoad(URI gateway, String prefix, int workers, Duration limit) {
		this.gateway = gateway;
		this.prefix = prefix;
		this.deadlineMillis = System.currentTimeMillis() + limit.toMillis();
		for (int i = 0; i < workers; i++) {
			int worker = i;
			Thread thread = new Thread(() -> work(worker), "load-" + i);
			thread.setDaemon(true);
			this.workers.add(thread);
			thread.start();
		}
	}

	private void work(int worker) {
		for (int round = 0; !isOver(); round++) {
			String name = this.prefix + "w" + worker + "n" + round;
			// never the name itself: a password that contains the name is refused
			String password = "load-password-" + Integer.toHexString(name.hashCode());
			String credentials = "{\"name\":\"" + name + "\",\"password\":\"" + password + "\"}";
			Answer registration = call(Call.REGISTER, name, post("/api/v1/users", credentials));
			if (registration.isSuccess()) {
				this.registered.add(name);
			}
			if (registration.status() != 201 || isOver()) {
				continue;
			}
			String[] token = new String[1];
			Answer login = call(Call.LOGIN, name, post("/api/v1/sessions", credentials), (body) -> {
				Matcher matcher = TOKEN.matcher(body);
				token[0] = matcher.find() ? matcher.group(1) : null;
			});
			if (!login.isSuccess() || token[0] == null) {
				this.failedLogins.add(name);
				continue;
			}
			this.liveTokens.put(name, token[0]);
			for (int i = 0; i < 3 && !isOver(); i++) {
				call(Call.WHOAMI, name, bearer("/api/v1/sessions/current", token[0]).GET());
				call(Call.HEARTBEAT, name, bearer("/api/v1/sessions/current", token[0]).method("PATCH",
						HttpRequest.BodyPublishers.noBody()));
				call(Call.USER, name, bearer("/api/v1/users/" + name, token[0]).GET());
				call(Call.USERS, name, bearer("/api/v1/users?limit=5", token[0]).GET());
				call(Call.SESSIONS, name, bearer("/api/v1/sessions?limit=5", token[0]).GET());
			}
			Answer logout = call(Call.LOGOUT, name, bearer("/api/v1/sessions/current", token[0]).DELETE());
			this.liveTokens.remove(name);
			if (!logout.isSuccess()) {
				this.uncertainLogouts.add(name);
			}
		}
	}

	private boolean isOver() {
		return this.stopped || System.currentTimeMillis() > this.deadlineMillis;
	}

	private HttpRequest.Builder post(String path, String json) {
		return request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json));
	}

	private HttpRequest.Builder bearer(String path, String token) {
		return request(path).header("Authorization", "Bearer " + token);
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(this.gateway.resolve(path)).timeout(CALL_TIMEOUT);
	}

	private Answer call(Call call, String user, HttpRequest.Builder request) {
		return call(call, user, request, (body) -> {
		});
	}

	private Answer call(Call call, String user, HttpRequest.Builder request,
			java.util.function.Consumer<String> onSuccess) {
		LockSupport.parkNanos(PAUSE.toNanos());
		long start = System.currentTimeMillis();
		Answer answer;
		try {
			HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			String code = null;
			if (response.statusCode() >= 400) {
				Matcher matcher = CODE.matcher(response.body());
				code = matcher.find() ? matcher.group(1) : null;
			}
			else {
				onSuccess.accept(response.body());
			}
			answer = new Answer(call, user, start, System.currentTimeMillis(), response.statusCode(), code, null);
		}
		catch (IOException ex) {
			answer = new Answer(call, user, start, System.currentTimeMillis(), -1, null, ex.toString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			this.stopped = true;
			answer = new Answer(call, user, start, System.currentTimeMillis(), -1, null, ex.toString());
		}
		this.answers.add(answer);
		return answer;
	}

	/** Every answer so far, in the order they came. */
	public List<Answer> answers() {
		return List.copyOf(this.answers);
	}

	/** Answers that match a condition. */
	public List<Answer> answers(Predicate<Answer> condition) {
		return this.answers.stream().filter(condition).toList();
	}

	/** Names whose registration was answered 201. */
	public Set<String> registered() {
		return Set.copyOf(this.registered);
	}

	/** Users logged in (201) and not logged out (204) since, with their token. */
	public Map<String, String> liveTokens() {
		return Map.copyOf(this.liveTokens);
	}

	/** Users whose login was answered with anything but 201. */
	public Set<String> failedLogins() {
		return Set.copyOf(this.failedLogins);
	}

	/**
	 * Users whose logout was answered with anything but 204: their session may live on.
	 */
	public Set<String> uncertainLogouts() {
		return Set.copyOf(this.uncertainLogouts);
	}

	/** Stop every worker after its current call, waiting for them (bounded). */
	@Override
	public void close() {
		this.stopped = true;
		for (Thread worker : this.workers) {
			try {
				worker.join(CALL_TIMEOUT.plusSeconds(5).toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

}
