package org.electionrecon.report;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.Deflater;

import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.poi.common.usermodel.HyperlinkType;
import org.apache.poi.openxml4j.opc.PackagePart;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.streaming.SXSSFRow;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.streaming.SheetDataWriter;
import org.apache.poi.xssf.usermodel.XSSFHyperlink;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.xmlbeans.XmlCursor;

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

	/** Where a sheet's streamed hyperlinks stand in the sheet's XML until they are copied in. */
	private static final String STREAMED_LINKS_LOCATION = "streamed-links";

	static final byte[] STREAMED_LINKS_PLACEHOLDER = RowXmlWriter
		.ascii("<hyperlink location=\"" + STREAMED_LINKS_LOCATION + "\" ref=\"A1\"/>");

	/**
	 * The files of {@code <hyperlink>} elements copied into sheets' XML, by the zip entry of the
	 * sheet (xl/worksheets/sheet4.xml).
	 */
	private final Map<String, Path> streamedLinks = new LinkedHashMap<>();

	StreamingWorkbook(int rowWindow) {
		super(null, rowWindow, false);
	}

	/**
	 * Closes the sheets' writers and deletes their temporary files, as POI's close does, without
	 * closing the workbook underneath. POI created that workbook in memory, and closing it saves
	 * the whole package once more (OPCPackage.close saves a package open for writing to the stream
	 * it was created with, here an in-memory one that nothing reads): the styles, drawings and
	 * charts serialised and deflated again after the workbook was written, about a tenth of a
	 * workbook's own time and before it can be moved into place. Its parts are all in memory, so
	 * nothing is left open. Every sheet is a {@link #createStreamingSheet streaming sheet}.
	 */
	@Override
	public void close() throws IOException {
		IOException failure = null;
		for (StreamingSheet sheet : streamingSheets) {
			try {
				// a second close (write closed it) writes nothing: its row XML was handed over
				sheet.rows().close();
			}
			catch (IOException ex) {
				if (failure == null) {
					failure = ex;
				}
				else {
					failure.addSuppressed(ex);
				}
			}
		}
		dispose();
		if (failure != null) {
			throw failure;
		}
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

	/**
	 * Gives the sheet the hyperlinks in {@code linksXml} ({@code <hyperlink>} elements, one sheet's
	 * worth, at least one): POI holds a hyperlink object per link until it writes the sheet, so a
	 * streamed sheet's links are written to a file as its rows are, and copied into the sheet's XML
	 * where POI writes its hyperlinks (CT_Worksheet's order). A link to another file names its
	 * relationship ({@link #externalLink}) as {@code r:id}.
	 */
	void streamLinks(SXSSFSheet sheet, Path linksXml) {
		String entry = xssfSheet(sheet).getPackagePart().getPartName().getName().substring(1);
		if (streamedLinks.containsKey(entry)) {
			throw new IllegalStateException("The hyperlinks of sheet '" + sheet.getSheetName() + "' are already streamed");
		}
		XSSFHyperlink placeholder = (XSSFHyperlink) getCreationHelper().createHyperlink(HyperlinkType.DOCUMENT);
		placeholder.setAddress(STREAMED_LINKS_LOCATION);
		placeholder.setCellReference(new CellReference(0, 0));
		sheet.addHyperlink(placeholder);
		streamedLinks.put(entry, linksXml);
	}

	/**
	 * A relationship of the sheet to a file outside the workbook, for hyperlinks to it: its id, as a
	 * streamed {@code <hyperlink>} names it in {@code r:id}. The relationships namespace is declared
	 * on the sheet's root, so that the streamed links can use its prefix.
	 *
	 * @param target the file's URI: relative to the workbook's folder, or absolute
	 */
	String externalLink(SXSSFSheet sheet, String target) {
		XSSFSheet xssf = xssfSheet(sheet);
		PackagePart part = xssf.getPackagePart();
		if (sheetsLinkingOut.add(sheet.getSheetName())) {
			try (XmlCursor cursor = xssf.getCTWorksheet().newCursor()) {
				cursor.toNextToken();
				cursor.insertNamespace("r", RELATIONSHIPS_NAMESPACE);
			}
		}
		return part.addExternalRelationship(target, XSSFRelation.SHEET_HYPERLINKS.getRelation()).getId();
	}

	/** The sheets with links to other files, whose root declares the relationships namespace. */
	private final Set<String> sheetsLinkingOut = new HashSet<>();

	/** The namespace of {@code r:id}: the relationships of an Office Open XML part. */
	static final String RELATIONSHIPS_NAMESPACE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

	private XSSFSheet xssfSheet(SXSSFSheet sheet) {
		return getXSSFWorkbook().getSheet(sheet.getSheetName());
	}

	@Override
	protected ZipArchiveOutputStream createArchiveOutputStream(OutputStream out) {
		ZipArchiveOutputStream zip = super.createArchiveOutputStream(out);
		zip.setLevel(Deflater.BEST_SPEED);
		return streamedLinks.isEmpty() ? zip : new LinkCopyingZip(zip, streamedLinks);
	}

	/**
	 * The workbook's zip stream, copying each sheet's streamed links' file in place of their
	 * placeholder in that sheet's entry. The placeholder starts with the only '<' it holds, so a
	 * partial match that fails can restart only at the byte that failed it.
	 */
	static final class LinkCopyingZip extends ZipArchiveOutputStream {

		private final ZipArchiveOutputStream zip;

		/** The links' files not yet copied, by entry. */
		private final Map<String, Path> linksByEntry;

		/** The links' file of the entry being written; {@code null} when it has none (or they are copied). */
		private Path links;

		/** How many of the placeholder's first bytes were last written and are held back. */
		private int matched;

		LinkCopyingZip(ZipArchiveOutputStream zip, Map<String, Path> linksByEntry) {
			super(OutputStream.nullOutputStream());
			this.zip = zip;
			this.linksByEntry = new LinkedHashMap<>(linksByEntry);
		}

		/**
		 * Passes the bytes on in as few writes as the placeholder allows (the deflater is slow with
		 * small writes): only a placeholder's start at the end of {@code b} is held back.
		 */
		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			if (links == null) {
				zip.write(b, off, len);
				return;
			}
			byte[] placeholder = STREAMED_LINKS_PLACEHOLDER;
			int end = off + len;
			int i = off;
			while (matched > 0 && i < end) {
				if (b[i] != placeholder[matched]) {
					zip.write(placeholder, 0, matched);
					matched = 0;
					break;
				}
				matched++;
				i++;
				if (matched == placeholder.length) {
					matched = 0;
					copyLinks();
					zip.write(b, i, end - i);
					return;
				}
			}
			if (matched > 0) {
				return;
			}
			int runStart = i;
			for (; i < end; i++) {
				if (b[i] != placeholder[0]) {
					continue;
				}
				int m = 1;
				while (m < placeholder.length && i + m < end && b[i + m] == placeholder[m]) {
					m++;
				}
				if (m == placeholder.length) {
					zip.write(b, runStart, i - runStart);
					copyLinks();
					zip.write(b, i + m, end - i - m);
					return;
				}
				if (i + m == end) {
					zip.write(b, runStart, i - runStart);
					matched = m;
					return;
				}
			}
			zip.write(b, runStart, end - runStart);
		}

		private void copyLinks() throws IOException {
			try (InputStream in = Files.newInputStream(links)) {
				in.transferTo(zip);
			}
			links = null;
		}

		@Override
		public void write(int b) throws IOException {
			write(new byte[] { (byte) b }, 0, 1);
		}

		private void releaseHeldBack() throws IOException {
			if (matched > 0) {
				zip.write(STREAMED_LINKS_PLACEHOLDER, 0, matched);
				matched = 0;
			}
		}

		@Override
		public void putArchiveEntry(org.apache.commons.compress.archivers.zip.ZipArchiveEntry entry)
				throws IOException {
			endEntry();
			links = linksByEntry.remove(entry.getName());
			zip.putArchiveEntry(entry);
		}

		@Override
		public void closeArchiveEntry() throws IOException {
			endEntry();
			zip.closeArchiveEntry();
		}

		/** An entry ends: its held-back bytes go out, and its links must have been copied. */
		private void endEntry() throws IOException {
			releaseHeldBack();
			if (links != null) {
				throw new IllegalStateException("The streamed hyperlinks' placeholder was not found in the sheet's XML");
			}
		}

		@Override
		public void finish() throws IOException {
			endEntry();
			if (!linksByEntry.isEmpty()) {
				throw new IllegalStateException("The workbook has no sheet " + linksByEntry.keySet()
						+ " for the streamed hyperlinks");
			}
			zip.finish();
		}

		@Override
		public void flush() throws IOException {
			zip.flush();
		}

		@Override
		public void close() throws IOException {
			zip.close();
		}
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
	 * <p>
	 * A row's XML is put together as UTF-8 bytes in one growable array ({@link #pending}) and handed
	 * to the file in one write: the fixed parts are byte constants, numbers and column letters are
	 * written digit by digit, and text is encoded in the same pass that decides whether POI's escaping
	 * would change it. Building it as a {@code String} first and encoding that (a builder turned to
	 * two bytes a char by one non-Latin-1 name, kept so for every row after) was most of the report
	 * writers' time.
	 */
	static final class RowXmlWriter extends SheetDataWriter {

		/** Double.toString writes whole numbers below this as digits and ".0"; at and above it, as 1.0E7. */
		private static final long PLAIN_DOUBLE_LIMIT = 10_000_000L;

		/** The first size of {@link #pending}: a few rows of the widest sheet; it grows for longer ones. */
		private static final int INITIAL_PENDING_BYTES = 1024;

		/** The most UTF-8 bytes a char written here takes: a surrogate pair (four bytes) is escaped by POI. */
		private static final int MAX_BYTES_PER_CHAR = 3;

		private static final byte[] ROW_START = ascii("<row r=\"");

		private static final byte[] ROW_START_END = ascii("\">\n");

		private static final byte[] ROW_END = ascii("</row>\n");

		private static final byte[] CELL_START = ascii("<c r=\"");

		private static final byte[] STYLE_ATTRIBUTE = ascii(" s=\"");

		private static final byte[] INLINE_TEXT_START = ascii(" t=\"inlineStr\"><is><t");

		private static final byte[] PRESERVE_SPACE = ascii(" xml:space=\"preserve\"");

		private static final byte[] INLINE_TEXT_END = ascii("</t></is></c>");

		private static final byte[] NUMBER_START = ascii(" t=\"n\"><v>");

		private static final byte[] NUMBER_END = ascii("</v></c>");

		/** What follows a whole number's digits: the ".0" of its Double.toString, then the cell's end. */
		private static final byte[] WHOLE_NUMBER_END = ascii(".0</v></c>");

		/** The columns whose last text is kept with its XML ({@link #lastTexts}). */
		private static final int TEXT_CACHE_COLUMNS = 16;

		/** A text longer than this is never kept: a long text seldom repeats. */
		private static final int TEXT_CACHE_LENGTH = 256;

		/** The ASCII chars POI's escaping changes: the controls (escaped or made '?') and {@code < > & "}. */
		private static final boolean[] ESCAPED_ASCII = new boolean[0x80];

		static {
			for (char c = 0; c < ' '; c++) {
				ESCAPED_ASCII[c] = true;
			}
			for (char c : "<>&\"".toCharArray()) {
				ESCAPED_ASCII[c] = true;
			}
		}

		/** The open row's XML not yet handed to the file, as UTF-8: its first {@link #pendingLength} bytes. */
		private byte[] pending = new byte[INITIAL_PENDING_BYTES];

		private int pendingLength;

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

		/** The open row's number as digits, written in every cell's reference: made once a row. */
		private final byte[] rowDigits = new byte[11];

		private int rowDigitsLength;

		/** Where {@link #putDigits} puts digits together, lowest first from the end. */
		private final byte[] digitScratch = new byte[10];

		/** Style indexes' digits, made once each (a sheet uses a handful). */
		private final byte[][] styleDigits = new byte[64][];

		/**
		 * Per column (the first few), the last text written there, by identity, and its XML: the
		 * Boxes sheet repeats the same constituency code, name and box type strings row after row.
		 */
		private final String[] lastTexts = new String[TEXT_CACHE_COLUMNS];

		private final byte[][] lastTextXml = new byte[TEXT_CACHE_COLUMNS][];

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
			put(ROW_START);
			int start = pendingLength;
			putDigits(rowIndex + 1);
			rowDigitsLength = pendingLength - start;
			System.arraycopy(pending, start, rowDigits, 0, rowDigitsLength);
			put(ROW_START_END);
		}

		/** A text cell, written inline, as POI writes a string cell. */
		void text(int column, int style, String value) throws IOException {
			startCell(column, style);
			if (column < TEXT_CACHE_COLUMNS && lastTexts[column] == value) {
				put(lastTextXml[column]);
				return;
			}
			int start = pendingLength;
			if (textXml(value) && column < TEXT_CACHE_COLUMNS && value.length() <= TEXT_CACHE_LENGTH) {
				lastTexts[column] = value;
				lastTextXml[column] = Arrays.copyOfRange(pending, start, pendingLength);
			}
		}

		/**
		 * A text cell's XML after its reference and style; false when the text went through POI's
		 * writer (escaped), so that the pending bytes do not hold it all.
		 */
		private boolean textXml(String value) throws IOException {
			put(INLINE_TEXT_START);
			if (hasLeadingTrailingSpaces(value)) {
				put(PRESERVE_SPACE);
			}
			put((byte) '>');
			boolean pendingHoldsText = putText(value);
			put(INLINE_TEXT_END);
			return pendingHoldsText;
		}

		/** A numeric cell, as POI writes it (its double's {@link Double#toString}). */
		void number(int column, int style, double value) throws IOException {
			startCell(column, style);
			put(NUMBER_START);
			putAscii(Double.toString(value));
			put(NUMBER_END);
		}

		/** A whole number: the same text as {@code number(column, style, (double) value)}, without the double. */
		void number(int column, int style, long value) throws IOException {
			if (value <= -PLAIN_DOUBLE_LIMIT || value >= PLAIN_DOUBLE_LIMIT) {
				number(column, style, (double) value);
				return;
			}
			startCell(column, style);
			put(NUMBER_START);
			putDigits((int) value);
			put(WHOLE_NUMBER_END);
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
			put(CELL_START);
			putColumnLetters(column);
			ensure(rowDigitsLength);
			System.arraycopy(rowDigits, 0, pending, pendingLength, rowDigitsLength);
			pendingLength += rowDigitsLength;
			put((byte) '"');
			int index = style & 0xffff;
			if (index != 0) {
				put(STYLE_ATTRIBUTE);
				if (index < styleDigits.length) {
					byte[] digits = styleDigits[index];
					if (digits == null) {
						digits = ascii(Integer.toString(index));
						styleDigits[index] = digits;
					}
					put(digits);
				}
				else {
					putDigits(index);
				}
				put((byte) '"');
			}
		}

		/** The range the cells written as XML take; {@code null} when none was. */
		CellRangeAddress dimension() {
			if (lastColumnWritten < 0 || super.getNumberOfFlushedRows() > 0) {
				return null;
			}
			return new CellRangeAddress(firstRowWritten, lastRowWritten, firstColumnWritten, lastColumnWritten);
		}

		/** Room for {@code more} bytes after the pending ones. */
		private void ensure(int more) {
			int needed = pendingLength + more;
			if (needed > pending.length) {
				pending = Arrays.copyOf(pending, Math.max(needed, 2 * pending.length));
			}
		}

		private void put(byte b) {
			ensure(1);
			pending[pendingLength++] = b;
		}

		private void put(byte[] fragment) {
			ensure(fragment.length);
			System.arraycopy(fragment, 0, pending, pendingLength, fragment.length);
			pendingLength += fragment.length;
		}

		/** Text known to be ASCII (a double's {@link Double#toString}), a byte a char. */
		private void putAscii(String text) {
			ensure(text.length());
			for (int i = 0; i < text.length(); i++) {
				pending[pendingLength++] = (byte) text.charAt(i);
			}
		}

		/** A number's decimal digits, '-' first when it is negative: what {@link Integer#toString(int)} gives. */
		private void putDigits(int value) {
			ensure(11);
			// Counted on the negative side, where every int has its opposite (Integer.MIN_VALUE has none above).
			int negative = value;
			if (value < 0) {
				pending[pendingLength++] = '-';
			}
			else {
				negative = -value;
			}
			byte[] digits = digitScratch;
			int first = digits.length;
			do {
				digits[--first] = (byte) ('0' - negative % 10);
				negative /= 10;
			}
			while (negative != 0);
			int count = digits.length - first;
			System.arraycopy(digits, first, pending, pendingLength, count);
			pendingLength += count;
		}


		/** Column letters as in a cell reference: A to Z, then AA, AB... */
		private void putColumnLetters(int column) {
			if (column < 26) {
				put((byte) ('A' + column));
				return;
			}
			int letters = 0;
			for (int rest = column + 1; rest > 0; rest = (rest - 1) / 26) {
				letters++;
			}
			ensure(letters);
			int end = pendingLength + letters;
			int i = end;
			for (int rest = column + 1; rest > 0; rest = (rest - 1) / 26) {
				pending[--i] = (byte) ('A' + (rest - 1) % 26);
			}
			pendingLength = end;
		}

		/**
		 * A cell's text: as UTF-8, in the one pass over its chars that checks whether POI's escaping
		 * would change any of them; if it would, the row so far is handed over and the whole text goes
		 * through POI's writer ({@link #outputEscapedString}), so escaped text is POI's to the byte.
		 * Surrogates are escaped text, so every char written here is one UTF-8 sequence of its own.
		 */
		private boolean putText(String value) throws IOException {
			int length = value.length();
			ensure(Math.multiplyExact(length, MAX_BYTES_PER_CHAR));
			byte[] buffer = pending;
			boolean[] escaped = ESCAPED_ASCII;
			int position = pendingLength;
			for (int i = 0; i < length; i++) {
				char c = value.charAt(i);
				if (c < 0x80 && !escaped[c]) {
					buffer[position++] = (byte) c;
					continue;
				}
				if (poiEscapes(c)) {
					// What was copied of the text lies past pendingLength and is written over later.
					handOver();
					outputEscapedString(value);
					return false;
				}
				if (c < 0x80) {
					buffer[position++] = (byte) c;
				}
				else if (c < 0x800) {
					buffer[position++] = (byte) (0xC0 | c >> 6);
					buffer[position++] = (byte) (0x80 | c & 0x3F);
				}
				else {
					buffer[position++] = (byte) (0xE0 | c >> 12);
					buffer[position++] = (byte) (0x80 | c >> 6 & 0x3F);
					buffer[position++] = (byte) (0x80 | c & 0x3F);
				}
			}
			pendingLength = position;
			return true;
		}

		private void endOpenRow() throws IOException {
			if (openRow >= 0) {
				put(ROW_END);
				openRow = -1;
			}
			handOver();
		}

		/**
		 * Hands the pending XML to the file, in one write. Going through POI's character writer
		 * instead (a char copy, then a char-by-char encoder) was 40% of the report writers' time.
		 * What went through that writer before is flushed first, so the file keeps the order things
		 * were written in.
		 */
		private void handOver() throws IOException {
			if (pendingLength == 0) {
				return;
			}
			if (writerHoldsText) {
				_out.flush();
				writerHoldsText = false;
			}
			bytes.write(pending, 0, pendingLength);
			pendingLength = 0;
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
				if (poiEscapes(s.charAt(i))) {
					return true;
				}
			}
			return false;
		}

		/**
		 * Whether POI's escaping changes the char: an entity for {@code < > & "}, tab, line feed,
		 * carriage return and the no-break space, '?' for other controls and U+FFFE/U+FFFF, and
		 * surrogates it writes as code points (left to its writer so they come out as POI's do).
		 */
		private static boolean poiEscapes(char c) {
			return c < 0x80 ? ESCAPED_ASCII[c] : c == '\u00A0' || Character.isSurrogate(c) || c >= '\uFFFE';
		}

		static byte[] ascii(String fragment) {
			return fragment.getBytes(StandardCharsets.US_ASCII);
		}
	}
}
