package dev.usercluster.api;

import java.text.Normalizer;
import java.util.regex.Pattern;

import com.ibm.icu.lang.UCharacter;
import com.ibm.icu.lang.UProperty;
import com.ibm.icu.text.SpoofChecker;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/**
 * Validates {@link UserName}: the allowed characters and length first, then the UTS #39
 * rules, each with a message of its own.
 */
class UserNameValidator implements ConstraintValidator<UserName, String> {

	private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{M}\\p{Nd}_.\\-]{1,32}");

	/**
	 * Restriction level HIGHLY_RESTRICTIVE (one script, or Latin with Han and kana,
	 * Bopomofo or Hangul), no repeated non-spacing marks (INVISIBLE), no digits of two
	 * numbering systems (MIXED_NUMBERS). A SpoofChecker is immutable and thread-safe.
	 */
	private static final SpoofChecker SPOOF_CHECKER = new SpoofChecker.Builder()
		.setRestrictionLevel(SpoofChecker.RestrictionLevel.HIGHLY_RESTRICTIVE)
		.setChecks(SpoofChecker.RESTRICTION_LEVEL | SpoofChecker.INVISIBLE | SpoofChecker.MIXED_NUMBERS)
		.build();

	@Override
	public boolean isValid(String value, ConstraintValidatorContext context) {
		if (value == null) {
			return true;
		}
		if (value.length() > 4 * UserName.MAX_LENGTH) {
			return false;
		}
		String name = NameKey.display(value);
		if (name.codePoints()
			.anyMatch((cp) -> UCharacter.hasBinaryProperty(cp, UProperty.DEFAULT_IGNORABLE_CODE_POINT))) {
			// before the character check, so a zero-width space gets this message
			return refuse(context, "must not contain invisible characters (default-ignorable code points)");
		}
		if (name.codePointCount(0, name.length()) > UserName.MAX_LENGTH || !ALLOWED.matcher(name).matches()) {
			return false;
		}
		if (name.equals(".") || name.equals("..")) {
			return refuse(context, "must not be '.' or '..'");
		}
		// NFD: ICU finds a repeated mark only where NFC has not composed the first one
		if (SPOOF_CHECKER.failsChecks(Normalizer.normalize(name, Normalizer.Form.NFD))) {
			return refuse(context, "must not mix scripts, numbering systems or repeated marks in a way that can "
					+ "imitate another name");
		}
		return true;
	}

	private static boolean refuse(ConstraintValidatorContext context, String message) {
		context.disableDefaultConstraintViolation();
		context.buildConstraintViolationWithTemplate(message).addConstraintViolation();
		return false;
	}

}
