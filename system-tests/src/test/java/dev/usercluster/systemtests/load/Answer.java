package dev.usercluster.systemtests.load;

/**
 * One call of the load and what the gateway answered.
 *
 * @param call which API call
 * @param user the user the call was for
 * @param startMillis when it was sent (epoch milliseconds)
 * @param endMillis when its answer (or failure) came
 * @param status the HTTP status, or -1 when no answer came (connection failure, timeout)
 * @param code the problem detail's {@code code}, or {@code null}
 * @param failure what went wrong without an answer, or {@code null}
 */
public record Answer(Call call, String user, long startMillis, long endMillis, int status, String code,
		String failure) {

	/** No answer, or a 5xx. */
	public boolean isServerError() {
		return this.status < 0 || this.status >= 500;
	}

	/** The success status the SPEC gives this call. */
	public boolean isSuccess() {
		return this.status == this.call.success();
	}

	/** 503 {@code store-unavailable}: the answer the SPEC gives while a store is down. */
	public boolean isStoreUnavailable() {
		return this.status == 503 && "store-unavailable".equals(this.code);
	}

	/** Whether the call was under way at this instant. */
	public boolean wasInFlightAt(long millis) {
		return this.startMillis <= millis && millis <= this.endMillis;
	}

	public long durationMillis() {
		return this.endMillis - this.startMillis;
	}

	@Override
	public String toString() {
		return this.call + " " + this.user + " -> " + ((this.status < 0) ? this.failure : this.status)
				+ ((this.code != null) ? " " + this.code : "") + " (" + durationMillis() + " ms, sent at "
				+ java.time.Instant.ofEpochMilli(this.startMillis) + ")";
	}

}
