package org.electionrecon.report;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;

import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFRow;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.streaming.SheetDataWriter;

/**
 * POI's streaming workbook, tuned for sheets of a million rows. The report's time went mostly into
 * deflating the same XML twice at the default level (once into compressed temporary sheet files,
 * once into the .xlsx), into escaping every cell's text one character at a time, and into building
 * a row object, a sorted map of cell objects and a cell reference object for every cell only to
 * write them out at once. Here the temporary sheet files are plain buffered XML (about 300 bytes a
 * box on disk while the workbook is written; deleted after), the .xlsx is deflated at
 * {@link Deflater#BEST_SPEED} (a few percent larger, several times less CPU), text that needs no
 * escaping is written in one piece, and {@link SheetWriter} writes each row's XML straight into
 * the sheet's temporary file ({@link RowXmlWriter}): the same text POI's writer produces for the
 * same cells, which {@code StreamingWorkbookTests} compares byte for byte.
 */
final class StreamingWorkbook extends SXSSFWorkbook {

	/** The writer of the sheet being created: see {@link #createStreamingSheet}. */
	private RowXmlWriter createdWriter;

	private final List<StreamingSheet> streamingSheets = new ArrayList<>();

	StreamingWorkbook(int rowWindow) {
		super(null, rowWindow, false);
	}

	/** A new sheet, with the writer that appends rows straight to its XML. */
	StreamingSheet createStreamingSheet(String name) {
		StreamingSheet sheet = new StreamingSheet(createSheet(name), createdWriter);
		streamingSheets.add(sheet);
		return sheet;
	}

	/**
	 * Before the sheets are written out: each sheet's dimension (the range its cells take, which
	 * readers use to size the sheet), computed by POI from the row objects it holds and here from
	 * the rows written as XML.
	 */
	@Override
	protected void flushSheets() throws IOException {
		super.flushSheets();
		if (!shouldCalculateSheetDimensions()) {
			return;
		}
		for (StreamingSheet sheet : streamingSheets) {
			CellRangeAddress dimension = sheet.rows().dimension();
			if (dimension != null) {
				getXSSFWorkbook().getSheet(sheet.sheet().getSheetName()).setDimensionOverride(dimension);
			}
		}
	}

	record StreamingSheet(SXSSFSheet sheet, RowXmlWriter rows) {
	}

	@Override
	protected ZipArchiveOutputStream createArchiveOutputStream(OutputStream out) {
		ZipArchiveOutputStream zip = super.createArchiveOutputStream(out);
		zip.setLevel(Deflater.BEST_SPEED);
		return zip;
	}

	@Override
	protected SheetDataWriter createSheetDataWriter() throws IOException {
		createdWriter = new RowXmlWriter();
		return createdWriter;
	}

	/**
	 * A sheet's temporary file: buffered, escaping only where it is needed, and taking rows cell by
	 * cell as XML ({@link #startRow}, {@link #text}, {@link #number}) as well as POI's row objects.
	 * Rows must come in increasing order and a row's cells in increasing column order, as they stand
	 * in the file; anything else is refused, never written out of place.
	 */
	static final class RowXmlWriter extends SheetDataWriter {

		/** Double.toString writes whole numbers below this as digits and ".0"; at and above it, as 1.0E7. */
		private static final long PLAIN_DOUBLE_LIMIT = 10_000_000L;

		/** The open row's XML not yet handed to the file. */
		private final StringBuilder pending = new StringBuilder(1024);

		/**
		 * The buffered file stream under POI's writer ({@code _out}). Set while the superclass
		 * constructor creates that writer, so it has no initializer here (one would run after it and
		 * overwrite it).
		 */
		private OutputStream bytes;

		/** Whether text went through POI's writer since rows were last handed to {@link #bytes}. */
		private boolean writerHoldsText;

		/** The 0-based index of the open row; -1 when no row is open. */
		private int openRow = -1;

		private int lastColumn = -1;

		private int rowsWritten;

		private int firstRowWritten;

		private int lastRowWritten = -1;

		private int cellsOfLastRow;

		private int firstColumnWritten = Integer.MAX_VALUE;

		private int lastColumnWritten = -1;

		RowXmlWriter() throws IOException {
			super();
		}

		@Override
		protected OutputStream decorateOutputStream(FileOutputStream fos) {
			bytes = new BufferedOutputStream(fos, 65536);
			return bytes;
		}

		@Override
		protected InputStream decorateInputStream(FileInputStream fis) {
			return new BufferedInputStream(fis, 65536);
		}

		/** Closes the open row and starts row {@code rowIndex} (0-based). */
		void startRow(int rowIndex) throws IOException {
			if (rowIndex <= getLastFlushedRow()) {
				throw new IllegalStateException("Row " + (rowIndex + 1) + " comes after row "
						+ (getLastFlushedRow() + 1) + " in the sheet's XML; rows are written in order");
			}
			endOpenRow();
			if (rowsWritten == 0) {
				firstRowWritten = rowIndex;
			}
			rowsWritten++;
			lastRowWritten = rowIndex;
			cellsOfLastRow = 0;
			openRow = rowIndex;
			lastColumn = -1;
			pending.append("<row r=\"").append(rowIndex + 1).append("\">\n");
		}

		/** A text cell, written inline, as POI writes a string cell. */
		void text(int column, int style, String value) throws IOException {
			startCell(column, style);
			pending.append(" t=\"inlineStr\"><is><t");
			if (hasLeadingTrailingSpaces(value)) {
				pending.append(" xml:space=\"preserve\"");
			}
			pending.append('>');
			if (needsEscaping(value)) {
				handOver();
				outputEscapedString(value);
			}
			else {
				pending.append(value);
			}
			pending.append("</t></is></c>");
		}

		/** A numeric cell, as POI writes it (its double's {@link Double#toString}). */
		void number(int column, int style, double value) throws IOException {
			startCell(column, style);
			pending.append(" t=\"n\"><v>").append(Double.toString(value)).append("</v></c>");
		}

		/** A whole number: the same text as {@code number(column, style, (double) value)}, without the double. */
		void number(int column, int style, long value) throws IOException {
			if (value <= -PLAIN_DOUBLE_LIMIT || value >= PLAIN_DOUBLE_LIMIT) {
				number(column, style, (double) value);
				return;
			}
			startCell(column, style);
			pending.append(" t=\"n\"><v>").append(value).append(".0</v></c>");
		}

		private void startCell(int column, int style) {
			if (openRow < 0) {
				throw new IllegalStateException("A cell is written outside a row");
			}
			if (column <= lastColumn) {
				throw new IllegalStateException("Cell " + (column + 1) + " of row " + (openRow + 1)
						+ " comes after cell " + (lastColumn + 1) + "; a row's cells are written in order");
			}
			lastColumn = column;
			cellsOfLastRow = column + 1;
			firstColumnWritten = Math.min(firstColumnWritten, column);
			lastColumnWritten = Math.max(lastColumnWritten, column);
			pending.append("<c r=\"");
			appendColumnLetters(column);
			pending.append(openRow + 1).append('"');
			if ((style & 0xffff) != 0) {
				pending.append(" s=\"").append(style & 0xffff).append('"');
			}
		}

		/** The range the cells written as XML take; {@code null} when none was. */
		CellRangeAddress dimension() {
			if (lastColumnWritten < 0 || super.getNumberOfFlushedRows() > 0) {
				return null;
			}
			return new CellRangeAddress(firstRowWritten, lastRowWritten, firstColumnWritten, lastColumnWritten);
		}

		/** Column letters as in a cell reference: A to Z, then AA, AB... */
		private void appendColumnLetters(int column) {
			if (column < 26) {
				pending.append((char) ('A' + column));
				return;
			}
			int start = pending.length();
			for (int rest = column + 1; rest > 0; rest = (rest - 1) / 26) {
				pending.insert(start, (char) ('A' + (rest - 1) % 26));
			}
		}

		private void endOpenRow() throws IOException {
			if (openRow >= 0) {
				pending.append("</row>\n");
				openRow = -1;
			}
			handOver();
		}

		/**
		 * Hands the pending XML to the file as UTF-8 bytes, in one write. Going through POI's
		 * character writer instead (a char copy, then a char-by-char encoder) was 40% of the report
		 * writers' time. What went through that writer before is flushed first, so the file keeps
		 * the order things were written in.
		 */
		private void handOver() throws IOException {
			if (pending.length() == 0) {
				return;
			}
			if (writerHoldsText) {
				_out.flush();
				writerHoldsText = false;
			}
			bytes.write(pending.toString().getBytes(StandardCharsets.UTF_8));
			pending.setLength(0);
		}

		/** As POI decides it: text that starts or ends with whitespace keeps it (xml:space). */
		private static boolean hasLeadingTrailingSpaces(String text) {
			return !text.isEmpty() && (Character.isWhitespace(text.charAt(0))
					|| Character.isWhitespace(text.charAt(text.length() - 1)));
		}

		@Override
		public void writeRow(int rownum, SXSSFRow row) throws IOException {
			endOpenRow();
			super.writeRow(rownum, row);
			writerHoldsText = true;
		}

		@Override
		public void close() throws IOException {
			endOpenRow();
			super.close();
		}

		@Override
		public int getNumberOfFlushedRows() {
			return super.getNumberOfFlushedRows() + rowsWritten;
		}

		@Override
		public int getLowestIndexOfFlushedRows() {
			if (rowsWritten == 0) {
				return super.getLowestIndexOfFlushedRows();
			}
			return super.getNumberOfFlushedRows() == 0 ? firstRowWritten
					: Math.min(firstRowWritten, super.getLowestIndexOfFlushedRows());
		}

		@Override
		public int getLastFlushedRow() {
			return Math.max(lastRowWritten, super.getLastFlushedRow());
		}

		@Override
		public int getNumberOfCellsOfLastFlushedRow() {
			return lastRowWritten > super.getLastFlushedRow() ? cellsOfLastRow
					: super.getNumberOfCellsOfLastFlushedRow();
		}

		@Override
		protected void outputEscapedString(String s) throws IOException {
			if (s == null || s.isEmpty()) {
				return;
			}
			writerHoldsText = true;
			if (needsEscaping(s)) {
				super.outputEscapedString(s);
			}
			else {
				_out.write(s);
			}
		}

		/** Whether POI's escaping would change anything in the text (see SheetDataWriter). */
		static boolean needsEscaping(String s) {
			for (int i = 0; i < s.length(); i++) {
				char c = s.charAt(i);
				if (c < ' ' || c == '<' || c == '>' || c == '&' || c == '"' || c == '\u00A0'
						|| Character.isSurrogate(c) || c >= '\uFFFE') {
					return true;
				}
			}
			return false;
		}
	}
}
