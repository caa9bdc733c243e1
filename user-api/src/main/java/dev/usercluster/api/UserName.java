package dev.usercluster.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * A name that may be registered: 1 to 32 code points after NFC normalisation, each a
 * letter (L), a mark (M), a decimal digit (Nd) or one of {@code _ - .}; and, after UTS
 * #39, not {@code .} or {@code ..}, without default-ignorable code points (zero-width
 * characters, variation selectors, Hangul fillers), and passing ICU's
 * {@code SpoofChecker} at restriction level HIGHLY_RESTRICTIVE (no Latin mixed with
 * Cyrillic, say). {@code null} is valid.
 */
@Documented
@Constraint(validatedBy = UserNameValidator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
public @interface UserName {

	/** Most code points a name may have after NFC. */
	int MAX_LENGTH = 32;

	String message() default "must be 1 to 32 letters, digits, '_', '-' or '.'";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

}
