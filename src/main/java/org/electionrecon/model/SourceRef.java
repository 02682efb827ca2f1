package org.electionrecon.model;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a value came from, written in spreadsheet notation relative to the input folder, as a
 * spreadsheet program writes a reference to another workbook:
 * {@code 'verification/[stafford.xlsx]Stafford'!E19}. A CSV file's sheet is named after the file,
 * as a spreadsheet program names it when it opens the file ({@code 'declarations/[results.csv]results'!P3}:
 * the column as letters, the line as the row). The part before {@code !} is always quoted, and an
 * apostrophe inside it is doubled, so that one rule reads every reference back.
 *
 * @param file file name relative to the input folder, e.g. {@code verification/stafford.xlsx}
 * @param sheet the sheet name, or {@code null} for a CSV file
 * @param row 1-based row (workbook) or line (CSV) number
 * @param column column letters (workbook, e.g. {@code C}) or 1-based column number (CSV), as the
 *     Rejected rows sheet's Cell column shows them
 */
public record SourceRef(String file, String sheet, int row, String column) {

	/** Excel's longest sheet name: it cuts a CSV file's name to this when it names the sheet. */
	static final int MAX_SHEET_NAME = 31;

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

	/** The cell in spreadsheet notation ({@code C12}) for a workbook and a CSV alike. */
	public String address() {
		boolean number = !column.isEmpty() && Character.isDigit(column.charAt(0));
		return (number ? columnLetters(Integer.parseInt(column) - 1) : column) + row;
	}

	@Override
	public String toString() {
		if (column == null) {
			return sheet == null ? file : sheetPrefix(file, sheet);
		}
		return sheetPrefix(file, isWorkbook() ? sheet : csvSheetName(file)) + "!" + address();
	}

	/**
	 * The quoted part of a reference before {@code !}: {@code 'verification/[stafford.xlsx]Stafford'}.
	 * A source parser builds it once a sheet and appends each cell's address.
	 */
	public static String sheetPrefix(String file, String sheet) {
		int slash = file.lastIndexOf('/');
		String inside = file.substring(0, slash + 1) + "[" + file.substring(slash + 1) + "]" + sheet;
		return "'" + inside.replace("'", "''") + "'";
	}

	/** The reference prefix ({@link #sheetPrefix} and {@code !}) of a CSV file's cells. */
	public static String csvPrefix(String file) {
		return sheetPrefix(file, csvSheetName(file)) + "!";
	}

	/**
	 * The sheet a spreadsheet program shows a CSV file in: the file name without its extension, cut
	 * at 31 characters as Excel cuts it, with the characters a sheet name cannot hold
	 * ({@code [ ] : * ? / \}) written as {@code _}.
	 */
	public static String csvSheetName(String file) {
		String name = file.substring(file.lastIndexOf('/') + 1);
		int dot = name.lastIndexOf('.');
		if (dot > 0) {
			name = name.substring(0, dot);
		}
		name = name.replaceAll("[\\[\\]:*?/\\\\]", "_");
		return name.length() > MAX_SHEET_NAME ? name.substring(0, MAX_SHEET_NAME) : name;
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

	/** The 0-based index of Excel column letters: A is 0, AA is 26. */
	public static int columnIndex(String letters) {
		int n = 0;
		for (int i = 0; i < letters.length(); i++) {
			n = n * 26 + (letters.charAt(i) - 'A' + 1);
		}
		return n - 1;
	}

	/** One reference: the quoted part, then a cell or a range of cells. */
	private static final Pattern REFERENCE = Pattern
		.compile("'((?:[^']|'')*)'!([A-Z]+)([0-9]+)(?::([A-Z]+)([0-9]+))?");

	/**
	 * A reference read back from its text: the file, the sheet as written, and the first and last
	 * cell (the same cell when it is not a range).
	 *
	 * @param sheet the sheet name as the reference writes it (a CSV file's as {@link #csvSheetName})
	 */
	public record Parsed(String file, String sheet, String firstColumn, int firstRow, String lastColumn, int lastRow) {

		public boolean isRange() {
			return firstRow != lastRow || !firstColumn.equals(lastColumn);
		}
	}

	/** Reads one reference ({@code 'dir/[file]Sheet'!C12} or {@code ...!C12:C40}); {@code null} when it is not one. */
	public static Parsed parse(String reference) {
		Matcher matcher = REFERENCE.matcher(reference.strip());
		if (!matcher.matches()) {
			return null;
		}
		String inside = matcher.group(1).replace("''", "'");
		int open = inside.startsWith("[") ? 0 : inside.indexOf("/[") + 1;
		int close = inside.lastIndexOf(']');
		if (open < 0 || close < open) {
			return null;
		}
		String file = inside.substring(0, open) + inside.substring(open + 1, close);
		String lastColumn = matcher.group(4) == null ? matcher.group(2) : matcher.group(4);
		int lastRow = Integer.parseInt(matcher.group(5) == null ? matcher.group(3) : matcher.group(5));
		return new Parsed(file, inside.substring(close + 1), matcher.group(2), Integer.parseInt(matcher.group(3)),
				lastColumn, lastRow);
	}

	/**
	 * The file of a source in text form: a reference, a whole sheet ({@code 'dir/[file]Sheet'}, for
	 * a finding about a sheet), or a plain file or folder name; for several references labelled by
	 * role, the first one's file.
	 */
	public static String fileOf(String source) {
		if (source == null) {
			return null;
		}
		Parsed parsed = parse(source.endsWith("'") ? source + "!A1" : source); // a whole sheet is its quoted part
		if (parsed == null) {
			// several references, labelled by role ("issued: ...; verified: ..."): the first one's file
			List<String> references = references(source);
			if (references.size() > 1 || references.size() == 1 && !references.get(0).equals(source)) {
				String first = references.get(0);
				parsed = parse(first.endsWith("'") ? first + "!A1" : first);
			}
		}
		return parsed == null ? source : parsed.file();
	}

	/**
	 * The references of a Source text, in order, without their labels: a Source holds one
	 * reference, or several as {@code role: reference, reference; role: reference}.
	 */
	public static List<String> references(String source) {
		List<String> references = new ArrayList<>();
		if (source == null) {
			return references;
		}
		StringBuilder current = new StringBuilder();
		boolean quoted = false;
		for (int i = 0; i < source.length(); i++) {
			char c = source.charAt(i);
			if (c == '\'') {
				quoted = !quoted; // a doubled apostrophe closes and opens again
			}
			if (!quoted && (c == ';' || c == ',')) {
				addReference(current, references);
				current.setLength(0);
				continue;
			}
			if (!quoted && c == ':' && current.indexOf("'") < 0) {
				current.setLength(0); // "role:" before a reference
				continue;
			}
			current.append(c);
		}
		addReference(current, references);
		return references;
	}

	private static void addReference(StringBuilder text, List<String> references) {
		String reference = text.toString().strip();
		if (!reference.isEmpty()) {
			references.add(reference);
		}
	}

	/**
	 * Cells as ranges: neighbouring cells of one column of one sheet (each the row below the one
	 * before) become one range {@code ...!E12:E41}, and the ranges are separated by {@code ", "}.
	 * Texts that are not a single cell are kept as they are. A cell that extends the current range
	 * is compared in place, without a copy: every box of a constituency passes through here.
	 */
	public static String ranges(List<String> cells) {
		StringBuilder out = new StringBuilder();
		String prefix = null;
		String column = null;
		int first = 0;
		int last = 0;
		for (String cell : cells) {
			if (cell == null || cell.isEmpty()) {
				continue;
			}
			int bang = cell.lastIndexOf("'!");
			int digits = bang < 0 ? -1 : firstDigit(cell, bang + 2);
			if (digits < 0) {
				if (prefix != null) {
					appendRange(out, prefix, column, first, last);
					prefix = null;
				}
				appendSeparated(out, cell);
				continue;
			}
			int row = Integer.parseInt(cell, digits, cell.length(), 10);
			if (prefix != null && row == last + 1 && bang + 2 == prefix.length() && digits - bang - 2 == column.length()
					&& cell.regionMatches(bang + 2, column, 0, column.length()) && cell.startsWith(prefix)) {
				last = row;
				continue;
			}
			if (prefix != null) {
				appendRange(out, prefix, column, first, last);
			}
			prefix = cell.substring(0, bang + 2);
			column = cell.substring(bang + 2, digits);
			first = row;
			last = row;
		}
		if (prefix != null) {
			appendRange(out, prefix, column, first, last);
		}
		return out.toString();
	}

	private static int firstDigit(String cell, int from) {
		int i = from;
		while (i < cell.length() && cell.charAt(i) >= 'A' && cell.charAt(i) <= 'Z') {
			i++;
		}
		if (i == from || i == cell.length()) {
			return -1;
		}
		for (int j = i; j < cell.length(); j++) {
			if (cell.charAt(j) < '0' || cell.charAt(j) > '9') {
				return -1;
			}
		}
		return i;
	}

	private static void appendRange(StringBuilder out, String prefix, String column, int first, int last) {
		appendSeparated(out, prefix + column + first + (last == first ? "" : ":" + column + last));
	}

	private static void appendSeparated(StringBuilder out, String text) {
		if (out.length() > 0) {
			out.append(", ");
		}
		out.append(text);
	}

	/**
	 * A Source text with each reference labelled by its role, in the order given (the order of the
	 * row's columns): {@code issued: ...; verified: ...}. Roles with no reference are left out; a lone
	 * reference is written without its label.
	 *
	 * @param rolesAndSources a role, then its reference(s), then the next role, ...
	 */
	public static String labelled(String... rolesAndSources) {
		StringBuilder joined = new StringBuilder();
		int present = 0;
		String lone = null;
		for (int i = 0; i + 1 < rolesAndSources.length; i += 2) {
			String source = rolesAndSources[i + 1];
			if (source == null || source.isEmpty()) {
				continue;
			}
			present++;
			lone = source;
			if (joined.length() > 0) {
				joined.append("; ");
			}
			joined.append(rolesAndSources[i]).append(": ").append(source);
		}
		return present == 0 ? null : present == 1 && !isLabelled(lone) && references(lone).size() == 1 ? lone
				: joined.toString();
	}

	/**
	 * A Source text that labels every reference by its role, even a lone one: for a finding whose
	 * Source more references may join (the rejected cells a figure leaves out).
	 */
	public static String roles(String... rolesAndSources) {
		String labelled = labelled(rolesAndSources);
		if (labelled == null || isLabelled(labelled)) {
			return labelled;
		}
		for (int i = 0; i + 1 < rolesAndSources.length; i += 2) {
			if (labelled.equals(rolesAndSources[i + 1])) {
				return rolesAndSources[i] + ": " + labelled;
			}
		}
		return labelled;
	}

	/** A Source text with more references of one role after it ({@code ...; left out: ...}). */
	public static String adding(String source, String role, String references) {
		if (source == null || source.isEmpty()) {
			return roles(role, references);
		}
		return source + "; " + role + ": " + references;
	}

	/** Whether a Source text already labels its references ({@code role: ...}). */
	private static boolean isLabelled(String source) {
		int colon = source.indexOf(": ");
		int quote = source.indexOf('\'');
		return colon >= 0 && (quote < 0 || colon < quote);
	}
}
