package org.electionrecon.model;

/**
 * Where a value came from: a workbook cell ({@code file!Sheet!C12}) or a CSV field
 * ({@code file:line:column}).
 *
 * @param file file name relative to the input folder, e.g. {@code verification/stafford.xlsx}
 * @param sheet the sheet name, or {@code null} for a CSV file
 * @param row 1-based row (workbook) or line (CSV) number
 * @param column column letters (workbook, e.g. {@code C}) or 1-based column number (CSV)
 */
public record SourceRef(String file, String sheet, int row, String column) {

	public static SourceRef cell(String file, String sheet, int row, int columnIndex) {
		return new SourceRef(file, sheet, row, columnLetters(columnIndex));
	}

	public static SourceRef csv(String file, int line, int columnIndex) {
		return new SourceRef(file, null, line, Integer.toString(columnIndex + 1));
	}

	/** A reference to a whole file, for findings that have no cell (an unreadable file). */
	public static SourceRef file(String file) {
		return new SourceRef(file, null, 0, null);
	}

	public boolean isWorkbook() {
		return sheet != null;
	}

	/** The cell as the Rejected rows sheet shows it: {@code C12} for a workbook, the column number for a CSV. */
	public String cell() {
		if (column == null) {
			return "";
		}
		return isWorkbook() ? column + row : column;
	}

	@Override
	public String toString() {
		if (column == null) {
			return sheet == null ? file : file + "!" + sheet;
		}
		return isWorkbook() ? file + "!" + sheet + "!" + column + row : file + ":" + row + ":" + column;
	}

	private static final String[] SINGLE_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ".split("");

	/** Excel column letters for a 0-based index: 0 is A, 26 is AA. */
	public static String columnLetters(int columnIndex) {
		if (columnIndex >= 0 && columnIndex < SINGLE_LETTERS.length) {
			return SINGLE_LETTERS[columnIndex];
		}
		StringBuilder letters = new StringBuilder();
		int n = columnIndex + 1;
		while (n > 0) {
			int remainder = (n - 1) % 26;
			letters.insert(0, (char) ('A' + remainder));
			n = (n - 1) / 26;
		}
		return letters.toString();
	}

	private static final java.util.regex.Pattern CSV_TEXT = java.util.regex.Pattern.compile("(.*):\\d+:\\d+");

	/** The file of a source in text form ({@code file!Sheet!C12} or {@code file:line:column}). */
	public static String fileOf(String source) {
		if (source == null) {
			return null;
		}
		java.util.regex.Matcher csv = CSV_TEXT.matcher(source);
		if (csv.matches()) {
			return csv.group(1);
		}
		int bang = source.indexOf('!');
		return bang < 0 ? source : source.substring(0, bang);
	}

	/** Several sources joined as checks.md says: separated by {@code "; "}. */
	public static String join(SourceRef... sources) {
		StringBuilder joined = new StringBuilder();
		for (SourceRef source : sources) {
			if (source == null) {
				continue;
			}
			if (joined.length() > 0) {
				joined.append("; ");
			}
			joined.append(source);
		}
		return joined.toString();
	}
}
