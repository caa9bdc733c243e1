package dev.usercluster.api;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Normal forms of a user name: the display form is NFC, the key that makes names unique
 * without regard to case is NFC lower-cased with {@link Locale#ROOT}.
 */
public final class NameKey {

	private NameKey() {
	}

	/**
	 * The display form of a name as it is stored: NFC.
	 * @param name a name as given by a client
	 * @return its NFC form
	 */
	public static String display(String name) {
		return Normalizer.normalize(name, Normalizer.Form.NFC);
	}

	/**
	 * The unique key of a name: NFC, then lower-cased with {@link Locale#ROOT}.
	 * @param name a name as given by a client
	 * @return its key
	 */
	public static String of(String name) {
		return display(name).toLowerCase(Locale.ROOT);
	}

}
