package org.electionrecon.ingest.table;

/**
 * One non-empty cell as read from a sheet or CSV line, before any interpretation.
 *
 * @param column 0-based column index
 * @param text the value as a person sees it (a number formatted with the cell's format)
 * @param number the numeric value of a numeric cell (or of a formula's cached numeric result),
 *     else {@code null}; text cells are parsed later, by {@code NumberParser}
 * @param format the number format of a numeric cell (e.g. {@code 0.00%}), else {@code null}
 * @param formula whether the value is a formula's cached result (never evaluated, never copied)
 */
public record Cell(int column, String text, Double number, String format, boolean formula) {

	public static Cell text(int column, String text) {
		return new Cell(column, text, null, null, false);
	}

	public boolean isNumeric() {
		return number != null;
	}

	public boolean isBlank() {
		return number == null && (text == null || text.isBlank());
	}
}
