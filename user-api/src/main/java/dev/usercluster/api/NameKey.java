package dev.usercluster.api;

import java.text.Normalizer;

import com.ibm.icu.text.Normalizer2;

/**
 * Normal forms of a user name: the display form is NFC; the key that makes names unique
 * is Unicode NFKC_Casefold (UTS #39's identifier key), so case, compatibility forms and
 * default-ignorable code points do not tell two names apart: {@code ǅ} and {@code dž},
 * {@code µ} (micro sign) and {@code μ}, {@code ſ} and {@code s}, {@code ｓａｍ} and
 * {@code sam} have one key.
 *
 * <p>
 * Every user's Redis keys and token tag derive from this key, so it must not change
 * without re-keying the {@code users} table (migration {@code V2__rekey_names}) and
 * accepting that live sessions of re-keyed users are no longer found by name.
 */
public final class NameKey {

	private static final Normalizer2 NFKC_CASEFOLD = Normalizer2.getNFKCCasefoldInstance();

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
	 * The unique key of a name: NFKC_Casefold. Total: any string, even one with lone
	 * surrogates, has a key (a login with such a name simply matches nobody).
	 * @param name a name as given by a client
	 * @return its key
	 */
	public static String of(String name) {
		return NFKC_CASEFOLD.normalize(name);
	}

}
