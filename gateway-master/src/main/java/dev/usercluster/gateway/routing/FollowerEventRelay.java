package dev.usercluster.gateway.routing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.http.HttpServletRequest;

import dev.usercluster.api.PresenceEventsApi;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.thread.Threading;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.LoadBalancerClient;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Relays the presence event stream of a follower to a client, event by event as it comes:
 * no buffering, no read timeout, a comment every {@link #KEEP_ALIVE} so idle connections
 * stay open. The retry rules of other calls do not apply once the stream runs: when its
 * follower goes away the stream ends, and the client reconnects with
 * {@code Last-Event-ID} (through this gateway, to any follower) and misses nothing. Only
 * opening it moves to another follower when one cannot be reached or answers 503.
 */
@Component
public class FollowerEventRelay implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(FollowerEventRelay.class);

	private static final String PATH = PresenceEventsApi.PATH;

	static final Duration KEEP_ALIVE = Duration.ofSeconds(15);

	private static final int ATTEMPTS = 3;

	/** Largest error answer relayed. */
	private static final int MAX_ERROR_BODY = 16 * 1024;

	private final LoadBalancerClient loadBalancer;

	private final Set<SseEmitter> streams = ConcurrentHashMap.newKeySet();

	private volatile boolean running;

	private final HttpClient http;

	private final SimpleAsyncTaskExecutor relays = new SimpleAsyncTaskExecutor("event-relay-");

	private final ScheduledExecutorService keepAlive = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "event-relay-keep-alive");
		thread.setDaemon(true);
		return thread;
	});

	private final ObjectProvider<Tracer> tracer;

	private final ObjectProvider<Propagator> propagator;

	FollowerEventRelay(LoadBalancerClient loadBalancer, RoutingProperties properties, Environment environment,
			ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
		this.loadBalancer = loadBalancer;
		this.tracer = tracer;
		this.propagator = propagator;
		boolean virtual = Threading.VIRTUAL.isActive(environment);
		this.relays.setVirtualThreads(virtual);
		this.relays.setDaemon(true);
		HttpClient.Builder builder = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(properties.connectTimeout());
		if (virtual) {
			builder.executor(this.relays);
		}
		this.http = builder.build();
	}

	/**
	 * Open the stream on a follower and relay it.
	 * @param client the client's request (its credentials, position and trace go on)
	 * @return the emitter that relays the follower's events
	 * @throws org.springframework.web.client.RestClientResponseException the follower's
	 * error answer, relayed like any other call's
	 * @throws NoFollowerAvailableException when no follower is known
	 */
	public SseEmitter open(HttpServletRequest client) {
		IOException failure = null;
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			ServiceInstance instance = this.loadBalancer.choose(FollowerClientConfiguration.SERVICE_ID);
			if (instance == null) {
				break;
			}
			HttpResponse<InputStream> response;
			try {
				response = this.http.send(request(instance, client), HttpResponse.BodyHandlers.ofInputStream());
			}
			catch (IOException ex) {
				failure = ex;
				continue;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new ResourceAccessException("Interrupted while opening the event stream");
			}
			if (response.statusCode() == 200) {
				return relay(response.body());
			}
			HttpHeaders headers = new HttpHeaders();
			response.headers().map().forEach(headers::addAll);
			byte[] body = readError(response.body());
			if (response.statusCode() == 503 && attempt + 1 < ATTEMPTS) {
				continue;
			}
			HttpStatusCode status = HttpStatusCode.valueOf(response.statusCode());
			if (status.is4xxClientError()) {
				throw HttpClientErrorException.create(status, "", headers, body, StandardCharsets.UTF_8);
			}
			throw HttpServerErrorException.create(status, "", headers, body, StandardCharsets.UTF_8);
		}
		if (failure != null) {
			throw new ResourceAccessException("No follower could open the event stream: " + failure, failure);
		}
		throw new ResourceAccessException("No follower could open the event stream");
	}

	private HttpRequest request(ServiceInstance instance, HttpServletRequest client) {
		URI uri = URI.create("http://" + hostForUri(instance.getHost()) + ":" + instance.getPort() + PATH);
		HttpRequest.Builder request = HttpRequest.newBuilder(uri)
			.GET()
			.header(HttpHeaders.ACCEPT, MediaType.TEXT_EVENT_STREAM_VALUE);
		copy(client, request, HttpHeaders.AUTHORIZATION);
		copy(client, request, "Last-Event-ID");
		// the trace goes on as on every other call (there, the instrumented RestClient)
		Tracer tracer = this.tracer.getIfAvailable();
		Propagator propagator = this.propagator.getIfAvailable();
		if (tracer != null && propagator != null && tracer.currentTraceContext().context() != null) {
			propagator.inject(tracer.currentTraceContext().context(), request, HttpRequest.Builder::setHeader);
		}
		if (client.getAttribute(ForwardedHeaders.REQUEST_ID_ATTRIBUTE) instanceof String requestId) {
			request.header(ForwardedHeaders.REQUEST_ID, requestId);
		}
		request.header(ForwardedHeaders.FORWARDED_FOR, client.getRemoteAddr());
		return request.build();
	}

	private static String hostForUri(String host) {
		return (host.indexOf(':') >= 0 && !host.startsWith("[")) ? "[" + host + "]" : host;
	}

	private static void copy(HttpServletRequest client, HttpRequest.Builder request, String name) {
		String value = client.getHeader(name);
		if (value != null && !value.isEmpty()) {
			request.header(name, value);
		}
	}

	private static byte[] readError(InputStream body) {
		try (body) {
			return body.readNBytes(MAX_ERROR_BODY);
		}
		catch (IOException ex) {
			return new byte[0];
		}
	}

	private SseEmitter relay(InputStream upstream) {
		SseEmitter emitter = new SseEmitter(0L);
		ScheduledFuture<?> beat = this.keepAlive.scheduleAtFixedRate(() -> {
			try {
				emitter.send(SseEmitter.event().comment("keep-alive"));
			}
			catch (IOException | IllegalStateException ex) {
				// the relay loop sees the closed client too, and ends
				closeQuietly(upstream);
			}
		}, KEEP_ALIVE.toMillis(), KEEP_ALIVE.toMillis(), TimeUnit.MILLISECONDS);
		this.streams.add(emitter);
		Runnable end = () -> {
			this.streams.remove(emitter);
			beat.cancel(false);
			closeQuietly(upstream);
		};
		emitter.onCompletion(end);
		emitter.onError((ex) -> end.run());
		this.relays.execute(() -> {
			try {
				// the answer's headers go out now, not with the first event
				emitter.send(SseEmitter.event().comment("open"));
				copyEvents(upstream, emitter);
				// the follower ended the stream (it stops, or found the client too slow)
				emitter.complete();
			}
			catch (IOException | IllegalStateException ex) {
				// the follower went away, or the client: either way this stream ends, and
				// the
				// client resumes from its last event
				logger.debug("An event stream ended: {}", ex.toString());
				emitter.complete();
			}
			finally {
				end.run();
			}
		});
		return emitter;
	}

	/**
	 * Copies whole events; the follower's own comments are dropped (this sends its own).
	 */
	private static void copyEvents(InputStream upstream, SseEmitter emitter) throws IOException {
		BufferedReader lines = new BufferedReader(new InputStreamReader(upstream, StandardCharsets.UTF_8));
		String id = null;
		String name = null;
		StringBuilder data = null;
		for (String line = lines.readLine(); line != null; line = lines.readLine()) {
			if (line.isEmpty()) {
				if (data != null || name != null || id != null) {
					SseEmitter.SseEventBuilder event = SseEmitter.event();
					if (id != null) {
						event.id(id);
					}
					if (name != null) {
						event.name(name);
					}
					event.data((data != null) ? data.toString() : "");
					emitter.send(event);
				}
				id = null;
				name = null;
				data = null;
			}
			else if (line.startsWith("id:")) {
				id = value(line, 3);
			}
			else if (line.startsWith("event:")) {
				name = value(line, 6);
			}
			else if (line.startsWith("data:")) {
				data = (data == null) ? new StringBuilder(value(line, 5)) : data.append('\n').append(value(line, 5));
			}
		}
	}

	private static String value(String line, int from) {
		return (line.length() > from && line.charAt(from) == ' ') ? line.substring(from + 1) : line.substring(from);
	}

	private static void closeQuietly(@Nullable InputStream upstream) {
		if (upstream == null) {
			return;
		}
		try {
			upstream.close();
		}
		catch (IOException ex) {
			// closing only to let go of the follower's connection
		}
	}

	@Override
	public void start() {
		this.running = true;
	}

	/**
	 * End every stream before the web server's graceful shutdown, which would otherwise
	 * wait for them: their clients reconnect to another gateway.
	 */
	@Override
	public void stop() {
		this.running = false;
		for (SseEmitter stream : this.streams) {
			stream.complete();
		}
		this.streams.clear();
		this.keepAlive.shutdownNow();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return SmartLifecycle.DEFAULT_PHASE - 512;
	}

}
