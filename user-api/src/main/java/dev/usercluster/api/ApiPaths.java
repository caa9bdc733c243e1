package dev.usercluster.api;

/**
 * Paths of the public API.
 */
public final class ApiPaths {

	/** Path of the API, v1; every interface of the contract is under it. */
	public static final String BASE_PATH = "/api/v1";

	private ApiPaths() {
	}

}
