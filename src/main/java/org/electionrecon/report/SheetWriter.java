package org.electionrecon.report;

import java.math.BigDecimal;
import java.util.regex.Pattern;

import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellRangeAddress;

/**
 * Appends rows to one sheet. Every value goes in through a typed method: text is always a string
 * cell (never a formula, whatever it starts with), numbers are numeric cells with a number format,
 * and {@code null} leaves the cell blank rather than writing 0.
 */
final class SheetWriter {

	/** Only numbers written exactly as digits are numbers; "1e3", "0x1F" or "007" stay text. */
	private static final Pattern PLAIN_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?");

	/** A double holds 15 significant digits exactly; a longer digit string stays text. */
	private static final int MAX_NUMERIC_DIGITS = 15;

	private static final int MAX_TEXT_LENGTH = SpreadsheetVersion.EXCEL2007.getMaxTextLength();

	private final Sheet sheet;

	private final ReportStyles styles;

	private final int lastRowIndex;

	private int nextRow;

	SheetWriter(Sheet sheet, ReportStyles styles, int lastRowIndex) {
		this.sheet = sheet;
		this.styles = styles;
		this.lastRowIndex = lastRowIndex;
	}

	Sheet sheet() {
		return sheet;
	}

	/** The 0-based index of the next row {@link #row()} creates. */
	int nextRowIndex() {
		return nextRow;
	}

	Row row() {
		if (nextRow > lastRowIndex) {
			throw new IllegalStateException(String.format(
					"Sheet '%s' needs more than %,d data rows below its header, more than an Excel worksheet "
							+ "holds; the report is not written rather than written without some of its rows",
					sheet.getSheetName(), lastRowIndex));
		}
		return sheet.createRow(nextRow++);
	}

	void blankRow() {
		nextRow++;
	}

	/** A bold header in the next row. */
	void header(String... titles) {
		Row row = row();
		for (int i = 0; i < titles.length; i++) {
			Cell cell = row.createCell(i);
			cell.setCellValue(titles[i]);
			cell.setCellStyle(styles.header);
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

	/** Text as given; {@code null} or empty leaves the cell blank. */
	void text(Row row, int column, String value) {
		if (value == null || value.isEmpty()) {
			return;
		}
		Cell cell = row.createCell(column);
		// setCellValue(String) always writes a string cell: "=HYPERLINK(...)" stays the text it is.
		cell.setCellValue(fitted(value));
		cell.setCellStyle(looksLikeFormula(value) ? styles.quotedText : styles.text);
	}

	void bold(Row row, int column, String value) {
		Cell cell = row.createCell(column);
		cell.setCellValue(fitted(value));
		cell.setCellStyle(styles.header);
	}

	void integer(Row row, int column, Long value) {
		if (value != null) {
			integer(row, column, value.longValue());
		}
	}

	void integer(Row row, int column, long value) {
		Cell cell = row.createCell(column);
		cell.setCellValue(value);
		cell.setCellStyle(styles.integer);
	}

	/** An identifier that is a number: no thousands separators. */
	void plainInteger(Row row, int column, long value) {
		Cell cell = row.createCell(column);
		cell.setCellValue(value);
		cell.setCellStyle(styles.general);
	}

	/** A percentage or a change in points, already a number of percent (65.39). */
	void percent(Row row, int column, BigDecimal value) {
		if (value == null) {
			return;
		}
		Cell cell = row.createCell(column);
		cell.setCellValue(value.doubleValue());
		cell.setCellStyle(styles.percent);
	}

	/** A number shown with the decimals it has. */
	void decimal(Row row, int column, BigDecimal value) {
		if (value == null) {
			return;
		}
		Cell cell = row.createCell(column);
		cell.setCellValue(value.doubleValue());
		cell.setCellStyle(styles.forScale(value.scale()));
	}

	/** A figure held as text: a numeric cell when it is a plain decimal number, else a text cell. */
	void figure(Row row, int column, String value) {
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
