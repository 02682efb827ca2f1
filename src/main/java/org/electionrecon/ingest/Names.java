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
		return isAscii(name) ? normaliseAscii(name) : normaliseAnyText(name);
	}

	/** The general form of {@link #normalise}, for text of any script. */
	static String normaliseAnyText(String name) {
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
		String folded = isAscii(text) ? text
				: MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
		StringBuilder letters = new StringBuilder(folded.length());
		for (int i = 0; i < folded.length(); i++) {
			char c = Character.toLowerCase(folded.charAt(i));
			if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
				letters.append(c);
			}
		}
		return letters.toString();
	}

	private static boolean isAscii(String text) {
		for (int i = 0; i < text.length(); i++) {
			if (text.charAt(i) > 0x7F) {
				return false;
			}
		}
		return true;
	}

	/**
	 * {@link #normalise} of a name with no character beyond ASCII, in one pass: there, the accents
	 * and typographic dashes and spaces it folds cannot occur, and every other character that is not
	 * a letter or a digit becomes a space. Most names are ASCII, and the ingest and the merge
	 * normalise every box's.
	 */
	private static String normaliseAscii(String name) {
		StringBuilder folded = new StringBuilder(name.length() + 8);
		boolean space = true; // no leading space
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (c >= 'A' && c <= 'Z') {
				c = (char) (c + ('a' - 'A'));
			}
			if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
				folded.append(c);
				space = false;
			}
			else if (c == '&') {
				if (!space) {
					folded.append(' ');
				}
				folded.append("and ");
				space = true;
			}
			else if (c != '\'' && !space) {
				folded.append(' ');
				space = true;
			}
		}
		int end = folded.length();
		while (end > 0 && folded.charAt(end - 1) == ' ') {
			end--;
		}
		return folded.substring(0, end);
	}

	/** Lower-case words joined by hyphens: "Staffordshire and Cheshire" becomes "staffordshire-and-cheshire". */
	public static String slug(String text) {
		return normalise(text).replace(' ', '-');
	}
}
