package org.electionrecon.ingest;

import java.util.List;
import java.util.Map;

import org.electionrecon.ingest.NumberParser.NotANumberException;
import org.electionrecon.ingest.table.Cell;
import org.electionrecon.ingest.table.SheetRow;
import org.electionrecon.model.SourceRef;

/**
 * Reads a table row's fields by name and keeps the first problem, so that a parser rejects the
 * row once, naming the cell that failed.
 */
final class RowValues {

	private final SheetRow row;
	private final Map<String, Integer> columns;
	private final java.util.function.IntFunction<SourceRef> refOfColumn;
	private SourceRef problemCell;
	private String problemValue;
	private String problem;

	RowValues(SheetRow row, Map<String, Integer> columns, java.util.function.IntFunction<SourceRef> refOfColumn) {
		this.row = row;
		this.columns = columns;
		this.refOfColumn = refOfColumn;
	}

	boolean has(String field) {
		return columns.containsKey(field);
	}

	String text(String field) {
		Integer column = columns.get(field);
		return column == null ? null : row.text(column);
	}

	/**
	 * A text that is staged: one longer than its column holds is the row's problem, and reads as
	 * {@code null}.
	 */
	String text(String field, StagedText kind) {
		String value = text(field);
		String tooLong = kind.problem(value);
		if (tooLong != null) {
			fail(field, value, tooLong);
			return null;
		}
		return value;
	}

	Cell cell(String field) {
		Integer column = columns.get(field);
		return column == null ? null : row.get(column);
	}

	SourceRef source(String field) {
		Integer column = columns.get(field);
		return column == null ? null : refOfColumn.apply(column);
	}

	String sourceText(String field) {
		SourceRef source = source(field);
		return source == null ? null : source.toString();
	}

	/** A count that must be there: a blank or unreadable value is the row's problem. */
	Long requiredCount(String field, String label) {
		Long value = count(field, label);
		if (value == null && problem == null) {
			fail(field, null, label + " is blank (a blank is not zero)");
		}
		return value;
	}

	/** A count that may be absent; an unreadable value is still the row's problem. */
	Long count(String field, String label) {
		Cell cell = cell(field);
		try {
			Long value = NumberParser.count(cell);
			if (value != null && value < 0) {
				fail(field, cell.text(), label + " cannot be negative");
				return null;
			}
			return value;
		}
		catch (NotANumberException ex) {
			fail(field, cell.text(), label + " is " + ex.getMessage());
			return null;
		}
	}

	NumberParser.Parsed percent(String field, String label) {
		Cell cell = cell(field);
		try {
			return NumberParser.percent(cell);
		}
		catch (NotANumberException ex) {
			fail(field, cell.text(), label + " is " + ex.getMessage());
			return null;
		}
	}

	void fail(String field, String value, String reason) {
		if (problem == null) {
			Integer column = columns.get(field);
			problemCell = refOfColumn.apply(column == null ? firstColumn() : column);
			problemValue = value;
			problem = reason;
		}
	}

	private int firstColumn() {
		List<Cell> cells = row.cells();
		return cells.isEmpty() ? 0 : cells.get(0).column();
	}

	boolean failed() {
		return problem != null;
	}

	SourceRef problemCell() {
		return problemCell;
	}

	String problemValue() {
		return problemValue;
	}

	String problem() {
		return problem;
	}
}
