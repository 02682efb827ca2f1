package org.electionrecon.ingest.table;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV file read as one sheet. UTF-16 when it starts with a UTF-16 byte order mark (as Excel's
 * "Unicode text" saves), UTF-8 (with or without BOM) when the bytes are valid UTF-8, otherwise
 * Windows-1252, the encoding of the HoC Library's Excel exports. A record (a line, with the quoted
 * line breaks inside it) over {@link ReaderLimits#MAX_CSV_LINE_CHARS} stops the file with that
 * reason, before the parser holds it ({@link BoundedRecordReader}).
 */
public final class CsvFile implements TabularFile {

	public static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
	/** DOS code page 850, which some "Windows" CSV exports really are (the HoC Excel export is). */
	public static final Charset CP850 = Charset.forName("IBM850");

	private static final SheetInfo ONLY_SHEET = new SheetInfo(null, false, "csv");

	private final Path file;
	private final Charset charset;
	/** The byte order mark's length: 3 for UTF-8, 2 for UTF-16, 0 without one. */
	private final int bomBytes;
	private CSVParser parser;

	public CsvFile(Path file) throws IOException {
		this.file = file;
		byte[] head;
		try (InputStream in = Files.newInputStream(file)) {
			head = in.readNBytes(3);
		}
		if (TabularFiles.startsWith(head, 0xEF, 0xBB, 0xBF)) {
			this.bomBytes = 3;
			this.charset = StandardCharsets.UTF_8;
		}
		else if (TabularFiles.startsWith(head, 0xFE, 0xFF)) {
			this.bomBytes = 2;
			this.charset = StandardCharsets.UTF_16BE;
		}
		else if (TabularFiles.startsWith(head, 0xFF, 0xFE)) {
			this.bomBytes = 2;
			this.charset = StandardCharsets.UTF_16LE;
		}
		else {
			this.bomBytes = 0;
			this.charset = isValidUtf8(file) ? StandardCharsets.UTF_8 : singleByteCharset(file);
		}
	}

	public Charset charset() {
		return charset;
	}

	@Override
	public List<SheetInfo> sheets() {
		return List.of(ONLY_SHEET);
	}

	@Override
	public boolean isCsv() {
		return true;
	}

	@Override
	public RowCursor rows(SheetInfo sheet) throws IOException {
		close();
		InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
		in.skipNBytes(bomBytes);
		Reader text = new BoundedRecordReader(new InputStreamReader(in, charset));
		parser = CSVFormat.RFC4180.builder().setTrim(false).get().parse(text);
		Iterator<CSVRecord> records = parser.iterator();
		CSVParser current = parser;
		return () -> {
			try {
				while (true) {
					long linesBefore = current.getCurrentLineNumber();
					if (!records.hasNext()) {
						return null;
					}
					CSVRecord record = records.next();
					List<Cell> cells = new ArrayList<>(record.size());
					for (int i = 0; i < record.size(); i++) {
						String value = record.get(i);
						if (!value.isBlank()) {
							cells.add(Cell.text(i, value));
						}
					}
					int line = (int) linesBefore + 1;
					return new SheetRow(line, cells);
				}
			}
			catch (RuntimeException ex) {
				// the parser wraps the reader's IOException: a record over the bound is that, not damage
				if (ex instanceof UncheckedIOException && ex.getCause() instanceof ReaderLimitException limit) {
					throw limit;
				}
				throw new UnreadableSourceException("damaged CSV near line " + (current.getCurrentLineNumber() + 1) + ": "
						+ TabularFiles.rootMessage(ex), ex);
			}
		};
	}

	@Override
	public void close() throws IOException {
		if (parser != null) {
			parser.close();
			parser = null;
		}
	}

	/**
	 * Windows-1252, unless the file is in DOS code page 850: there bytes 0x80-0x9F are accented
	 * letters ("Ynys M\u0093n" is "Ynys Môn"), where in Windows-1252 they are quotes and dashes,
	 * which do not stand between two letters (but for the apostrophe).
	 */
	static Charset singleByteCharset(Path file) throws IOException {
		try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
			int before = -1;
			int current = in.read();
			while (current >= 0) {
				int after = in.read();
				boolean betweenLetters = isAsciiLetter(before) && isAsciiLetter(after);
				// 0x92 is Windows-1252's apostrophe, often between letters ("St Mary\u2019s"); not evidence
				if (betweenLetters && current != 0x92 && ((current >= 0x80 && current <= 0x9F) || current == 0xA0)) {
					return CP850;
				}
				before = current;
				current = after;
			}
		}
		return WINDOWS_1252;
	}

	private static boolean isAsciiLetter(int b) {
		return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
	}

	/** Decodes the whole file once, streaming, to see whether it is valid UTF-8. */
	static boolean isValidUtf8(Path file) throws IOException {
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		try (Reader reader = new InputStreamReader(Files.newInputStream(file), decoder)) {
			CharBuffer buffer = CharBuffer.allocate(1 << 14);
			while (reader.read(buffer) >= 0) {
				buffer.clear();
			}
			return true;
		}
		catch (CharacterCodingException ex) {
			return false;
		}
	}

	static boolean isValidUtf8(byte[] bytes) {
		try {
			StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes));
			return true;
		}
		catch (CharacterCodingException ex) {
			return false;
		}
	}
}
