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

/**
 * One streamed sheet's hyperlinks, written to a temporary file as its rows are and copied into the
 * sheet's XML when the workbook is written ({@link StreamingWorkbook#streamLinks}): memory does not
 * grow with the links. A link to another file names the sheet's relationship to that file, made
 * once per file ({@link StreamingWorkbook#externalLink}), not once per link.
 */
final class SheetLinks implements AutoCloseable {

	private final StreamingWorkbook workbook;

	private final SXSSFSheet sheet;

	private final Path file;

	private Writer xml;

	private long count;

	/** The sheet's relationship to each file linked to, by the file's URI. */
	private final Map<String, String> relationships = new HashMap<>();

	SheetLinks(StreamingWorkbook workbook, SXSSFSheet sheet) throws IOException {
		this.workbook = workbook;
		this.sheet = sheet;
		this.file = Files.createTempFile("sheet-links", ".xml");
		this.xml = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
	}

	/** A link from the cell to a place in this workbook ({@code 'Constituencies'!A3}). */
	void internal(int row, int column, String location) {
		write("<hyperlink location=\"" + attribute(location) + "\" ref=\"" + cell(row, column) + "\"/>");
	}

	/** A link from the cell to another file, at a place in it when the target has one. */
	void external(int row, int column, SourceLinks.Target target) {
		String id = relationships.computeIfAbsent(target.uri(), uri -> workbook.externalLink(sheet, uri));
		write((target.location() == null ? "<hyperlink" : "<hyperlink location=\"" + attribute(target.location()) + "\"")
				+ " ref=\"" + cell(row, column) + "\" r:id=\"" + id + "\"/>");
	}

	/** The links written so far. */
	long count() {
		return count;
	}

	/** Ends the file and gives its links to the sheet, if it has any. */
	void finish() throws IOException {
		xml.close();
		xml = null;
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
	private static String attribute(String text) {
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
