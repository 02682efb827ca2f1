package org.electionrecon.ingest.table;

import java.util.List;

/**
 * One row of a sheet (or line of a CSV file) with its non-empty cells.
 *
 * @param number 1-based row number in the sheet, or line number in the CSV file
 * @param cells the row's cells, in column order, blanks left out
 */
public record SheetRow(int number, List<Cell> cells) {

	public SheetRow {
		cells = List.copyOf(cells);
	}

	/** The cell in the 0-based column, or {@code null} when it is empty. */
	public Cell get(int column) {
		for (Cell cell : cells) {
			if (cell.column() == column) {
				return cell;
			}
			if (cell.column() > column) {
				return null;
			}
		}
		return null;
	}

	/** The text of the cell in the column, trimmed; {@code null} when empty. */
	public String text(int column) {
		Cell cell = get(column);
		if (cell == null || cell.text() == null) {
			return null;
		}
		String text = cell.text().strip();
		return text.isEmpty() ? null : text;
	}

	public boolean isBlank() {
		return cells.stream().allMatch(Cell::isBlank);
	}

	/** The first non-blank cell, or {@code null}. */
	public Cell first() {
		return cells.stream().filter(c -> !c.isBlank()).findFirst().orElse(null);
	}
}
