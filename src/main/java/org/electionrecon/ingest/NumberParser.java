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

	/**
	 * The largest count any election can have, in one place: more than the UK's whole electorate
	 * (about 48 million) and more than any ballot box, declaration or notional figure. A larger value
	 * is a damaged cell, rejected with its row, so that no sum or rate computed later overflows the
	 * staging and report columns.
	 */
	public static final long MAX_COUNT = 100_000_000L;

	/**
	 * The largest percentage read, either way: a stated turnout over 100% is a finding for the checks,
	 * but one over 1,000% is a damaged cell, and would not fit the staged figure.
	 */
	public static final BigDecimal MAX_PERCENT = BigDecimal.valueOf(1000);

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
				return inRange((long) number); // as below, without a decimal string: nearly every count
			}
			value = BigDecimal.valueOf(finite(number));
		}
		else {
			String text = GROUPING.matcher(cell.text().strip()).replaceAll("");
			if (!DECIMAL.matcher(text).matches()) {
				throw new NotANumberException("not a number");
			}
			value = new BigDecimal(text);
		}
		long whole;
		try {
			whole = value.stripTrailingZeros().longValueExact();
		}
		catch (ArithmeticException ex) {
			if (value.signum() > 0 && value.stripTrailingZeros().scale() <= 0) {
				throw new NotANumberException(tooLarge());
			}
			throw new NotANumberException("not a whole number");
		}
		return inRange(whole);
	}

	private static long inRange(long count) throws NotANumberException {
		if (count > MAX_COUNT) { // a negative count is the caller's to reject, with its own reason
			throw new NotANumberException(tooLarge());
		}
		return count;
	}

	private static String tooLarge() {
		return String.format(java.util.Locale.ROOT, "more than %,d, which no election has", MAX_COUNT);
	}

	/** NaN and the infinities are numeric cells that hold no number: the cell is rejected, not the file. */
	private static double finite(double number) throws NotANumberException {
		if (Double.isNaN(number) || Double.isInfinite(number)) {
			throw new NotANumberException("not a number (" + number + ")");
		}
		return number;
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
			BigDecimal value = BigDecimal.valueOf(finite(cell.number()));
			String format = cell.format() == null ? "General" : cell.format();
			if (format.contains("%")) {
				int decimals = formatDecimals(format);
				return bounded(value.movePointRight(2), decimals);
			}
			if ("General".equalsIgnoreCase(format) || format.isBlank()) {
				return bounded(value, Math.max(0, value.stripTrailingZeros().scale()));
			}
			return bounded(value, formatDecimals(format));
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
		return bounded(value, Math.max(0, value.scale()));
	}

	private static Parsed bounded(BigDecimal percent, int decimals) throws NotANumberException {
		if (percent.abs().compareTo(MAX_PERCENT) > 0) {
			throw new NotANumberException("beyond ±1,000%, which no turnout or share can be");
		}
		return new Parsed(percent, decimals);
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
