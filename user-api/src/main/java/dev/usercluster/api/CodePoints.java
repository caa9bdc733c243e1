package dev.usercluster.api;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * The string has between {@link #min()} and {@link #max()} Unicode code points (counted
 * after NFC normalisation when {@link #nfc()} is set). {@code null} is valid.
 */
@Documented
@Constraint(validatedBy = CodePointsValidator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.TYPE_USE,
		ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
public @interface CodePoints {

	String message() default "must have {min} to {max} characters";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	int min() default 0;

	int max() default Integer.MAX_VALUE;

	boolean nfc() default false;

	/**
	 * Whether a lone surrogate (half of a UTF-16 pair, no character at all) makes the
	 * value invalid.
	 * @return whether only well-formed text is valid
	 */
	boolean wellFormed() default false;

}
