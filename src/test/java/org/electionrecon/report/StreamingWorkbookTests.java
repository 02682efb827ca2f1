package org.electionrecon.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

class StreamingWorkbookTests {

	private static final List<String> TEXTS = List.of("Stafford", "St Mary's Hall", "Newcastle-under-Lyme",
			"a < b & c > d", "\"quoted\"", "two\nlines\ttab\rreturn", "no\u00A0break", "control\u0001char",
			"ballot \uD83D\uDDF3 box", "not a char \uFFFE", "Ynys Môn", "", " leading and trailing ");

	@Test
	void shouldWriteEveryTextAsPoisOwnStreamingWorkbookDoes() throws IOException {
		assertThat(readBack(new StreamingWorkbook(10))).containsExactlyElementsOf(readBack(new SXSSFWorkbook(10)));
	}

	@Test
	void shouldKeepTextThatNeedsNoEscapingAsItIs() throws IOException {
		assertThat(readBack(new StreamingWorkbook(10))).contains("Stafford", "St Mary's Hall", "Ynys Môn",
				" leading and trailing ");
	}

	@Test
	void shouldEscapeOnlyWhatPoiWouldChange() {
		assertThat(StreamingWorkbook.FastSheetDataWriter.needsEscaping("Newcastle-under-Lyme, St Mary's")).isFalse();
		assertThat(StreamingWorkbook.FastSheetDataWriter.needsEscaping("Ynys Môn")).isFalse();
		for (String text : List.of("<", ">", "&", "\"", "\n", "\t", "\u00A0", "\u0001", "\uD83D\uDDF3", "\uFFFF")) {
			assertThat(StreamingWorkbook.FastSheetDataWriter.needsEscaping("a" + text)).as("'%s'", text).isTrue();
		}
	}

	/** Writes many rows of the texts (more than the row window) and reads the cells back. */
	private static List<String> readBack(SXSSFWorkbook workbook) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (workbook) {
			SXSSFSheet sheet = workbook.createSheet("Boxes");
			for (int r = 0; r < 50; r++) {
				Row row = sheet.createRow(r);
				for (int c = 0; c < TEXTS.size(); c++) {
					row.createCell(c).setCellValue(TEXTS.get(c));
				}
			}
			workbook.write(bytes);
			workbook.dispose();
		}
		List<String> texts = new ArrayList<>();
		try (XSSFWorkbook read = new XSSFWorkbook(new ByteArrayInputStream(bytes.toByteArray()))) {
			read.getSheetAt(0).forEach(row -> row.forEach(cell -> texts.add(cell.getStringCellValue())));
		}
		assertThat(texts).hasSize(50 * TEXTS.size());
		return texts;
	}
}
