package org.electionrecon.ingest;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/** Normal forms for matching names and headers written many ways, never by exact string equality. */
public final class Names {

	private static final Pattern MARKS = Pattern.compile("\\p{M}+");
	private static final Pattern DASHES = Pattern.compile("[\\u2010-\\u2015\\u2212\\uFE58\\uFE63\\uFF0D-]");
	private static final Pattern SPACES = Pattern.compile("[\\s\\u00A0\\u2007\\u202F\\uFEFF]+");
	private static final Pattern NOT_WORD = Pattern.compile("[^a-z0-9 ]");

	private Names() {
	}

	/**
	 * A constituency or person name for matching: case, accents, {@code &}/{@code and}, hyphens and
	 * typographic dashes, commas and other punctuation, repeated and non-breaking spaces folded.
	 * "Stoke-On-Trent North" and "Stoke-on-Trent North" are the same; "Ynys Môn" matches "Ynys Mon".
	 */
	public static String normalise(String name) {
		if (name == null) {
			return "";
		}
		String folded = MARKS.matcher(Normalizer.normalize(name, Normalizer.Form.NFD)).replaceAll("");
		folded = folded.toLowerCase(Locale.ROOT).replace("&", " and ");
		folded = DASHES.matcher(folded).replaceAll(" ");
		folded = SPACES.matcher(folded).replaceAll(" ");
		folded = folded.replace("'", "").replace("\u2019", "");
		folded = NOT_WORD.matcher(folded).replaceAll(" ");
		return SPACES.matcher(folded).replaceAll(" ").strip();
	}

	/**
	 * A header for matching: case-insensitive, ignoring spaces, punctuation, quotes and a BOM, so
	 * {@code "turnout"}, {@code Turnout %} and {@code TURNOUT} are the same.
	 */
	public static String header(String text) {
		if (text == null) {
			return "";
		}
		String folded = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
		return folded.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
	}

	/** Lower-case words joined by hyphens: "Staffordshire and Cheshire" becomes "staffordshire-and-cheshire". */
	public static String slug(String text) {
		return normalise(text).replace(' ', '-');
	}
}
