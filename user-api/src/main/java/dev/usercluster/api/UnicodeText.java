package dev.usercluster.api;

/** Checks on text as Unicode, not as Java's UTF-16 units. */
public final class UnicodeText {

	private UnicodeText() {
	}

	/**
	 * Whether every surrogate in the text is half of a pair: a lone one is no character
	 * at all and has no UTF-8 form.
	 * @param text the text
	 * @return whether the text holds no lone surrogate
	 */
	public static boolean isWellFormed(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				return false;
			}
		}
		return true;
	}

}
