package org.electionrecon.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.ZipFile;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.electionrecon.report.SheetWriter.SheetRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamingWorkbookTests {

	private static final List<String> TEXTS = List.of("Stafford", "St Mary's Hall", "Newcastle-under-Lyme",
			"a < b & c > d", "\"quoted\"", "two\nlines\ttab\rreturn", "no\u00A0break", "control\u0001char",
			"ballot \uD83D\uDDF3 box", "not a char \uFFFE", "Ynys Môn", "", " leading and trailing ", "café",
			"Llanfair ŵ Gwynedd", "St Mary\u2019s", "東京都 ward");

	@Test
	void shouldWriteEveryTextAsPoisOwnStreamingWorkbookDoes() throws IOException {
		assertThat(readBack(new StreamingWorkbook(10))).containsExactlyElementsOf(readBack(new SXSSFWorkbook(10)));
	}

	@Test
	void shouldKeepTextThatNeedsNoEscapingAsItIs() throws IOException {
		assertThat(readBack(new StreamingWorkbook(10))).contains("Stafford", "St Mary's Hall", "Ynys Môn",
				" leading and trailing ", "café", "Llanfair ŵ Gwynedd", "St Mary\u2019s", "東京都 ward");
	}

	@Test
	void shouldEscapeOnlyWhatPoiWouldChange() {
		assertThat(StreamingWorkbook.RowXmlWriter.needsEscaping("Newcastle-under-Lyme, St Mary's")).isFalse();
		assertThat(StreamingWorkbook.RowXmlWriter.needsEscaping("Ynys Môn")).isFalse();
		for (String text : List.of("<", ">", "&", "\"", "\n", "\t", "\u00A0", "\u0001", "\uD83D\uDDF3", "\uFFFF")) {
			assertThat(StreamingWorkbook.RowXmlWriter.needsEscaping("a" + text)).as("'%s'", text).isTrue();
		}
	}

	@Test
	void shouldDeleteTheSheetsTemporaryFilesOnClose(@TempDir Path temp) throws IOException {
		// POI's temporary files of this thread in the test's folder
		StreamingWorkbook workbook = org.apache.poi.util.TempFile.withStrategy(
				new org.apache.poi.util.DefaultTempFileCreationStrategy(temp.toFile()), () -> new StreamingWorkbook(10));
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		org.apache.poi.util.TempFile.withStrategy(new org.apache.poi.util.DefaultTempFileCreationStrategy(temp.toFile()),
				() -> {
					try {
						SheetWriter out = new SheetWriter(workbook.createStreamingSheet("Boxes"),
								new ReportStyles(workbook), 1_000_000);
						out.header("Code", "Constituency");
						for (int r = 0; r < 40; r++) {
							SheetRow row = out.row();
							out.text(row, 0, "E14001" + r);
							out.text(row, 1, "Stafford");
						}
						workbook.write(bytes);
						return null;
					}
					catch (IOException ex) {
						throw new java.io.UncheckedIOException(ex);
					}
				});
		assertThat(sheetFiles(temp)).hasSize(1);

		workbook.close();

		assertThat(sheetFiles(temp)).isEmpty();
		try (XSSFWorkbook written = new XSSFWorkbook(new ByteArrayInputStream(bytes.toByteArray()))) {
			assertThat(written.getSheet("Boxes").getRow(40).getCell(0).getStringCellValue()).isEqualTo("E1400139");
		}
	}

	/** POI's temporary sheet files in the folder (its strategy puts them in a poifiles folder). */
	private static List<Path> sheetFiles(Path temp) throws IOException {
		try (java.util.stream.Stream<Path> files = Files.walk(temp)) {
			return files.filter(Files::isRegularFile).toList();
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

	/** Whole numbers around the point where Double.toString turns to 1.0E7, and beyond a long's double. */
	private static final List<Long> WHOLE_NUMBERS = List.of(0L, 1L, -1L, 12_345L, 9_999_999L, -9_999_999L,
			10_000_000L, -10_000_000L, 123_456_789_012L, Long.MAX_VALUE, Long.MIN_VALUE);

	private static final List<BigDecimal> DECIMALS = List.of(new BigDecimal("65.39"), new BigDecimal("0.1"),
			new BigDecimal("-2.125"), new BigDecimal("12345678.5"), new BigDecimal("0.00001"));

	@Test
	void shouldWriteTheSameSheetXmlAsPoisRowsAndCells() throws IOException {
		StreamingWorkbook direct = new StreamingWorkbook(10);
		ReportStyles directStyles = new ReportStyles(direct);
		SheetWriter out = new SheetWriter(direct.createStreamingSheet("Boxes"), directStyles, 1_000_000);
		SXSSFWorkbook poi = new SXSSFWorkbook(10);
		ReportStyles poiStyles = new ReportStyles(poi);
		SXSSFSheet sheet = poi.createSheet("Boxes");

		out.header("Code", "Constituency", "Issued");
		header(sheet.createRow(0), poiStyles, "Code", "Constituency", "Issued");
		int rowIndex = 1;
		for (int r = 0; r < 40; r++) {
			if (r % 7 == 3) {
				out.blankRow();
				rowIndex++;
				continue;
			}
			SheetRow row = out.row();
			Row poiRow = sheet.createRow(rowIndex++);
			String text = TEXTS.get(r % TEXTS.size());
			out.text(row, 0, text);
			if (!text.isEmpty()) {
				cell(poiRow, 0, poiStyles.text).setCellValue(text);
			}
			out.text(row, 1, "=SUM(A1:A2)");
			cell(poiRow, 1, poiStyles.quotedText).setCellValue("=SUM(A1:A2)");
			long whole = WHOLE_NUMBERS.get(r % WHOLE_NUMBERS.size());
			out.integer(row, 2, whole);
			cell(poiRow, 2, poiStyles.integer).setCellValue(whole);
			out.plainInteger(row, 4, whole);
			cell(poiRow, 4, poiStyles.general).setCellValue(whole);
			BigDecimal decimal = DECIMALS.get(r % DECIMALS.size());
			out.percent(row, 5, decimal);
			cell(poiRow, 5, poiStyles.percent).setCellValue(decimal.doubleValue());
			out.decimal(row, 6, decimal);
			cell(poiRow, 6, poiStyles.forScale(decimal.scale())).setCellValue(decimal.doubleValue());
			for (int column : new int[] { 25, 26, 51, 52, 701, 702, 16_383 }) {
				out.integer(row, column, (long) column);
				cell(poiRow, column, poiStyles.integer).setCellValue(column);
			}
		}
		out.row();
		sheet.createRow(rowIndex);

		assertThat(sheetXml(direct)).isEqualTo(sheetXml(poi)).contains("<c r=\"XFD2\"", "1.0E7",
				"xml:space=\"preserve\"", "&lt;");
	}

	/**
	 * Rows of text cells where text beyond ASCII (two- and three-byte UTF-8, surrogate pairs) stands
	 * first, last and inside, next to text POI escapes in the same row in either order, rows of plain
	 * text after them, and texts longer than a row's first buffer: the same sheet XML as POI's.
	 */
	@Test
	void shouldWriteTextBeyondAsciiAsPoiDoesWhateverStandsAroundIt() throws IOException {
		String cjk = "東京都";
		List<List<String>> rows = List.of(
				List.of("é first", "last é", "mid ŵ dle", "St Mary\u2019s", "\uD83D\uDDF3 first", cjk + " ward",
						"ward " + cjk, "a < b after Môn"),
				List.of("Môn", "x & y", "ŵ", "\"quoted\" after ŵ", "’"),
				List.of("\u2019", "tab\there", "plain after escaped", "é after escaped", "last \uD83D\uDDF3"),
				List.of("a plain row after them", "ASCII only"),
				List.of("é".repeat(3_000), "a".repeat(5_000), "ŵ\u2019".repeat(2_000), "é".repeat(2_000) + " <",
						cjk.repeat(10_000)),
				List.of("Ynys Môn", " leading é", "trailing ’ ", "\u00A0no-break first"),
				List.of("the last row", "café"));

		assertThat(textSheetXml(new StreamingWorkbook(10), rows)).isEqualTo(textSheetXml(new SXSSFWorkbook(10), rows))
			.contains("é first", "ward 東京都", "St Mary\u2019s", cjk.repeat(10_000), "a plain row after them",
					"&lt; b after Môn", "x &amp; y", "tab&#x9;here", "xml:space=\"preserve\">trailing ’ ",
					"<c r=\"A7\"");
	}

	/**
	 * The same text objects again and again in a column (the Boxes sheet's code, name and type), in
	 * another column, after an escaped one and beyond the columns whose last text is kept: the same
	 * sheet XML as POI's, row numbers and all.
	 */
	@Test
	void shouldWriteTheSameTextAgainAsPoiDoes() throws IOException {
		String code = "E14001500";
		String name = "Stafford ’ Môn";
		String escaped = "a & b";
		String far = "column 20";
		List<List<String>> rows = new java.util.ArrayList<>();
		for (int r = 0; r < 12; r++) {
			List<String> row = new java.util.ArrayList<>(List.of(code, name, r % 3 == 0 ? escaped : "box " + r,
					r % 2 == 0 ? code : name, escaped, " spaced "));
			while (row.size() < 20) {
				row.add(row.size() % 2 == 0 ? far : "x");
			}
			rows.add(row);
		}

		assertThat(textSheetXml(new StreamingWorkbook(10), rows)).isEqualTo(textSheetXml(new SXSSFWorkbook(10), rows))
			.contains("<c r=\"A12\" s=\"2\" t=\"inlineStr\"><is><t>E14001500</t></is></c>", "<c r=\"D12\"",
					"a &amp; b</t></is></c><c r=\"F12\"");
	}

	/**
	 * The sheet XML of the rows written as text cells: through {@link SheetWriter} into a {@link
	 * StreamingWorkbook}, or as POI's own rows and cells into any other workbook.
	 */
	private static String textSheetXml(SXSSFWorkbook workbook, List<List<String>> rows) throws IOException {
		ReportStyles styles = new ReportStyles(workbook);
		if (workbook instanceof StreamingWorkbook streaming) {
			SheetWriter out = new SheetWriter(streaming.createStreamingSheet("Boxes"), styles, 1_000_000);
			for (List<String> texts : rows) {
				SheetRow row = out.row();
				for (int c = 0; c < texts.size(); c++) {
					out.text(row, c, texts.get(c));
				}
			}
		}
		else {
			SXSSFSheet sheet = workbook.createSheet("Boxes");
			for (int r = 0; r < rows.size(); r++) {
				Row row = sheet.createRow(r);
				for (int c = 0; c < rows.get(r).size(); c++) {
					cell(row, c, styles.text).setCellValue(rows.get(r).get(c));
				}
			}
		}
		return sheetXml(workbook);
	}

	@Test
	void shouldRefuseCellsOutOfOrder() throws IOException {
		try (StreamingWorkbook workbook = new StreamingWorkbook(10)) {
			SheetWriter out = new SheetWriter(workbook.createStreamingSheet("Boxes"), new ReportStyles(workbook),
					1_000_000);
			SheetRow first = out.row();
			out.integer(first, 3, 1L);
			assertThatThrownBy(() -> out.integer(first, 3, 2L)).isInstanceOf(IllegalStateException.class)
				.hasMessage("Cell 4 of row 1 comes after cell 4; a row's cells are written in order");
			out.row();
			assertThatThrownBy(() -> out.text(first, 5, "late")).isInstanceOf(IllegalStateException.class)
				.hasMessage("Row 1 of sheet 'Boxes' is already written; cells go in the last row taken (2)");
			workbook.dispose();
		}
	}

	private static void header(Row row, ReportStyles styles, String... titles) {
		for (int i = 0; i < titles.length; i++) {
			cell(row, i, styles.header).setCellValue(titles[i]);
		}
	}

	private static Cell cell(Row row, int column, CellStyle style) {
		Cell cell = row.createCell(column);
		cell.setCellStyle(style);
		return cell;
	}

	/** The first worksheet's XML, as it stands in the written .xlsx. */
	private static String sheetXml(SXSSFWorkbook workbook) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (workbook) {
			workbook.write(bytes);
			workbook.dispose();
		}
		Path file = Files.createTempFile("streaming-workbook", ".xlsx");
		try {
			Files.write(file, bytes.toByteArray());
			try (ZipFile zip = new ZipFile(file.toFile()); InputStream sheet = zip.getInputStream(
					Objects.requireNonNull(zip.getEntry("xl/worksheets/sheet1.xml"), "xl/worksheets/sheet1.xml"))) {
				return new String(sheet.readAllBytes(), StandardCharsets.UTF_8);
			}
		}
		finally {
			Files.delete(file);
		}
	}

	@Test
	void shouldCopyTheStreamedLinksInPlaceOfTheirPlaceholderWrittenByteByByte(@org.junit.jupiter.api.io.TempDir Path dir)
			throws IOException {
		Path links = Files.writeString(dir.resolve("links.xml"),
				"<hyperlink location=\"'Constituencies'!A3\" ref=\"E2\"/>");
		String placeholder = new String(StreamingWorkbook.STREAMED_LINKS_PLACEHOLDER, StandardCharsets.US_ASCII);
		// a start of the placeholder that fails, and one that fails at its last byte, before the placeholder
		String sheet = "<x><hyperlinks><hyperlink lo/>" + placeholder.substring(0, placeholder.length() - 1) + "<"
				+ placeholder.substring(1) + "</hyperlinks></x>";
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (var zip = new StreamingWorkbook.LinkCopyingZip(
				new org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream(bytes), Map.of("sheet.xml", links))) {
			zip.putArchiveEntry(new org.apache.commons.compress.archivers.zip.ZipArchiveEntry("sheet.xml"));
			for (byte b : sheet.getBytes(StandardCharsets.US_ASCII)) {
				zip.write(b);
			}
			zip.closeArchiveEntry();
			zip.finish();
		}
		Path written = Files.write(dir.resolve("written.zip"), bytes.toByteArray());
		try (ZipFile zip = new ZipFile(written.toFile())) {
			String text = new String(zip.getInputStream(zip.getEntry("sheet.xml")).readAllBytes(), StandardCharsets.UTF_8);
			assertThat(text).isEqualTo("<x><hyperlinks><hyperlink lo/>" + placeholder.substring(0, placeholder.length() - 1)
					+ "<hyperlink location=\"'Constituencies'!A3\" ref=\"E2\"/></hyperlinks></x>");
		}
	}
}
