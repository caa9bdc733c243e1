package dev.usercluster.gateway;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * A steady stream of calls from a few concurrent clients, each repeating one scenario,
 * recording every unexpected answer. It can be paused between calls, so that a test can
 * act while no call is in flight.
 */
public final class CallStream implements AutoCloseable {

	/**
	 * One client's scenario: a step makes one call and says what went wrong, if anything.
	 */
	public interface Scenario {

		/**
		 * Run the scenario once.
		 * @param step runs one call while the stream is not paused; it returns a
		 * description of what went wrong or {@code null}
		 */
		void run(Step step);

	}

	/**
	 * One call of a scenario.
	 */
	public interface Step {

		/**
		 * Make a call.
		 * @param call makes the call and returns a failure description or null
		 * @return whether the call went as expected
		 */
		boolean call(Supplier<String> call);

	}

	private final ExecutorService clients;

	private final AtomicBoolean running = new AtomicBoolean(true);

	private final AtomicLong calls = new AtomicLong();

	private final List<String> failures = Collections.synchronizedList(new ArrayList<>());

	private final ReadWriteLock pause = new ReentrantReadWriteLock();

	public CallStream(int clients, Scenario scenario) {
		this.clients = Executors.newFixedThreadPool(clients);
		for (int i = 0; i < clients; i++) {
			this.clients.execute(() -> {
				while (this.running.get()) {
					scenario.run(this::step);
				}
			});
		}
	}

	private boolean step(Supplier<String> call) {
		this.pause.readLock().lock();
		try {
			String failure = call.get();
			this.calls.incrementAndGet();
			if (failure != null) {
				this.failures.add(failure);
			}
			return failure == null;
		}
		catch (RuntimeException ex) {
			this.failures.add(ex.toString());
			return false;
		}
		finally {
			this.pause.readLock().unlock();
		}
	}

	public long calls() {
		return this.calls.get();
	}

	public List<String> failures() {
		synchronized (this.failures) {
			return List.copyOf(this.failures);
		}
	}

	/**
	 * Run an action while no call is in flight.
	 * @param action the action
	 */
	public void betweenCalls(Runnable action) {
		this.pause.writeLock().lock();
		try {
			action.run();
		}
		finally {
			this.pause.writeLock().unlock();
		}
	}

	@Override
	public void close() throws InterruptedException {
		this.running.set(false);
		this.clients.shutdown();
		if (!this.clients.awaitTermination(30, TimeUnit.SECONDS)) {
			throw new IllegalStateException("Clients did not stop");
		}
	}

}
