package org.electionrecon.ingest;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.electionrecon.ingest.table.RowCursor;
import org.electionrecon.ingest.table.SheetInfo;
import org.electionrecon.ingest.table.SheetRow;
import org.electionrecon.ingest.table.TabularFile;
import org.electionrecon.model.CheckCode;
import org.electionrecon.model.Finding;
import org.electionrecon.model.RejectedFigure;
import org.electionrecon.model.RejectedRow;
import org.electionrecon.model.Severity;
import org.electionrecon.model.SourceRef;
import org.electionrecon.model.Staged;

/**
 * Reads one source file sheet by sheet, one row per {@link #advance} call, so the ingest reader
 * pulls records without the file ever being held in memory. A subclass finds its table's header
 * and turns rows into records; this class walks the sheets, skips hidden and table-less sheets
 * (listing them in the notes), and keeps the conservation counts: every row of a table is
 * accepted, rejected or out of scope.
 * <p>
 * Rows read are counted here, as the rows are met, apart from the accepted, rejected and out of
 * scope counts the subclasses keep: a row is read when {@link #row} takes it as one of the table's
 * rows, when {@link #afterTable} uses it, or when it is cut off by an early end of the table. The
 * Provenance sheet's conservation (read = accepted + rejected + out of scope) is an equation between
 * those independent counts, and fails when a row is counted twice or not at all.
 */
public abstract class SourceParser {

	/** The header row must be within this many rows of the top of a sheet. */
	public static final int HEADER_SEARCH_ROWS = 30;

	/**
	 * The longest sheet name read: Excel allows 31 characters, other programs more; a longer name is
	 * damage, and would not fit the staged references that cite the sheet's cells.
	 */
	public static final int MAX_SHEET_NAME = 100;

	protected final String fileName;

	/** The sheet whose {@code 'dir/[file]Sheet'!} {@link #source} holds, and that text. */
	private SheetInfo sourcePrefixSheet;

	private String sourcePrefix;
	protected final TabularFile file;
	protected final ParseContext context;

	private final List<SheetInfo> sheets;
	private int sheetIndex = -1;
	private RowCursor cursor;
	private SheetInfo sheet;
	private final Deque<SheetRow> pending = new ArrayDeque<>();
	private boolean tableEnded;
	private int tableEndRow;
	private int lastRowNumber;
	private boolean finished;
	private int tablesFound;
	private long ignoredAfterTable;
	private boolean lastRowOfTable;
	/**
	 * Set when a row number out of order cut the rest of the sheet off the table: the reason each of
	 * its rows of the table's shape is rejected with; {@code null} while the row numbers are in order.
	 */
	private String cutOffReason;

	private long rowsRead;
	protected long rowsAccepted;
	protected long rowsRejected;
	protected long rowsOutOfScope;
	protected final List<String> notes = new ArrayList<>();

	protected SourceParser(String fileName, TabularFile file, ParseContext context) {
		this.fileName = fileName;
		this.file = file;
		this.context = context;
		this.sheets = file.sheets();
	}

	/** What the source is, for messages: "verification statement", "declaration". */
	protected abstract String describe();

	/**
	 * Looks for the table's header among the first rows of a sheet.
	 *
	 * @return the index in {@code rows} of the header row, or -1 when the sheet has no such table
	 */
	protected abstract int findHeader(SheetInfo sheet, List<SheetRow> rows);

	/**
	 * The index among {@code rows} of the first row that has every required field, and its columns;
	 * {@code null} when none has.
	 */
	protected static HeaderRow locateHeader(List<SheetRow> rows, List<Field> fields) {
		for (int i = 0; i < rows.size(); i++) {
			java.util.Map<String, Integer> columns = Field.locate(rows.get(i), fields);
			if (columns != null) {
				return new HeaderRow(i, columns);
			}
		}
		return null;
	}

	/** A table's header row: its index among the rows searched, and the column of each field found. */
	protected record HeaderRow(int index, java.util.Map<String, Integer> columns) {
	}

	/** Called once the header is found, with the rows above it (a key-value block, titles). */
	protected void startTable(SheetInfo sheet, List<SheetRow> rowsAbove, List<Staged> out) {
	}

	/**
	 * Handles one row below the header: a row of the table is accepted, rejected or out of scope,
	 * exactly once (call {@link #lastRowOfTable} when it is the table's last row, a Total row).
	 *
	 * @return false when the row is not one of the table's rows and ends the table (a blank or
	 *         footer row); it has then been neither accepted nor rejected
	 */
	protected abstract boolean row(SheetInfo sheet, SheetRow row, List<Staged> out);

	/** Called from {@link #row} on a row that is read and ends the table (a Total row). */
	protected final void lastRowOfTable() {
		lastRowOfTable = true;
	}

	/**
	 * Whether a row met after the end of the table has the shape of one of the table's rows (values
	 * in its columns), so that it was cut off by the early end, rather than a note or footer line.
	 */
	protected abstract boolean isTableShaped(SheetRow row);

	/** Whether {@code row} has a non-blank cell in at least {@code atLeast} of {@code columns}. */
	protected static boolean fills(SheetRow row, java.util.Collection<Integer> columns, int atLeast) {
		int filled = 0;
		for (int column : columns) {
			org.electionrecon.ingest.table.Cell cell = row.get(column);
			if (cell != null && !cell.isBlank() && ++filled >= atLeast) {
				return true;
			}
		}
		return false;
	}

	/** Called at the end of a table: a last chance to emit what the table stated. */
	protected void endTable(SheetInfo sheet, List<Staged> out) {
	}

	/**
	 * Called for each row after the table ended (at the blank or footer row {@code tableEndRow}).
	 *
	 * @return true when the row was used; other non-blank rows are counted as footer, not read
	 */
	protected boolean afterTable(SheetInfo sheet, SheetRow row, int tableEndRow, List<Staged> out) {
		return false;
	}

	/**
	 * Reads the next piece of the file into {@code out}.
	 *
	 * @return false when the file is finished (its provenance record has been emitted)
	 */
	public final boolean advance(List<Staged> out) throws IOException {
		if (finished) {
			return false;
		}
		if (cursor == null) {
			openNextSheet(out);
			return true;
		}
		SheetRow next = pending.isEmpty() ? cursor.next() : pending.poll();
		if (next == null) {
			if (!tableEnded) {
				endTable(sheet, out);
			}
			if (ignoredAfterTable > 0) {
				notes.add(sheetLabel(sheet) + ": " + ignoredAfterTable
						+ " row(s) after the end of the table not read (notes, footer)");
			}
			cursor = null;
			return true;
		}
		if (outOfOrder(next.number())) {
			// 0, a number not above the row before it, or beyond the last row a sheet can have: the rows
			// from here are cut off, and each one of the table's shape is a rejected row
			if (cutOffReason == null) {
				cutOffReason = String.format(java.util.Locale.ROOT, "a row number out of order: %,d after %,d",
						next.number(), lastRowNumber);
			}
			if (!tableEnded) {
				endTable(lastRowNumber + 1, out);
			}
		}
		else if (!tableEnded && next.number() > lastRowNumber + 1) {
			// rows with no cells are not delivered: a gap in the numbers is a blank row, the table's end
			endTable(lastRowNumber + 1, out);
		}
		lastRowNumber = Math.max(lastRowNumber, next.number());
		if (tableEnded) {
			if (cutOffReason == null && afterTable(sheet, next, tableEndRow, out)) {
				rowsRead++;
			}
			else if (cutOffReason != null && isTableShaped(next)) {
				rowsRead++;
				org.electionrecon.ingest.table.Cell first = next.first();
				reject(ref(sheet, next.number(), first.column()), first.text(), "after the end of the table at row "
						+ tableEndRow + " (" + cutOffReason + "): not read", out);
			}
			else if (!next.isBlank()) {
				ignoredAfterTable++;
			}
			return true;
		}
		lastRowOfTable = false;
		if (!row(sheet, next, out)) {
			endTable(next.number(), out);
			return true;
		}
		rowsRead++;
		if (lastRowOfTable) {
			endTable(next.number(), out);
		}
		return true;
	}

	/** The last row number a sheet can have (Excel's 1,048,576): beyond it a row number is damage. */
	static final int MAX_ROW_NUMBER = 1_048_576;

	private boolean outOfOrder(int rowNumber) {
		return rowNumber <= lastRowNumber || rowNumber < 1 || (!file.isCsv() && rowNumber > MAX_ROW_NUMBER);
	}

	private void endTable(int atRow, List<Staged> out) {
		tableEnded = true;
		tableEndRow = atRow;
		endTable(sheet, out);
	}

	private void openNextSheet(List<Staged> out) throws IOException {
		sheetIndex++;
		if (sheetIndex >= sheets.size()) {
			finish(out);
			return;
		}
		sheet = sheets.get(sheetIndex);
		tableEnded = false;
		cutOffReason = null;
		ignoredAfterTable = 0;
		pending.clear();
		if (sheet.name() != null && sheet.name().length() > MAX_SHEET_NAME) {
			// every cell of the sheet would be cited by a name that no source column holds
			String shown = sheet.name().substring(0, 40) + "…";
			out.add(Finding.open(Severity.ERROR, CheckCode.SOURCE_UNREADABLE, null, null, null, null, null, null,
					String.format(java.util.Locale.ROOT, "%s: sheet '%s' not read: its name is %,d characters; at most"
							+ " %d (Excel allows 31)", fileName, shown, sheet.name().length(), MAX_SHEET_NAME),
					fileName));
			notes.add("sheet '" + shown + "' not read: its name is too long");
			return;
		}
		if (sheet.hidden()) {
			notes.add("hidden sheet '" + sheet.name() + "' ignored");
			return;
		}
		RowCursor rows = file.rows(sheet);
		List<SheetRow> top = new ArrayList<>();
		SheetRow row;
		SheetRow beyond = null;
		while ((row = rows.next()) != null) {
			if (row.number() > HEADER_SEARCH_ROWS) {
				beyond = row; // blank rows count: the header must be within the first 30 rows of the sheet
				break;
			}
			top.add(row);
		}
		int header = findHeader(sheet, top);
		if (header < 0) {
			notes.add(sheetLabel(sheet) + " skipped: no " + describe() + " table in its first "
					+ HEADER_SEARCH_ROWS + " rows");
			return;
		}
		tablesFound++;
		startTable(sheet, top.subList(0, header), out);
		lastRowNumber = top.get(header).number();
		pending.addAll(top.subList(header + 1, top.size()));
		if (beyond != null) {
			pending.add(beyond);
		}
		cursor = rows;
	}

	private void finish(List<Staged> out) {
		finished = true;
		if (tablesFound == 0) {
			out.add(Finding.open(Severity.ERROR, CheckCode.SOURCE_UNREADABLE, null, null, null, null, null, null,
					fileName + ": no recognisable " + describe() + " table (no sheet has the required columns"
							+ " in its first " + HEADER_SEARCH_ROWS + " rows)",
					fileName));
		}
	}

	/**
	 * Rows of the file's tables, counted as they were met (not summed from the outcomes): each one
	 * should be accepted, rejected or out of scope.
	 */
	public final long rowsRead() {
		return rowsRead;
	}

	public final long rowsAccepted() {
		return rowsAccepted;
	}

	public final long rowsRejected() {
		return rowsRejected;
	}

	public final long rowsOutOfScope() {
		return rowsOutOfScope;
	}

	/** Skipped sheets, ignored footers and other facts for the Provenance sheet's Notes. */
	public final List<String> notes() {
		return List.copyOf(notes);
	}

	protected final String sheetLabel(SheetInfo sheet) {
		return sheet.name() == null ? "file" : "sheet '" + sheet.name() + "'";
	}

	protected final SourceRef ref(SheetInfo sheet, int row, int column) {
		return file.isCsv() ? SourceRef.csv(fileName, row, column) : SourceRef.cell(fileName, sheet.name(), row, column);
	}

	/**
	 * {@code ref(sheet, row, column).toString()}, with the quoted {@code 'dir/[file]Sheet'!} made
	 * once a sheet: every accepted box has two.
	 */
	protected final String source(SheetInfo sheet, int row, int column) {
		if (sheet != sourcePrefixSheet) {
			sourcePrefixSheet = sheet;
			sourcePrefix = file.isCsv() || sheet.name() == null ? SourceRef.csvPrefix(fileName)
					: SourceRef.sheetPrefix(fileName, sheet.name()) + "!";
		}
		return sourcePrefix + SourceRef.columnLetters(column) + row;
	}

	/** Rejects a row: counted, and listed with file, sheet, row, cell, raw value and reason. */
	protected final void reject(SourceRef cell, String rawValue, String reason, List<Staged> out) {
		rowsRejected++;
		out.add(RejectedRow.at(cell, shown(rawValue), cut(reason, MAX_REASON)));
	}

	/** The longest raw value a Rejected rows line shows: enough to recognise it, never a whole damaged cell. */
	static final int MAX_SHOWN_VALUE = 200;

	/** The staged reason's column (RECON_REJECTED_ROW.REASON, RECON_REJECTED_FIGURE.REASON). */
	private static final int MAX_REASON = 2000;

	/** The staged rejected figure's item column (RECON_REJECTED_FIGURE.ITEM). */
	private static final int MAX_ITEM = 400;

	/** A raw value as the Rejected rows sheet shows it: a long one is cut, and says how long it was. */
	static String shown(String rawValue) {
		if (rawValue == null) {
			return "";
		}
		if (rawValue.length() <= MAX_SHOWN_VALUE) {
			return rawValue;
		}
		return rawValue.substring(0, MAX_SHOWN_VALUE) + String.format(java.util.Locale.ROOT, "… (%,d characters)",
				rawValue.length());
	}

	private static String cut(String text, int max) {
		return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
	}

	/**
	 * Rejects a row that would have given a constituency a record, and stages what was left out
	 * with it, so that the findings computed without the row can name the rejected cell.
	 */
	protected final void reject(SourceRef cell, String rawValue, String reason, RejectedFigure.Kind kind,
			String constituencyCode, String item, List<Staged> out) {
		reject(cell, rawValue, reason, out);
		out.add(new RejectedFigure(constituencyCode, kind, cut(item, MAX_ITEM), cell.toString(), cut(reason, MAX_REASON)));
	}

	/**
	 * Rejects a value stated above the table (a key-value block's electorate or total) that cannot be
	 * read: the row holding it is counted as read, and rejected. A stated value that is read is a
	 * figure of the sheet, not a row of the table, and is not counted.
	 */
	protected final void rejectStatedValue(SourceRef cell, String rawValue, String reason, List<Staged> out) {
		rowsRead++;
		reject(cell, rawValue, reason, out);
	}

	protected final void accept() {
		rowsAccepted++;
	}

	protected final void outOfScope() {
		rowsOutOfScope++;
	}
}
