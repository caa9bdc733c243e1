package dev.usercluster.api;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Validates {@link Endpoint}. */
class EndpointValidator implements ConstraintValidator<Endpoint, String> {

	private static final int MAX_LENGTH = 261;

	private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";

	private static final Pattern ENDPOINT = Pattern
		.compile("(?:" + LABEL + "(?:\\." + LABEL + ")*|\\[[0-9A-Fa-f:.]{2,45}\\]):([0-9]{1,5})");

	@Override
	public boolean isValid(String value, ConstraintValidatorContext context) {
		if (value == null) {
			return true;
		}
		if (value.length() > MAX_LENGTH) {
			return false;
		}
		Matcher matcher = ENDPOINT.matcher(value);
		if (!matcher.matches()) {
			return false;
		}
		int port = Integer.parseInt(matcher.group(1));
		return port >= 1 && port <= 65535;
	}

}
