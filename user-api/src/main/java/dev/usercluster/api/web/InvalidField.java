package dev.usercluster.api.web;

/**
 * One entry of the {@code errors} member of an {@code invalid-request} problem. It never
 * carries the rejected value: that may be a password.
 *
 * @param field the field, query parameter or path variable
 * @param message what is wrong with it
 */
public record InvalidField(String field, String message) {

	/** Name of the problem member that lists invalid fields. */
	public static final String MEMBER = "errors";

}
