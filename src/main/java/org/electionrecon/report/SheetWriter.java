package org.electionrecon.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.regex.Pattern;

import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.common.usermodel.HyperlinkType;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFHyperlink;

/**
 * Appends rows to one sheet. Every value goes in through a typed method: text is always a string
 * cell (never a formula, whatever it starts with), numbers are numeric cells with a number format,
 * and {@code null} leaves the cell blank rather than writing 0. Rows are written straight into the
 * sheet's XML as they are filled ({@link StreamingWorkbook.RowXmlWriter}), so a row's cells go in
 * column order and only the last row taken can be written to.
 */
final class SheetWriter {

	/** Only numbers written exactly as digits are numbers; "1e3", "0x1F" or "007" stay text. */
	private static final Pattern PLAIN_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?");

	/** A double holds 15 significant digits exactly; a longer digit string stays text. */
	private static final int MAX_NUMERIC_DIGITS = 15;

	private static final int MAX_TEXT_LENGTH = SpreadsheetVersion.EXCEL2007.getMaxTextLength();

	private final SXSSFSheet sheet;

	private final StreamingWorkbook.RowXmlWriter rows;

	private final ReportStyles styles;

	private final int lastRowIndex;

	private int nextRow;

	SheetWriter(StreamingWorkbook.StreamingSheet sheet, ReportStyles styles, int lastRowIndex) {
		this.sheet = sheet.sheet();
		this.rows = sheet.rows();
		this.styles = styles;
		this.lastRowIndex = lastRowIndex;
	}

	SXSSFSheet sheet() {
		return sheet;
	}

	/** The 0-based index of the next row {@link #row()} creates. */
	int nextRowIndex() {
		return nextRow;
	}

	SheetRow row() {
		if (nextRow > lastRowIndex) {
			throw new IllegalStateException(String.format(
					"Sheet '%s' needs more than %,d data rows below its header, more than an Excel worksheet "
							+ "holds; the report is not written rather than written without some of its rows",
					sheet.getSheetName(), lastRowIndex));
		}
		SheetRow row = new SheetRow(nextRow++);
		try {
			rows.startRow(row.index());
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return row;
	}

	/** A row of the sheet, by its 0-based index: cells can be added to the last row taken only. */
	record SheetRow(int index) {
	}

	void blankRow() {
		nextRow++;
	}

	/** A bold header in the next row. */
	void header(String... titles) {
		SheetRow row = row();
		for (int i = 0; i < titles.length; i++) {
			textCell(row, i, styles.header, titles[i]);
		}
	}

	/**
	 * Freezes the header of row 1 and puts an autofilter over it and the rows written below it.
	 *
	 * @param lastDataRow the 0-based index of the table's last row (0 when it has only the header)
	 */
	void frozenFilteredTable(int lastColumn, int lastDataRow) {
		sheet.createFreezePane(0, 1);
		sheet.setAutoFilter(new CellRangeAddress(0, lastDataRow, 0, lastColumn));
	}

	/** Fixed widths in characters: SXSSF cannot autosize without holding every row's text. */
	void widths(int... characters) {
		for (int i = 0; i < characters.length; i++) {
			sheet.setColumnWidth(i, Math.min(255, characters[i]) * 256);
		}
	}

	/**
	 * An internal hyperlink on a cell of this sheet to the top-left cell of another sheet of the
	 * workbook. Each link is held until the workbook is written, so this is for the few cells of a
	 * short sheet (Summary), never for every row of a streamed one.
	 */
	void linkToSheet(SheetRow row, int column, String targetSheet) {
		XSSFHyperlink link = (XSSFHyperlink) sheet.getWorkbook().getCreationHelper()
			.createHyperlink(HyperlinkType.DOCUMENT);
		link.setAddress(sheetLocation(targetSheet, "A1"));
		link.setCellReference(new CellReference(row.index(), column));
		sheet.addHyperlink(link);
	}

	/** A location in the workbook as a hyperlink names it: {@code 'Rejected rows'!A1}. */
	static String sheetLocation(String sheetName, String cell) {
		return "'" + sheetName.replace("'", "''") + "'!" + cell;
	}

	/** Text as given; {@code null} or empty leaves the cell blank. */
	void text(SheetRow row, int column, String value) {
		if (value == null || value.isEmpty()) {
			return;
		}
		// Always an inline string cell: "=HYPERLINK(...)" stays the text it is.
		textCell(row, column, looksLikeFormula(value) ? styles.quotedText : styles.text, value);
	}

	void integer(SheetRow row, int column, Long value) {
		if (value != null) {
			integer(row, column, value.longValue());
		}
	}

	void integer(SheetRow row, int column, long value) {
		wholeNumberCell(row, column, styles.integer, value);
	}

	/** An identifier that is a number: no thousands separators. */
	void plainInteger(SheetRow row, int column, long value) {
		wholeNumberCell(row, column, styles.general, value);
	}

	/** A percentage or a change in points, already a number of percent (65.39). */
	void percent(SheetRow row, int column, BigDecimal value) {
		if (value != null) {
			numberCell(row, column, styles.percent, value.doubleValue());
		}
	}

	/** A number shown with the decimals it has. */
	void decimal(SheetRow row, int column, BigDecimal value) {
		if (value != null) {
			numberCell(row, column, styles.forScale(value.scale()), value.doubleValue());
		}
	}

	/** A figure held as text: a numeric cell when it is a plain decimal number, else a text cell. */
	void figure(SheetRow row, int column, String value) {
		BigDecimal number = plainNumber(value);
		if (number != null) {
			decimal(row, column, number);
		}
		else {
			text(row, column, value);
		}
	}

	static BigDecimal plainNumber(String value) {
		if (value == null || !PLAIN_NUMBER.matcher(value).matches()) {
			return null;
		}
		BigDecimal number = new BigDecimal(value);
		return number.precision() <= MAX_NUMERIC_DIGITS ? number : null;
	}

	private void textCell(SheetRow row, int column, CellStyle style, String value) {
		try {
			rows.text(column, current(row, style), fitted(value));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private void numberCell(SheetRow row, int column, CellStyle style, double value) {
		try {
			rows.number(column, current(row, style), value);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private void wholeNumberCell(SheetRow row, int column, CellStyle style, long value) {
		try {
			rows.number(column, current(row, style), value);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	/** The style's index, once it is sure the cell goes in the row being written. */
	private int current(SheetRow row, CellStyle style) {
		if (row.index() != nextRow - 1) {
			throw new IllegalStateException("Row " + (row.index() + 1) + " of sheet '" + sheet.getSheetName()
					+ "' is already written; cells go in the last row taken (" + nextRow + ")");
		}
		return style.getIndex();
	}

	private static boolean looksLikeFormula(String value) {
		if (value.isEmpty()) {
			return false;
		}
		char first = value.charAt(0);
		return first == '=' || first == '+' || first == '-' || first == '@';
	}

	/** A cell holds at most 32,767 characters; a longer input value is cut and says so. */
	static String fitted(String value) {
		if (value.length() <= MAX_TEXT_LENGTH) {
			return value;
		}
		String marker = String.format(" [... cut: %,d characters in all]", value.length());
		int end = MAX_TEXT_LENGTH - marker.length();
		if (Character.isHighSurrogate(value.charAt(end - 1))) {
			end--;
		}
		return value.substring(0, end) + marker;
	}
}
