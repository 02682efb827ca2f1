package org.electionrecon.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One streamed sheet's hyperlinks, written to a temporary file as its rows are and copied into the
 * sheet's XML when the workbook is written ({@link StreamingWorkbook#streamLinks}): memory does not
 * grow with the links. A link to another file names the sheet's relationship to that file, made
 * once per file ({@link StreamingWorkbook#externalLink}), not once per link.
 * <p>
 * Excel opens at most {@value #MAX_LINKS} hyperlinks on a worksheet: with more, it calls the
 * workbook damaged and drops them all. So the first {@value #MAX_LINKS} links of a sheet, in row
 * order, are written and the cells after them have none; the log says how many and from which cell.
 */
final class SheetLinks implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(SheetLinks.class);

	/** The most hyperlinks Excel opens on one worksheet ("Excel specifications and limits"). */
	static final int MAX_LINKS = 65_530;

	private final StreamingWorkbook workbook;

	private final SXSSFSheet sheet;

	private final Path file;

	private Writer xml;

	private long count;

	/** The links not written, being past {@link #MAX_LINKS}, and the cell of the first of them. */
	private long left;

	private String firstLeft;

	/** The sheet's relationship to each file linked to, by the file's URI. */
	private final Map<String, String> relationships = new HashMap<>();

	/** The workbook's report area, as the log names it. */
	private final String area;

	SheetLinks(StreamingWorkbook workbook, SXSSFSheet sheet, String area) throws IOException {
		this.area = area;
		this.workbook = workbook;
		this.sheet = sheet;
		this.file = Files.createTempFile("sheet-links", ".xml");
		this.xml = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
	}

	/** A link from the cell to a place in this workbook ({@code 'Constituencies'!A3}). */
	void internal(int row, int column, String location) {
		if (full(row, column)) {
			return;
		}
		write("<hyperlink location=\"" + attribute(location) + "\" ref=\"" + cell(row, column) + "\"/>");
	}

	/** A link from the cell to another file, at a place in it when the target has one. */
	void external(int row, int column, SourceLinks.Target target) {
		if (full(row, column)) {
			return;
		}
		String id = relationships.computeIfAbsent(target.uri(), uri -> workbook.externalLink(sheet, uri));
		write((target.location() == null ? "<hyperlink" : "<hyperlink location=\"" + attribute(target.location()) + "\"")
				+ " ref=\"" + cell(row, column) + "\" r:id=\"" + id + "\"/>");
	}

	/** Whether the sheet has all the links Excel opens; if so, the cell's link is counted as left out. */
	private boolean full(int row, int column) {
		if (count < MAX_LINKS) {
			return false;
		}
		if (left++ == 0) {
			firstLeft = cell(row, column);
		}
		return true;
	}

	/** The links written so far. */
	long count() {
		return count;
	}

	/** The links not written, the sheet having as many as Excel opens. */
	long left() {
		return left;
	}

	/**
	 * What the sheet's links left out, for the workbook's own record ({@code Boxes: 934,470 Source
	 * links from cell I65532 on, past the 65,530 Excel opens on a sheet}), or null when none was.
	 */
	String leftOut() {
		return left == 0 ? null
				: String.format("%s: %,d links from cell %s on, past the %,d Excel opens on a sheet",
						sheet.getSheetName(), left, firstLeft, MAX_LINKS);
	}

	/** Ends the file and gives its links to the sheet, if it has any. */
	void finish() throws IOException {
		xml.close();
		xml = null;
		if (left > 0) {
			log.warn("{}: sheet '{}' has {} links, as many as Excel opens on a sheet; {} more, from cell {} on, are"
					+ " not written", area, sheet.getSheetName(), String.format("%,d", count), String.format("%,d", left),
					firstLeft);
		}
		if (count > 0) {
			workbook.streamLinks(sheet, file);
		}
	}

	private void write(String element) {
		try {
			xml.write(element);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		count++;
	}

	private static String cell(int row, int column) {
		return CellReference.convertNumToColString(column) + (row + 1);
	}

	/** Text as an attribute value between double quotes. */
	static String attribute(String text) {
		if (text.indexOf('&') < 0 && text.indexOf('<') < 0 && text.indexOf('>') < 0 && text.indexOf('"') < 0) {
			return text;
		}
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

	/** Removes the file, once the workbook is written (or not). */
	@Override
	public void close() throws IOException {
		try {
			if (xml != null) {
				xml.close();
			}
		}
		finally {
			Files.deleteIfExists(file);
		}
	}
}
