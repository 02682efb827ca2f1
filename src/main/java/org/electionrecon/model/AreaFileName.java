package org.electionrecon.model;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The name of a report area's workbook. It lives with the model rather than the report because
 * the register is checked with it when it is read: two spellings of an area that give one file
 * name would otherwise write one workbook over the other.
 */
public final class AreaFileName {

	private static final String SUFFIX = "-reconciliation.xlsx";

	private AreaFileName() {
	}

	/**
	 * The area in lower-case ASCII words joined by hyphens, then {@code -reconciliation.xlsx}
	 * ("Yorkshire and The Humber" gives {@code yorkshire-and-the-humber-reconciliation.xlsx}).
	 *
	 * @throws IllegalArgumentException when the area is null or has no letter or digit
	 */
	public static String of(String area) {
		if (area == null) {
			throw new IllegalArgumentException("A report area needs a name");
		}
		String folded = Normalizer.normalize(area, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
		folded = folded.replace("ß", "ss")
			.replace("æ", "ae")
			.replace("Æ", "AE")
			.replace("œ", "oe")
			.replace("Œ", "OE")
			.replace("ø", "o")
			.replace("Ø", "O")
			.replace("ł", "l")
			.replace("Ł", "L")
			.replace("đ", "d")
			.replace("Đ", "D");
		String words = folded.toLowerCase(Locale.ROOT)
			.replaceAll("['\u2018\u2019`]", "")
			.replaceAll("[^a-z0-9]+", "-")
			.replaceAll("^-+|-+$", "");
		if (words.isEmpty()) {
			throw new IllegalArgumentException("Report area '" + area + "' has no letters or digits to name a file");
		}
		return words + SUFFIX;
	}
}
