package org.electionrecon.sample;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A bundled reference CSV held two ways at once: as its raw physical lines (bytes exactly as in
 * the file, line terminators and the BOM of the first line included), so that selected lines can
 * be copied verbatim, and as parsed records (commons-csv, so quoted commas and CRLF are handled),
 * so that a line can be selected by the value of a column.
 */
final class ReferenceCsv {

	private final String resource;
	private final byte[] headerLine;
	private final List<String> header;
	private final List<byte[]> lines;
	private final List<List<String>> rows;

	private ReferenceCsv(String resource, byte[] headerLine, List<String> header, List<byte[]> lines,
			List<List<String>> rows) {
		this.resource = resource;
		this.headerLine = headerLine;
		this.header = header;
		this.lines = lines;
		this.rows = rows;
	}

	/** Reads a classpath resource, e.g. {@code /reference-data/ge2024/...csv}. */
	static ReferenceCsv load(String resource) throws IOException {
		byte[] bytes;
		try (InputStream in = ReferenceCsv.class.getResourceAsStream(resource)) {
			if (in == null) {
				throw new FileNotFoundException("classpath resource not found: " + resource);
			}
			bytes = in.readAllBytes();
		}
		List<byte[]> physical = splitLines(bytes);
		String text = new String(bytes, StandardCharsets.UTF_8);
		if (text.startsWith("\uFEFF")) {
			text = text.substring(1);
		}
		List<CSVRecord> records;
		try (CSVParser parser = CSVParser.parse(text, CSVFormat.DEFAULT)) {
			records = parser.getRecords();
		}
		// One record per physical line: none of the reference files has a quoted line break or a
		// blank line. Anything else would make "copy the line verbatim" ambiguous, so refuse it.
		if (records.size() != physical.size() || records.isEmpty()) {
			throw new IllegalStateException(resource + ": " + physical.size() + " lines but " + records.size()
					+ " CSV records; a verbatim line copy needs one record per line");
		}
		List<String> header = records.get(0).toList();
		List<List<String>> rows = new ArrayList<>(records.size() - 1);
		for (int i = 1; i < records.size(); i++) {
			rows.add(records.get(i).toList());
		}
		return new ReferenceCsv(resource, physical.get(0), header, List.copyOf(physical.subList(1, physical.size())),
				rows);
	}

	/** Splits after each LF, keeping the terminator (LF or CRLF) with its line. */
	private static List<byte[]> splitLines(byte[] bytes) {
		List<byte[]> out = new ArrayList<>();
		int start = 0;
		for (int i = 0; i < bytes.length; i++) {
			if (bytes[i] == '\n') {
				out.add(java.util.Arrays.copyOfRange(bytes, start, i + 1));
				start = i + 1;
			}
		}
		if (start < bytes.length) {
			out.add(java.util.Arrays.copyOfRange(bytes, start, bytes.length));
		}
		return out;
	}

	String resource() {
		return resource;
	}

	/** The file name part of the resource path. */
	String fileName() {
		return resource.substring(resource.lastIndexOf('/') + 1);
	}

	/**
	 * The index of a column, matched case-insensitively ignoring quote characters and spaces at
	 * either end (the notional file's header is {@code """turnout"""}).
	 */
	int column(String name) {
		String wanted = headerKey(name);
		for (int i = 0; i < header.size(); i++) {
			if (headerKey(header.get(i)).equals(wanted)) {
				return i;
			}
		}
		throw new IllegalStateException(resource + ": no column '" + name + "' in header " + header);
	}

	private static String headerKey(String s) {
		return s.replace("\uFEFF", "").replace("\"", "").trim().toLowerCase(Locale.ROOT);
	}

	int size() {
		return rows.size();
	}

	List<String> row(int i) {
		return rows.get(i);
	}

	String value(int row, int column) {
		List<String> r = rows.get(row);
		return column < r.size() ? r.get(column) : "";
	}

	/**
	 * Writes the header line and the data lines whose {@code codeColumn} value is in {@code codes},
	 * byte for byte, in the file's order.
	 *
	 * @return the number of data lines written
	 */
	int writeSelected(OutputStream out, int codeColumn, Collection<String> codes) throws IOException {
		out.write(headerLine);
		int written = 0;
		for (int i = 0; i < rows.size(); i++) {
			if (codes.contains(value(i, codeColumn))) {
				out.write(lines.get(i));
				written++;
			}
		}
		return written;
	}
}
