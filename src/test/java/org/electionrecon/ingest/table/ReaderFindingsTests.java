package org.electionrecon.ingest.table;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Inputs the fuzz targets found that broke the readers' contract ({@link ReaderFuzzing}): each one
 * must read, or be unreadable with an {@link UnreadableSourceException} that gives the reason. Before
 * issue 13's readers the CSV reader threw a plain IOException for the first two, the .xls reader let
 * POI's IllegalStateException out for the third ("Did not have a ExtendedFormatRecord") and the .xlsx
 * sheet parser threw a plain IOException for malformed sheet XML; after them the fuzzer found a sheet
 * whose deflate stream is damaged (a plain IOException) and a zip entry compressed with Zstandard
 * (a NoClassDefFoundError, which stopped the run).
 */
class ReaderFindingsTests {

	@TempDir
	Path dir;

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			// a quote left open on the last line, after a blank line, with a BOM and semicolons
			"csv-damaged-quote.csv | damaged CSV near line 3: Invalid character between encapsulated token and delimiter at line: 2, position: 27",
			// a semicolon-separated export (Excel in many European locales) with quoted values
			"csv-semicolons-quoted.csv | damaged CSV near line 3: Invalid character between encapsulated token and delimiter at line: 2, position: 27",
			// POI's HSSF: a STYLE record whose cell format is missing
			"xls-style-record-without-its-format.xls | sheet 'Stafford' is damaged: Did not have a ExtendedFormatRecord: {   /* STYLE */",
			"xlsx-malformed-sheet-attribute.xlsx | sheet 'Cover' is damaged: Unexpected character '\"' (code 34) expected '='",
			"xlsx-damaged-deflate-stream.xlsx | sheet 'Cover' cannot be opened: invalid distance too far back",
			"xlsx-zstd-compressed-entry.xlsx | a part is compressed by a method this reader does not support (com.github.luben.zstd.ZstdInputStream)" })
	void isUnreadableWithItsReason(String name, String reason) throws IOException {
		Path file = dir.resolve(name);
		try (InputStream in = ReaderFindingsTests.class.getResourceAsStream("reader-findings/" + name)) {
			Files.copy(in, file);
		}
		assertThatThrownBy(() -> readAll(file)).isInstanceOf(UnreadableSourceException.class).hasMessage(reason);
	}

	private static void readAll(Path file) throws IOException {
		try (TabularFile tabular = TabularFiles.open(file)) {
			for (SheetInfo sheet : tabular.sheets()) {
				RowCursor rows = tabular.rows(sheet);
				while (rows.next() != null) {
					// every row, as the ingest step reads them
				}
			}
		}
	}
}
