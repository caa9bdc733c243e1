package dev.usercluster.api;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Validates {@link CodePoints}. */
class CodePointsValidator implements ConstraintValidator<CodePoints, String> {

	private int min;

	private int max;

	private boolean nfc;

	private boolean wellFormed;

	@Override
	public void initialize(CodePoints annotation) {
		this.min = annotation.min();
		this.max = annotation.max();
		this.nfc = annotation.nfc();
		this.wellFormed = annotation.wellFormed();
	}

	@Override
	public boolean isValid(String value, ConstraintValidatorContext context) {
		if (value == null) {
			return true;
		}
		// a cheap bound first: a string of more than 4 UTF-16 units per allowed code
		// point cannot pass even after normalisation, so huge inputs are not normalised
		if (value.length() > 4L * this.max) {
			return false;
		}
		if (this.wellFormed && !UnicodeText.isWellFormed(value)) {
			context.disableDefaultConstraintViolation();
			context.buildConstraintViolationWithTemplate("must be well-formed Unicode text").addConstraintViolation();
			return false;
		}
		String text = this.nfc ? NameKey.display(value) : value;
		int count = text.codePointCount(0, text.length());
		return count >= this.min && count <= this.max;
	}

}
