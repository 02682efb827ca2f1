package org.electionrecon.ingest.table;

import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.io.InputStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Inputs the fuzz targets found that break the readers' contract ({@link ReaderFuzzing}): each one
 * must read, or be unreadable with an {@link UnreadableSourceException}. Before issue 13's readers
 * the CSV reader threw a plain IOException ("damaged CSV near line 3: Invalid character between
 * encapsulated token and delimiter") for the first two, the .xls reader let POI's
 * IllegalStateException out for the third, and the .xlsx sheet parser threw a plain IOException for
 * malformed sheet XML; each is now the file's reason.
 */
class ReaderFindingsTests {

	@ParameterizedTest
	@ValueSource(strings = {
			// a quote left open on the last line, after a blank line, with a BOM and semicolons
			"csv-damaged-quote.csv",
			// a semicolon-separated export (Excel in many European locales) with quoted values
			"csv-semicolons-quoted.csv",
			// found by XlsReaderFuzzTests in 47 runs: POI's HSSF throws IllegalStateException ("Did not have a
			// ExtendedFormatRecord") for a STYLE record whose cell format is missing
			"xls-style-record-without-its-format.xls",
			// found by XlsxReaderFuzzTests in 16 runs: "sheet 'Cover' is damaged: malformed XML at byte 662 of the
			// sheet", a plain IOException from the sheet parser
			"xlsx-malformed-sheet-attribute.xlsx" })
	void readsOrIsUnreadable(String name) throws IOException {
		byte[] bytes;
		try (InputStream in = ReaderFindingsTests.class.getResourceAsStream("reader-findings/" + name)) {
			bytes = in.readAllBytes();
		}
		String suffix = name.substring(name.lastIndexOf('.'));
		assertThatCode(() -> ReaderFuzzing.readsOrIsUnreadable(bytes, suffix)).doesNotThrowAnyException();
	}
}
