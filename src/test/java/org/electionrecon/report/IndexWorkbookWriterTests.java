package org.electionrecon.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.electionrecon.report.IndexData.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The index workbook written from data given here: its cells, its links' XML, and its file handling. */
class IndexWorkbookWriterTests {

	private static final AreaReportData.RunFacts RUN = new AreaReportData.RunFacts(42, LocalDateTime.of(2024, 7, 5, 1, 0),
			LocalDateTime.of(2024, 7, 5, 1, 5), null, Map.of(), Map.of(), "test");

	/** When the fixture's first file was received. */
	private static final LocalDateTime RECEIVED = LocalDateTime.of(2024, 7, 4, 23, 31, 5);

	/** Two areas: one with a missing, an erring and a clean constituency, one with none verified. */
	static class Fixture implements IndexData {

		@Override
		public String election() {
			return "UK Parliamentary general election, 4 July 2024";
		}

		@Override
		public AreaReportData.RunFacts runFacts() {
			return RUN;
		}

		@Override
		public void forEachArea(Consumer<Area> consumer) {
			consumer.accept(new Area("North East", "north-east-reconciliation.xlsx", 2, 1, 0, 3, new BigDecimal("61.25"),
					List.of(new Constituency("E14000001", "Alnwick", Status.MISSING, 1, 0, 2,
							new CountNight.Receipts(null, RECEIVED.plusMinutes(20)), CountNight.CountStatus.WAITING),
							new Constituency("E14000002", "Blyth", Status.ERRORS, 1, 1, 3,
									new CountNight.Receipts(RECEIVED, RECEIVED.plusMinutes(20)), CountNight.CountStatus.ERRORS),
							new Constituency("E14000003", "Durham", Status.CLEAN, 0, 0, 4,
									new CountNight.Receipts(RECEIVED.plusHours(1), RECEIVED.plusMinutes(20)),
									CountNight.CountStatus.CLEAN))));
			consumer.accept(new Area("Tyne & Wear", "tyne-wear-reconciliation.xlsx", 0, 1, 4, 0, null,
					List.of(new Constituency("E14000004", "Gateshead \"Central\"", Status.WARNINGS, 0, 1, 2,
							new CountNight.Receipts(RECEIVED.plusSeconds(1), RECEIVED.plusSeconds(2)),
							CountNight.CountStatus.WARNINGS))));
		}
	}

	@Test
	void shouldWriteARowPerAreaAndPerConstituencyWithNumbersAsNumbers(@TempDir Path dir) throws Exception {
		Path index = new IndexWorkbookWriter().write(new Fixture(), dir);

		assertThat(index).isEqualTo(dir.resolve("reconciliation-index.xlsx"));
		try (XSSFWorkbook workbook = new XSSFWorkbook(index.toFile())) {
			assertThat(rows(workbook.getSheet("Areas"))).containsExactly(
					List.of("Area", "Workbook", "Constituencies", "Errors", "Warnings", "Info", "Explained", "Turnout %",
							"Seats waiting"),
					List.of("North East", "north-east-reconciliation.xlsx", 3.0, 2.0, 1.0, 0.0, 3.0, 61.25, 1.0),
					// no constituency with an electorate and ballot papers verified: no turnout, a blank cell
					List.of("Tyne & Wear", "tyne-wear-reconciliation.xlsx", 1.0, 0.0, 1.0, 4.0, 0.0, "(blank)", 0.0));
			assertThat(rows(workbook.getSheet("Constituencies"))).containsExactly(
					List.of("Area", "Code", "Constituency", "Status", "Errors", "Warnings", "Verification received",
							"Declaration received", "Count status"),
					// not received: a blank cell
					List.of("North East", "E14000001", "Alnwick", "missing", 1.0, 0.0, "(blank)", "2024-07-04 23:51:05",
							"waiting"),
					List.of("North East", "E14000002", "Blyth", "errors", 1.0, 1.0, "2024-07-04 23:31:05",
							"2024-07-04 23:51:05", "errors"),
					List.of("North East", "E14000003", "Durham", "clean", 0.0, 0.0, "2024-07-05 00:31:05",
							"2024-07-04 23:51:05", "clean"),
					List.of("Tyne & Wear", "E14000004", "Gateshead \"Central\"", "warnings", 0.0, 1.0,
							"2024-07-04 23:31:06", "2024-07-04 23:31:07", "warnings"));
			XSSFSheet areas = workbook.getSheet("Areas");
			assertThat(areas.getHyperlink(1, 1).getAddress()).isEqualTo("north-east-reconciliation.xlsx");
			assertThat(areas.getHyperlink(2, 1).getAddress()).isEqualTo("tyne-wear-reconciliation.xlsx");
			XSSFSheet constituencies = workbook.getSheet("Constituencies");
			assertThat(constituencies.getHyperlinkList()).extracting(l -> l.getCellRef() + " " + l.getAddress())
				.containsExactly("C2 north-east-reconciliation.xlsx#'Constituencies'!A2",
						"C3 north-east-reconciliation.xlsx#'Constituencies'!A3",
						"C4 north-east-reconciliation.xlsx#'Constituencies'!A4",
						"C5 tyne-wear-reconciliation.xlsx#'Constituencies'!A2");
		}
	}

	@Test
	void shouldLinkThroughOneRelationshipPerAreaWorkbook(@TempDir Path dir) throws Exception {
		Map<String, String> parts = parts(new IndexWorkbookWriter().write(new Fixture(), dir));

		String rels = parts.get("xl/worksheets/_rels/sheet2.xml.rels");
		Matcher relationship = Pattern.compile("<Relationship Id=\"(\\w+)\" Target=\"([^\"]+)\" TargetMode=\"External\""
				+ " Type=\"[^\"]+/hyperlink\"/>").matcher(rels);
		List<String> targets = new ArrayList<>();
		while (relationship.find()) {
			targets.add(relationship.group(1) + " " + relationship.group(2));
		}
		assertThat(targets).containsExactly("rId1 north-east-reconciliation.xlsx", "rId2 tyne-wear-reconciliation.xlsx");
		String namespace = " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"";
		assertThat(parts.get("xl/worksheets/sheet2.xml")).contains("<hyperlinks><hyperlink" + namespace
				+ " ref=\"C2\" r:id=\"rId1\" location=\"'Constituencies'!A2\"/><hyperlink" + namespace
				+ " ref=\"C3\" r:id=\"rId1\" location=\"'Constituencies'!A3\"/><hyperlink" + namespace
				+ " ref=\"C4\" r:id=\"rId1\" location=\"'Constituencies'!A4\"/><hyperlink" + namespace
				+ " ref=\"C5\" r:id=\"rId2\" location=\"'Constituencies'!A2\"/></hyperlinks>");
		assertThat(parts.values()).noneMatch(xml -> xml.contains("<f>") || xml.contains("streamed-links"));
	}

	@Test
	void shouldColourCountsFreezeFilterAndPrintBothSheets(@TempDir Path dir) throws Exception {
		Map<String, String> parts = parts(new IndexWorkbookWriter().write(new Fixture(), dir));

		// POI writes the footer's text escaped or as CDATA: compared as the text itself
		String footer = "<headerFooter><oddFooter>&CRun 42&LReconciliation index&R&A, page &P of &N</oddFooter></headerFooter>";
		for (String sheet : List.of("sheet1", "sheet2")) {
			String xml = parts.get("xl/worksheets/" + sheet + ".xml")
				.replaceAll("<!\\[CDATA\\[|]]>", "")
				.replace("&amp;", "&");
			assertThat(xml).as(sheet)
				.contains("<pane ySplit=\"1.0\" state=\"frozen\" topLeftCell=\"A2\" activePane=\"bottomLeft\"/>")
				.contains("<pageSetup paperSize=\"9\" orientation=\"landscape\"")
				.contains(footer);
		}
		assertThat(parts.get("xl/worksheets/sheet1.xml")).contains("<autoFilter ref=\"A1:I3\"/>")
			.contains("<conditionalFormatting sqref=\"D2:D3\">")
			.contains("<conditionalFormatting sqref=\"E2:E3\">");
		assertThat(parts.get("xl/worksheets/sheet2.xml")).contains("<autoFilter ref=\"A1:I5\"/>")
			.contains("<conditionalFormatting sqref=\"E2:E5\">")
			.contains("<conditionalFormatting sqref=\"F2:F5\">");
		assertThat(parts.get("xl/workbook.xml")).contains("<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">"
				+ "Areas!$1:$1</definedName>")
			.contains("<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"1\">Constituencies!$1:$1</definedName>")
			// every column prints, not an area workbook's Constituencies columns
			.contains("<definedName name=\"_xlnm.Print_Area\" localSheetId=\"0\">Areas!$A$1:$I$3</definedName>")
			.contains("<definedName name=\"_xlnm.Print_Area\" localSheetId=\"1\">Constituencies!$A$1:$I$5</definedName>");
		assertThat(parts.get("docProps/core.xml"))
			.contains("<dc:title>Reconciliation index: UK Parliamentary general election, 4 July 2024</dc:title>")
			.contains("<cp:keywords>run 42</cp:keywords>");
	}

	@Test
	void shouldWriteBothTablesEmptyForDataWithoutAreas(@TempDir Path dir) throws Exception {
		IndexData none = new Fixture() {
			@Override
			public void forEachArea(Consumer<Area> consumer) {
			}
		};
		try (XSSFWorkbook workbook = new XSSFWorkbook(new IndexWorkbookWriter().write(none, dir).toFile())) {
			assertThat(rows(workbook.getSheet("Areas"))).hasSize(1);
			assertThat(rows(workbook.getSheet("Constituencies"))).hasSize(1);
			assertThat(workbook.getSheet("Constituencies").getHyperlinkList()).isEmpty();
		}
	}

	@Test
	void shouldKeepThePreviousIndexAndNoTemporaryFileWhenWritingFails(@TempDir Path dir) throws Exception {
		Path previous = Files.writeString(dir.resolve(IndexWorkbookWriter.FILE_NAME), "the previous index");

		// a sheet of two rows below the header cannot hold four constituencies
		assertThatThrownBy(() -> new IndexWorkbookWriter(2).write(new Fixture(), dir))
			.isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("Sheet 'Constituencies' needs more than 2 data rows");

		assertThat(Files.readString(previous)).isEqualTo("the previous index");
		try (var files = Files.list(dir)) {
			assertThat(files.map(f -> f.getFileName().toString())).containsExactly(IndexWorkbookWriter.FILE_NAME);
		}
	}

	@Test
	void shouldRemoveALeftoverTemporaryIndexAndNoOtherFile(@TempDir Path dir) throws IOException {
		Path leftover = Files.write(dir.resolve(".reconciliation-index.xlsx.tmp-0123456789abcdef"), new byte[10]);
		Path notes = Files.writeString(dir.resolve(".reconciliation-index.xlsx.tmp-desk-notes"), "notes",
				StandardCharsets.UTF_8);
		Path shown = Files.writeString(dir.resolve("reconciliation-index.xlsx.tmp-0123456789abcdef"), "not hidden",
				StandardCharsets.UTF_8);

		assertThat(ReportWorkbookWriter.removeLeftoverTemporaryFiles(dir)).containsExactly(leftover);

		assertThat(notes).exists();
		assertThat(shown).exists();
	}

	@Test
	void shouldPutAMissingStatementOrDeclarationBeforeTheFindings() {
		assertThat(Status.of(false, true, 1, 0)).isEqualTo(Status.MISSING);
		assertThat(Status.of(true, false, 1, 3)).isEqualTo(Status.MISSING);
		assertThat(Status.of(false, false, 0, 1)).isEqualTo(Status.MISSING);
		assertThat(Status.of(true, true, 1, 2)).isEqualTo(Status.ERRORS);
		assertThat(Status.of(true, true, 0, 2)).isEqualTo(Status.WARNINGS);
		assertThat(Status.of(true, true, 0, 0)).isEqualTo(Status.CLEAN);
		assertThat(List.of(Status.values())).extracting(Status::label)
			.containsExactly("missing", "errors", "warnings", "clean");
	}

	@Test
	void shouldWaitForAStatementOrADeclarationNotReceivedWhateverTheFindings() {
		LocalDateTime at = RECEIVED;
		assertThat(CountNight.CountStatus.of(new CountNight.Receipts(null, at), 1, 0)).isEqualTo(CountNight.CountStatus.WAITING);
		assertThat(CountNight.CountStatus.of(new CountNight.Receipts(at, null), 0, 0)).isEqualTo(CountNight.CountStatus.WAITING);
		assertThat(CountNight.CountStatus.of(CountNight.Receipts.NONE, 0, 0)).isEqualTo(CountNight.CountStatus.WAITING);
		assertThat(CountNight.CountStatus.of(new CountNight.Receipts(at, at), 1, 2)).isEqualTo(CountNight.CountStatus.ERRORS);
		assertThat(CountNight.CountStatus.of(new CountNight.Receipts(at, at), 0, 2)).isEqualTo(CountNight.CountStatus.WARNINGS);
		assertThat(CountNight.CountStatus.of(new CountNight.Receipts(at, at), 0, 0)).isEqualTo(CountNight.CountStatus.CLEAN);
		assertThat(List.of(CountNight.CountStatus.values())).extracting(CountNight.CountStatus::label)
			.containsExactly("waiting", "errors", "warnings", "clean");
	}

	/** Each row's cells as wide as the header: text as text, numbers as doubles, a blank as "(blank)"; a formula fails. */
	private static List<List<Object>> rows(XSSFSheet sheet) {
		List<List<Object>> rows = new ArrayList<>();
		int width = sheet.getRow(0).getLastCellNum();
		sheet.forEach(row -> {
			List<Object> cells = new ArrayList<>();
			for (int c = 0; c < width; c++) {
				var cell = row.getCell(c);
				if (cell == null || cell.getCellType() == CellType.BLANK) {
					cells.add("(blank)");
				}
				else if (cell.getCellType() == CellType.NUMERIC) {
					cells.add(cell.getNumericCellValue());
				}
				else if (cell.getCellType() == CellType.STRING) {
					cells.add(cell.getStringCellValue());
				}
				else {
					throw new AssertionError(cell.getAddress() + " is a " + cell.getCellType());
				}
			}
			rows.add(cells);
		});
		return rows;
	}

	private static Map<String, String> parts(Path file) throws IOException {
		Map<String, String> parts = new java.util.LinkedHashMap<>();
		try (ZipFile zip = new ZipFile(file.toFile())) {
			for (ZipEntry entry : zip.stream().toList()) {
				parts.put(entry.getName(), new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8));
			}
		}
		return parts;
	}
}
