package org.electionrecon.ingest.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CSV decoding (UTF-16 and UTF-8 with or without BOM, Windows-1252), quoting, line numbers, the line bound. */
class CsvFileTests {

	private static final byte[] BOM = { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF };

	@TempDir
	Path dir;

	@Test
	void utf8WithABomDropsTheBomFromTheFirstHeader() throws IOException {
		Path file = write("bom.csv", BOM, "Constituency,Votes\nYnys Môn,\"12,345\"\n".getBytes(StandardCharsets.UTF_8));
		try (CsvFile csv = new CsvFile(file)) {
			assertThat(csv.charset()).isEqualTo(StandardCharsets.UTF_8);
			assertThat(rows(csv)).containsExactly(
					new SheetRow(1, List.of(Cell.text(0, "Constituency"), Cell.text(1, "Votes"))),
					new SheetRow(2, List.of(Cell.text(0, "Ynys Môn"), Cell.text(1, "12,345"))));
		}
	}

	@Test
	void utf8WithoutABom() throws IOException {
		Path file = write("plain.csv", "Constituency,Votes\nYnys Môn,12345\n".getBytes(StandardCharsets.UTF_8));
		try (CsvFile csv = new CsvFile(file)) {
			assertThat(csv.charset()).isEqualTo(StandardCharsets.UTF_8);
			assertThat(rows(csv)).containsExactly(
					new SheetRow(1, List.of(Cell.text(0, "Constituency"), Cell.text(1, "Votes"))),
					new SheetRow(2, List.of(Cell.text(0, "Ynys Môn"), Cell.text(1, "12345"))));
		}
	}

	@Test
	void windows1252DecodesWithoutMojibake() throws IOException {
		// "Ynys M\xf4n" and an en dash (0x96) as the HoC Library's Excel export writes them
		Path file = write("cp1252.csv", "Constituency,Note\r\n".getBytes(StandardCharsets.US_ASCII),
				new byte[] { 'Y', 'n', 'y', 's', ' ', 'M', (byte) 0xF4, 'n', ',', 'a', ' ', (byte) 0x96, ' ', 'b', '\r', '\n' });
		assertThat(CsvFile.isValidUtf8(file)).isFalse();
		try (CsvFile csv = new CsvFile(file)) {
			assertThat(csv.charset()).isEqualTo(CsvFile.WINDOWS_1252);
			assertThat(rows(csv)).containsExactly(
					new SheetRow(1, List.of(Cell.text(0, "Constituency"), Cell.text(1, "Note"))),
					new SheetRow(2, List.of(Cell.text(0, "Ynys Môn"), Cell.text(1, "a \u2013 b"))));
		}
	}

	@Test
	void theBundledExcelExportDecodesYnysMon() throws IOException {
		Path file = Path.of("src/main/resources/reference-data/ge2024/HoC-GE2024-results-by-constituency_excel-export-cp1252.csv");
		try (CsvFile csv = new CsvFile(file)) {
			// the file is really DOS code page 850 ("Ynys M\x93n"), whatever its name says
			assertThat(csv.charset()).isEqualTo(CsvFile.CP850);
			List<String> names = rows(csv).stream().filter(r -> r.number() > 3).map(r -> r.text(2)).toList();
			assertThat(names.contains("Ynys Môn")).as("'Ynys Môn' among the constituency names").isTrue();
			assertThat(names.stream().filter(n -> n != null && n.startsWith("Ynys M")).toList()).containsExactly("Ynys Môn");
		}
	}

	@Test
	void quotedCommasQuotesAndLineNumbers() throws IOException {
		String text = String.join("\n",
				"Constituency,Box,Issued,Verified",
				"\"Stone, Great Wyrley and Penkridge\",SG01,\"1,210\",\" 1210 \"",
				"",
				"Stafford,\"Box \"\"A\"\"\",812,",
				"Stafford,\"Postal",
				"batch 2\",640,641",
				",,,",
				"Stafford,,,9",
				"");
		Path file = write("quoted.csv", text.getBytes(StandardCharsets.UTF_8));
		try (CsvFile csv = new CsvFile(file)) {
			assertThat(csv.isCsv()).isTrue();
			assertThat(csv.sheets()).containsExactly(new SheetInfo(null, false, "csv"));
			assertThat(rows(csv)).containsExactly(
					new SheetRow(1, List.of(Cell.text(0, "Constituency"), Cell.text(1, "Box"), Cell.text(2, "Issued"),
							Cell.text(3, "Verified"))),
					new SheetRow(2, List.of(Cell.text(0, "Stone, Great Wyrley and Penkridge"), Cell.text(1, "SG01"),
							Cell.text(2, "1,210"), Cell.text(3, " 1210 "))),
					new SheetRow(3, List.of()), // a blank line is a row with no cells: it can end a table
					new SheetRow(4, List.of(Cell.text(0, "Stafford"), Cell.text(1, "Box \"A\""), Cell.text(2, "812"))),
					// a record spanning two lines is numbered by the line it starts on
					new SheetRow(5, List.of(Cell.text(0, "Stafford"), Cell.text(1, "Postal\nbatch 2"), Cell.text(2, "640"),
							Cell.text(3, "641"))),
					new SheetRow(7, List.of()),
					new SheetRow(8, List.of(Cell.text(0, "Stafford"), Cell.text(3, "9"))));
		}
	}

	@Test
	void crlfLineEndingsNumberLinesTheSame() throws IOException {
		Path file = write("crlf.csv", "a,b\r\nc,d\r\n\r\ne,f".getBytes(StandardCharsets.UTF_8));
		try (CsvFile csv = new CsvFile(file)) {
			assertThat(rows(csv)).extracting(SheetRow::number).containsExactly(1, 2, 3, 4);
			assertThat(rows(csv).get(3).cells()).containsExactly(Cell.text(0, "e"), Cell.text(1, "f"));
		}
	}

	@Test
	void anUnterminatedQuoteIsADamagedCsvNamingTheLine() throws IOException {
		Path file = write("broken.csv", "a,b\nc,d\n\"e,f\ng,h\n".getBytes(StandardCharsets.UTF_8));
		try (CsvFile csv = new CsvFile(file)) {
			RowCursor cursor = csv.rows(csv.sheets().get(0));
			assertThat(cursor.next().number()).isEqualTo(1);
			assertThat(cursor.next().number()).isEqualTo(2);
			assertThatThrownBy(cursor::next).isInstanceOf(IOException.class).hasMessageStartingWith("damaged CSV near line ");
		}
	}

	/** Excel's "Unicode text" and some exports write UTF-16 with a byte order mark, either way round. */
	@Test
	void utf16WithAByteOrderMarkIsReadAsUtf16() throws IOException {
		String text = "Constituency,Votes\r\nYnys Môn,\"12,345\"\r\n";
		Path little = write("utf16le.csv", new byte[] { (byte) 0xFF, (byte) 0xFE }, text.getBytes(StandardCharsets.UTF_16LE));
		Path big = write("utf16be.csv", new byte[] { (byte) 0xFE, (byte) 0xFF }, text.getBytes(StandardCharsets.UTF_16BE));
		for (Path file : List.of(little, big)) {
			try (CsvFile csv = new CsvFile(file)) {
				assertThat(csv.charset()).isEqualTo(file == little ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE);
				assertThat(rows(csv)).containsExactly(
						new SheetRow(1, List.of(Cell.text(0, "Constituency"), Cell.text(1, "Votes"))),
						new SheetRow(2, List.of(Cell.text(0, "Ynys Môn"), Cell.text(1, "12,345"))));
			}
		}
	}

	/** A line over 1 MiB is the file's reason, with the line it starts on; the lines before it are read. */
	@Test
	void aLineOverTheLimitStopsTheFileWithThatReason() throws IOException {
		String fits = "a".repeat(ReaderLimits.MAX_CSV_LINE_CHARS - 2) + "\r\n"; // the line break counts
		Path file = write("long.csv", ("Box no,Votes\nST01,1\n" + fits + "ST02,\"x" + "b".repeat(ReaderLimits.MAX_CSV_LINE_CHARS)
				+ "\"\n").getBytes(StandardCharsets.UTF_8));
		try (CsvFile csv = new CsvFile(file)) {
			RowCursor cursor = csv.rows(csv.sheets().get(0));
			assertThat(cursor.next()).isEqualTo(new SheetRow(1, List.of(Cell.text(0, "Box no"), Cell.text(1, "Votes"))));
			assertThat(cursor.next()).isEqualTo(new SheetRow(2, List.of(Cell.text(0, "ST01"), Cell.text(1, "1"))));
			assertThat(cursor.next().cells()).hasSize(1);
			assertThatThrownBy(cursor::next).isInstanceOf(ReaderLimitException.class)
				.hasMessage("line 4: one CSV line is over the limit of 1,048,576 characters");
		}
	}

	/**
	 * A quoted field's line breaks belong to its record: a record of many short lines inside quotes
	 * counts whole, and no line of it is held past the bound (a 500 MB line used 2.1 GiB, issue 13).
	 */
	@Test
	void aQuotedRecordOfManyLinesCountsWholeAndIsNeverHeldPastTheBound() {
		Reader endless = new Reader() {
			private long given;

			@Override
			public int read(char[] buffer, int offset, int length) {
				for (int i = 0; i < length; i++, given++) {
					buffer[offset + i] = given == 0 ? '"' : given % 10 == 0 ? '\n' : 'q';
				}
				return length;
			}

			@Override
			public void close() {
			}
		};
		assertThatThrownBy(() -> CSVFormat.RFC4180.parse(new BoundedRecordReader(endless)).getRecords())
			.rootCause()
			.isInstanceOf(ReaderLimitException.class)
			.hasMessage("line 1: one CSV line is over the limit of 1,048,576 characters");
	}

	@Test
	void utf8ValidityOfBytes() {
		assertThat(CsvFile.isValidUtf8("Ynys Môn".getBytes(StandardCharsets.UTF_8))).isTrue();
		assertThat(CsvFile.isValidUtf8(new byte[] { 'M', (byte) 0xF4, 'n' })).isFalse();
	}

	private Path write(String name, byte[]... parts) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return Files.write(dir.resolve(name), out.toByteArray());
	}

	static List<SheetRow> rows(TabularFile file) throws IOException {
		return XlsxFileTests.rows(file, file.sheets().get(0));
	}

	@Test
	void anApostropheBetweenLettersStaysWindows1252() throws IOException {
		byte[] bytes = "Station\nSt Mary\u2019s Church Hall \u2013 Ynys M\u00f4n\n".getBytes(CsvFile.WINDOWS_1252);
		Path file = write("apostrophe.csv", bytes);
		try (CsvFile csv = new CsvFile(file)) {
			assertThat(csv.charset()).isEqualTo(CsvFile.WINDOWS_1252);
			assertThat(rows(csv).get(1).text(0)).isEqualTo("St Mary\u2019s Church Hall \u2013 Ynys M\u00f4n");
		}
	}
}
