package dev.usercluster.gateway;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A steady stream of mixed calls through the gateway from a few clients: registrations
 * (POST, expected 201) and user look-ups without a session (GET, expected the follower's
 * 401). Anything else is a failed call.
 */
final class MixedLoad implements AutoCloseable {

	private final Cluster cluster;

	private final AtomicBoolean running = new AtomicBoolean(true);

	private final AtomicInteger succeeded = new AtomicInteger();

	private final List<String> failures = new CopyOnWriteArrayList<>();

	private final ExecutorService clients;

	MixedLoad(Cluster cluster, int clients) {
		this.cluster = cluster;
		this.clients = Executors.newFixedThreadPool(clients);
		for (int i = 0; i < clients; i++) {
			this.clients.submit(this::run);
		}
	}

	private void run() {
		int n = 0;
		while (this.running.get()) {
			try {
				HttpResponse<String> response;
				int expected;
				if (n++ % 2 == 0) {
					String name = "m" + UUID.randomUUID().toString().substring(0, 12);
					response = this.cluster.postJson("/api/v1/users",
							"{\"name\":\"" + name + "\",\"password\":\"pass-word-1\"}");
					expected = 201;
				}
				else {
					response = this.cluster.get(Cluster.FOLLOWER_GET);
					expected = Cluster.FOLLOWER_GET_STATUS;
				}
				if (response.statusCode() == expected) {
					this.succeeded.incrementAndGet();
				}
				else {
					this.failures.add(response.statusCode() + " " + response.body());
				}
			}
			catch (Exception ex) {
				this.failures.add(ex.toString());
			}
		}
	}

	int succeeded() {
		return this.succeeded.get();
	}

	List<String> failures() {
		return this.failures;
	}

	@Override
	public void close() throws InterruptedException {
		this.running.set(false);
		this.clients.shutdown();
		this.clients.awaitTermination(30, TimeUnit.SECONDS);
	}

}
