package dev.usercluster.api;

import java.util.regex.Pattern;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Validates {@link UserName}. */
class UserNameValidator implements ConstraintValidator<UserName, String> {

	private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{M}\\p{Nd}_.\\-]{1,32}");

	@Override
	public boolean isValid(String value, ConstraintValidatorContext context) {
		if (value == null) {
			return true;
		}
		if (value.length() > 4 * UserName.MAX_LENGTH) {
			return false;
		}
		String name = NameKey.display(value);
		return name.codePointCount(0, name.length()) <= UserName.MAX_LENGTH && ALLOWED.matcher(name).matches();
	}

}
