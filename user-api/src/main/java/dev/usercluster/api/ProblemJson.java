package dev.usercluster.api;

/**
 * Names the contract's OpenAPI annotations use for problem answers: every error is
 * {@value #MEDIA_TYPE} with the {@code Problem} schema.
 */
public final class ProblemJson {

	/** The media type of every error answer (RFC 9457). */
	public static final String MEDIA_TYPE = "application/problem+json";

	/** The OpenAPI schema of a problem, defined once by the API documentation. */
	public static final String SCHEMA = "#/components/schemas/Problem";

	private ProblemJson() {
	}

}
