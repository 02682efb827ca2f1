package org.electionrecon.ingest.table;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * The characters of a CSV file, with each record (a line, and the quoted line breaks inside it)
 * counted before the CSV parser buffers it: past {@link ReaderLimits#MAX_CSV_LINE_CHARS} the file
 * stops with a {@link ReaderLimitException} naming the line the record starts on, so a line of
 * hundreds of megabytes costs no more memory than one at the bound. A record ends at a line break
 * outside quotes; a doubled quote inside a quoted field flips the state twice, as RFC 4180 has it.
 */
final class BoundedRecordReader extends FilterReader {

	private final long maxRecordChars;

	private long recordChars;

	private boolean inQuotes;

	/** The physical line (1-based) the current record starts on, and the line being read. */
	private long recordLine = 1;

	private long line = 1;

	BoundedRecordReader(Reader in) {
		this(in, ReaderLimits.MAX_CSV_LINE_CHARS);
	}

	BoundedRecordReader(Reader in, long maxRecordChars) {
		super(in);
		this.maxRecordChars = maxRecordChars;
	}

	@Override
	public int read() throws IOException {
		int ch = in.read();
		if (ch >= 0) {
			count((char) ch);
		}
		return ch;
	}

	@Override
	public int read(char[] buffer, int offset, int length) throws IOException {
		int n = in.read(buffer, offset, length);
		for (int i = offset, end = offset + Math.max(n, 0); i < end; i++) {
			count(buffer[i]);
		}
		return n;
	}

	@Override
	public long skip(long n) throws IOException {
		char[] buffer = new char[(int) Math.min(n, 8192)];
		long skipped = 0;
		while (skipped < n) {
			int read = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
			if (read < 0) {
				break;
			}
			skipped += read;
		}
		return skipped;
	}

	private void count(char ch) throws ReaderLimitException {
		if (ch == '"') {
			inQuotes = !inQuotes;
		}
		else if (ch == '\n') {
			line++;
			if (!inQuotes) {
				recordChars = 0;
				recordLine = line;
				return;
			}
		}
		if (++recordChars > maxRecordChars) {
			throw new ReaderLimitException("line " + recordLine, "one CSV line", maxRecordChars, "characters");
		}
	}
}
