package org.electionrecon.ingest;

import java.math.BigDecimal;
import java.util.regex.Pattern;

import org.electionrecon.ingest.table.Cell;

/**
 * Reads counts and percentages from numeric, formula (cached value) and text cells: {@code 46,169},
 * {@code " 46169 "}, {@code 46 169} with a space or non-breaking space, {@code 65.39%}. A blank is not
 * zero: it is {@code null}, and the caller decides whether that rejects the row.
 */
public final class NumberParser {

	private static final Pattern GROUPING = Pattern.compile("[\\s\\u00A0\\u2007\\u202F,']");
	private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+(\\.\\d*)?|\\.\\d+)");

	/**
	 * Below this a whole double is a whole number exactly (its ulp is at most 1/8), so its long is
	 * what its decimal string gives.
	 */
	private static final double WHOLE_DOUBLE_LIMIT = 1e15;

	private NumberParser() {
	}

	/** A parsed number and the decimals a person sees in it. */
	public record Parsed(BigDecimal value, int decimals) {
	}

	/** Thrown for a value that is present but is not a number of the kind asked for. */
	public static final class NotANumberException extends Exception {
		public NotANumberException(String reason) {
			super(reason);
		}
	}

	/** A whole count (votes, papers, electorate); {@code null} for a blank cell. */
	public static Long count(Cell cell) throws NotANumberException {
		if (cell == null || cell.isBlank()) {
			return null;
		}
		BigDecimal value;
		if (cell.isNumeric()) {
			double number = cell.number();
			if (number == Math.rint(number) && Math.abs(number) < WHOLE_DOUBLE_LIMIT) {
				return (long) number; // as below, without a decimal string: nearly every count
			}
			value = BigDecimal.valueOf(number);
		}
		else {
			String text = GROUPING.matcher(cell.text().strip()).replaceAll("");
			if (!DECIMAL.matcher(text).matches()) {
				throw new NotANumberException("not a number");
			}
			value = new BigDecimal(text);
		}
		try {
			return value.stripTrailingZeros().longValueExact();
		}
		catch (ArithmeticException ex) {
			throw new NotANumberException("not a whole number");
		}
	}

	/** A count written as text (a CSV field), {@code null} when blank. */
	public static Long count(String text) throws NotANumberException {
		return text == null ? null : count(Cell.text(0, text));
	}

	/**
	 * A percentage as a number of percent (65.39) with the decimals a person sees: a fraction
	 * formatted as a percentage (0.6539 with {@code 0.00%}), a number 0-100, or text with {@code %}.
	 */
	public static Parsed percent(Cell cell) throws NotANumberException {
		if (cell == null || cell.isBlank()) {
			return null;
		}
		if (cell.isNumeric()) {
			BigDecimal value = BigDecimal.valueOf(cell.number());
			String format = cell.format() == null ? "General" : cell.format();
			if (format.contains("%")) {
				int decimals = formatDecimals(format);
				return new Parsed(value.movePointRight(2), decimals);
			}
			if ("General".equalsIgnoreCase(format) || format.isBlank()) {
				return new Parsed(value, Math.max(0, value.stripTrailingZeros().scale()));
			}
			return new Parsed(value, formatDecimals(format));
		}
		String text = cell.text().strip();
		boolean percentSign = text.endsWith("%");
		if (percentSign) {
			text = text.substring(0, text.length() - 1);
		}
		text = GROUPING.matcher(text).replaceAll("");
		if (!DECIMAL.matcher(text).matches()) {
			throw new NotANumberException("not a percentage");
		}
		BigDecimal value = new BigDecimal(text);
		return new Parsed(value, Math.max(0, value.scale()));
	}

	/** A percentage written as text (a CSV field), {@code null} when blank. */
	public static Parsed percent(String text) throws NotANumberException {
		return text == null ? null : percent(Cell.text(0, text));
	}

	/** Decimals shown by a number format such as {@code 0.00%} or {@code #,##0.0}. */
	static int formatDecimals(String format) {
		String section = format.split(";", -1)[0];
		int dot = section.indexOf('.');
		if (dot < 0) {
			return 0;
		}
		int decimals = 0;
		for (int i = dot + 1; i < section.length(); i++) {
			char c = section.charAt(i);
			if (c == '0' || c == '#' || c == '?') {
				decimals++;
			}
			else {
				break;
			}
		}
		return decimals;
	}
}
