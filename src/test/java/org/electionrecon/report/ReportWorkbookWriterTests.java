package org.electionrecon.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.PaneInformation;
import org.apache.poi.xddf.usermodel.chart.BarDirection;
import org.apache.poi.xddf.usermodel.chart.BarGrouping;
import org.apache.poi.xddf.usermodel.chart.XDDFBarChartData;
import org.apache.poi.xddf.usermodel.chart.XDDFChartData;
import org.apache.poi.xssf.usermodel.XSSFChart;
import org.apache.poi.xssf.usermodel.XSSFDrawing;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.electionrecon.model.BallotBox;
import org.electionrecon.model.BoxType;
import org.electionrecon.model.CheckCode;
import org.electionrecon.model.ConstituencyFigures;
import org.electionrecon.model.FigureSources;
import org.electionrecon.model.Finding;
import org.electionrecon.model.RejectedRow;
import org.electionrecon.model.Severity;
import org.electionrecon.model.SourceFile;
import org.electionrecon.model.SourceRef;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.openxmlformats.schemas.drawingml.x2006.chart.CTNumData;
import org.openxmlformats.schemas.drawingml.x2006.chart.CTNumVal;
import org.openxmlformats.schemas.drawingml.x2006.chart.CTStrRef;

class ReportWorkbookWriterTests {

	private static final String AREA = "Staffordshire and Cheshire";

	private static final String REPORT = "staffordshire-and-cheshire-reconciliation.xlsx";

	private static final String STAFFORD_XLSX = "verification/stafford.xlsx";

	/** The cells of Stafford's verification sheet. */
	private static final String VERIFICATION = "'verification/[stafford.xlsx]Verification'!";

	/** The cells of the declarations file. */
	private static final String RESULTS = "'declarations/[results.csv]results'!";

	@TempDir
	Path dir;

	@Nested
	class LeftoverTemporaryFiles {

		@Test
		void shouldRemoveOnlyTheWritersOwnTemporaryFiles() throws IOException {
			Path leftover = Files.write(dir.resolve("." + REPORT + ".tmp-0123456789abcdef"), new byte[] { 1, 2 });
			Path other = Files.write(dir.resolve(".wales-reconciliation.xlsx.tmp-fedcba9876543210"), new byte[] { 3 });
			List<String> foreign = List.of(REPORT, "." + REPORT + ".tmp-0123", "." + REPORT + ".tmp-0123456789ABCDEF",
					"." + REPORT + ".tmp-0123456789abcdef.bak", REPORT + ".tmp-0123456789abcdef",
					".notes.xlsx.tmp-0123456789abcdef", "desk-notes.txt");
			for (String name : foreign) {
				Files.writeString(dir.resolve(name), "the desk's own " + name);
			}
			Path folder = Files.createDirectory(dir.resolve(".x-reconciliation.xlsx.tmp-0000000000000000"));

			List<Path> removed = ReportWorkbookWriter.removeLeftoverTemporaryFiles(dir);

			assertThat(removed).containsExactly(leftover, other);
			assertThat(Files.exists(leftover)).isFalse();
			assertThat(Files.exists(other)).isFalse();
			for (String name : foreign) {
				assertThat(Files.readString(dir.resolve(name))).isEqualTo("the desk's own " + name);
			}
			assertThat(Files.isDirectory(folder)).isTrue();
		}

		@Test
		void shouldRemoveNothingFromAFolderThatIsNotThere() throws IOException {
			assertThat(ReportWorkbookWriter.removeLeftoverTemporaryFiles(dir.resolve("missing"))).isEmpty();
		}
	}

	@Nested
	class FileNames {

		@ParameterizedTest
		@CsvSource(delimiter = '|', value = {
				"Staffordshire and Cheshire | staffordshire-and-cheshire-reconciliation.xlsx",
				"Yorkshire and The Humber   | yorkshire-and-the-humber-reconciliation.xlsx",
				"'  North   East  '         | north-east-reconciliation.xlsx",
				"Tyne & Wear                | tyne-wear-reconciliation.xlsx",
				"King's Lynn                | kings-lynn-reconciliation.xlsx",
				"Ynys Môn                   | ynys-mon-reconciliation.xlsx",
				"Île-de-France, Région      | ile-de-france-region-reconciliation.xlsx",
				"../../etc/passwd           | etc-passwd-reconciliation.xlsx" })
		void shouldNameTheFileAfterTheAreaInLowerCaseHyphenatedAsciiWords(String area, String expected) {
			assertThat(ReportWorkbookWriter.fileName(area)).isEqualTo(expected);
		}

		@ParameterizedTest
		@ValueSource(strings = { "", "   ", "--", "&" })
		void shouldRefuseAnAreaWithNoWords(String area) {
			assertThatIllegalArgumentException().isThrownBy(() -> ReportWorkbookWriter.fileName(area));
		}

		@Test
		void shouldWriteTheReportUnderThatNameInTheOutputFolder() throws IOException {
			Path written = new ReportWorkbookWriter().write(new Fixture(), dir.resolve("output"));

			assertThat(written).isEqualTo(dir.resolve("output").resolve(REPORT));
			assertThat(listing(dir.resolve("output"))).containsExactly(REPORT);
		}
	}

	@Nested
	class WrittenWorkbook {

		private XSSFWorkbook workbook;

		@BeforeEach
		void writeAndReadBack() throws IOException {
			Path written = new ReportWorkbookWriter().write(new Fixture(), dir);
			workbook = read(written);
		}

		@Test
		void shouldHaveTheSheetsOfReportMdInOrder() {
			List<String> names = new ArrayList<>();
			workbook.forEach(sheet -> names.add(sheet.getSheetName()));

			assertThat(names).containsExactly("Summary", "Constituencies", "Boxes", "Findings", "Checks",
					"Rejected rows", "Provenance");
		}

		@Test
		void shouldWriteTheExactHeaderTexts() {
			assertThat(values(workbook.getSheet("Constituencies").getRow(0))).containsExactly("Code", "Constituency",
					"Electorate", "Verified", "Valid votes", "Rejected", "Turnout %", "Notional 2019 turnout %",
					"Turnout change (pts)", "Winner", "Party", "Votes", "Share %", "Majority", "Result",
					"Notional 2019 winner", "Swing (pts)", "Errors", "Warnings", "Turnout basis",
					"Valid-vote turnout %", "Runner-up party", "Majority %", "Boxes", "Info", "Electorate source",
					"Verified source", "Declaration source", "Notional source");
			assertThat(values(workbook.getSheet("Boxes").getRow(0))).containsExactly("Code", "Constituency", "Box",
					"Station", "Type", "Issued", "Verified", "Difference", "Source");
			assertThat(values(workbook.getSheet("Findings").getRow(0))).containsExactly("Severity", "Check",
					"Status", "Code", "Constituency", "Box", "Expected", "Actual", "Difference", "Message", "Source",
					"Note");
			assertThat(values(workbook.getSheet("Rejected rows").getRow(0))).containsExactly("File", "Sheet", "Row",
					"Cell", "Value", "Reason");
			assertThat(values(workbook.getSheet("Provenance").getRow(0))).containsExactly("File", "Kind", "SHA-256",
					"Bytes", "Rows read", "Rows accepted", "Rows rejected", "Notes", "Scope", "Rows out of scope");
			for (String name : List.of("Constituencies", "Boxes", "Findings", "Rejected rows", "Provenance")) {
				Cell first = workbook.getSheet(name).getRow(0).getCell(0);
				assertThat(workbook.getFontAt(first.getCellStyle().getFontIndex()).getBold()).as(name).isTrue();
			}
		}

		@Test
		void shouldFreezeTheHeaderAndFilterEveryTableSheet() {
			Map<String, String> filters = Map.of("Constituencies", "A1:AC4", "Boxes", "A1:I6", "Findings", "A1:L7",
					"Rejected rows", "A1:F4", "Provenance", "A1:J4");
			filters.forEach((name, range) -> {
				XSSFSheet sheet = workbook.getSheet(name);
				PaneInformation pane = sheet.getPaneInformation();
				assertThat(pane).as(name).isNotNull();
				assertThat(pane.isFreezePane()).as(name).isTrue();
				assertThat(pane.getHorizontalSplitPosition()).as(name).isEqualTo((short) 1);
				assertThat(pane.getVerticalSplitPosition()).as(name).isEqualTo((short) 0);
				assertThat(sheet.getCTWorksheet().getAutoFilter().getRef()).as(name).isEqualTo(range);
			});
			assertThat(workbook.getSheet("Summary").getCTWorksheet().isSetAutoFilter()).isFalse();
		}

		@Test
		void shouldWriteOneConstituencyRowPerFigureWithNumbersAsNumericCells() {
			Sheet sheet = workbook.getSheet("Constituencies");

			assertThat(sheet.getLastRowNum()).isEqualTo(3);
			assertThat(values(sheet.getRow(2))).containsExactly("E14001513", "Stafford", 70608.0, 46169.0, 46009.0,
					160.0, 65.39, 72.7, -7.31, "Leigh Ingham", "Lab", 18531.0, 40.28, 4595.0, "Lab gain from Con",
					"Con", 14.62, 2.0, 2.0, "verified", 65.16, "Con", 9.99, 3.0, 0.0, RESULTS + "O7",
					VERIFICATION + "D8:D10", "valid votes: " + RESULTS + "P7; rejected: " + RESULTS + "Q7",
					"'notional/[notional.csv]notional'!I9");
			assertThat(values(sheet.getRow(3))).containsExactly("E14001528", "Stone, Great Wyrley and Penkridge",
					72104.0, 47356.0, 47180.0, 176.0, 65.68, 73.21, -7.53, "Gavin Williamson", "Con", 17123.0, 36.29,
					3443.0, "Con hold", "Con", 12.01, 0.0, 0.0, "verified", 65.43, "Lab", 7.3, 1.0, 0.0, null, null, null,
					null);
			Row stafford = sheet.getRow(2);
			assertThat(stafford.getCell(2).getCellStyle().getDataFormatString()).isEqualTo("#,##0");
			assertThat(stafford.getCell(6).getCellStyle().getDataFormatString()).isEqualTo("0.00");
			assertThat(stafford.getCell(8).getCellStyle().getDataFormatString()).isEqualTo("0.00");
		}

		@Test
		void shouldLeaveCellsBlankWhereThereIsNoBaselineNeverZero() {
			Row newcastle = workbook.getSheet("Constituencies").getRow(1);

			assertThat(values(newcastle)).containsExactly("E14001380", "Newcastle-under-Lyme", 68911.0, 42115.0,
					41955.0, 160.0, 61.12, null, null, "Adam Jogee", "Lab", 17272.0, 41.17, 6126.0, null, null, null,
					0.0, 0.0, "verified", 60.88, "Con", 14.6, 1.0, 1.0, null, null, null, null);
			for (int column : new int[] { 7, 8, 14, 15, 16 }) {
				Cell cell = newcastle.getCell(column, Row.MissingCellPolicy.CREATE_NULL_AS_BLANK);
				assertThat(cell.getCellType()).as("column %d", column).isEqualTo(CellType.BLANK);
			}
		}

		@Test
		void shouldListEveryBoxWithItsDifferenceAndSources() {
			Sheet sheet = workbook.getSheet("Boxes");

			assertThat(sheet.getLastRowNum()).isEqualTo(5);
			assertThat(values(sheet.getRow(1))).containsExactly("E14001380", "Newcastle-under-Lyme", "NU1",
					"Newcastle Guildhall", "Polling station", 2104.0, 2104.0, 0.0,
					"issued: 'verification/[newcastle.xlsx]Boxes'!D4; verified: 'verification/[newcastle.xlsx]Boxes'!E4");
			assertThat(values(sheet.getRow(2))).containsExactly("E14001513", "Stafford", "ST01",
					"Stafford Gatehouse Theatre", "Polling station", 1203.0, 1203.0, 0.0,
					"issued: " + VERIFICATION + "C8; verified: " + VERIFICATION + "D8");
			assertThat(values(sheet.getRow(3))).containsExactly("E14001513", "Stafford", "ST02",
					"Rowley Park Sports Centre", "Polling station", 980.0, 978.0, -2.0,
					"issued: 'bpa/[stafford-bpa.csv]stafford-bpa'!C3; verified: " + VERIFICATION + "D9");
			assertThat(values(sheet.getRow(4))).containsExactly("E14001513", "Stafford", "Postal 1",
					"Postal votes opening", "Postal", 5000.0, 5000.0, 0.0, VERIFICATION + "D10");
			assertThat(values(sheet.getRow(5))).containsExactly("E14001528", "Stone, Great Wyrley and Penkridge",
					"SG1", "Penkridge Village Hall", "Polling station", 1510.0, 1515.0, 5.0,
					"'verification/[stone.csv]stone'!E4");
			assertThat(sheet.getRow(3).getCell(7).getCellStyle().getDataFormatString()).isEqualTo("#,##0");
		}

		@Test
		void shouldListEveryFindingWithPlainNumbersAsNumericCells() {
			Sheet sheet = workbook.getSheet("Findings");

			assertThat(sheet.getLastRowNum()).isEqualTo(6);
			assertThat(values(sheet.getRow(1))).containsExactly("ERROR", "SOURCE_UNREADABLE", "OPEN", null, null,
					null, null, null, null, "The file could not be opened as a workbook", "verification/broken.xlsx",
					null);
			assertThat(values(sheet.getRow(2))).containsExactly("ERROR", "VERIFIED_TOTAL_MISMATCH", "OPEN",
					"E14001513", "Stafford", null, 46169.0, 46171.0, 2.0,
					"Stated total verified 46,171 differs from the sum of the boxes, 46,169",
					VERIFICATION + "D40", null);
			assertThat(values(sheet.getRow(3))).containsExactly("ERROR", "WINNER_MISMATCH", "OPEN", "E14001513",
					"Stafford", null, "Leigh Ingham", "Aaron Smith", null,
					"The declared winner is not the candidate with the most votes",
					RESULTS + "D7", null);
			assertThat(values(sheet.getRow(4))).containsExactly("WARNING", "BOX_VARIANCE", "OPEN", "E14001513",
					"Stafford", "ST02", 980.0, 978.0, -2.0, "Box ST02: 978 papers verified, 980 issued",
					"issued: 'bpa/[stafford-bpa.csv]stafford-bpa'!C3; verified: " + VERIFICATION + "D9", null);
			assertThat(values(sheet.getRow(5))).containsExactly("WARNING", "TURNOUT_STATED_MISMATCH", "EXPLAINED",
					"E14001513", "Stafford", null, 65.4, 65.5, 0.1, "Stated turnout 65.5% differs from 65.4%",
					RESULTS + "I7", "explanations/stafford.md: press release typo");
			assertThat(values(sheet.getRow(6))).containsExactly("INFO", "NO_BASELINE", "OPEN", "E14001380",
					"Newcastle-under-Lyme", null, null, null, null, "No notional 2019 figures", null, null);
			Row turnout = sheet.getRow(5);
			assertThat(turnout.getCell(6).getCellStyle().getDataFormatString()).isEqualTo("0.0");
			assertThat(sheet.getRow(2).getCell(6).getCellStyle().getDataFormatString()).isEqualTo("#,##0");
		}

		@Test
		void shouldWriteRejectedValuesAsTextEvenWhenTheyLookLikeFormulas() {
			Sheet sheet = workbook.getSheet("Rejected rows");

			assertThat(sheet.getLastRowNum()).isEqualTo(3);
			assertThat(values(sheet.getRow(1))).containsExactly(STAFFORD_XLSX, "Verification", 12.0, "C12",
					"=HYPERLINK(\"x\")", "Issued is not a number");
			assertThat(values(sheet.getRow(2))).containsExactly("declarations/results.csv", null, 7.0, "4",
					"+44 1785 619000", "Votes is not a number");
			assertThat(values(sheet.getRow(3))).containsExactly("verification/broken.xlsx", null, null, null, null,
					"Not a workbook");
			Cell hyperlink = sheet.getRow(1).getCell(4);
			assertThat(hyperlink.getCellType()).isEqualTo(CellType.STRING);
			assertThat(hyperlink.getStringCellValue()).isEqualTo("=HYPERLINK(\"x\")");
			assertThat(hyperlink.getCellStyle().getQuotePrefixed()).isTrue();
			assertThat(hyperlink.getHyperlink()).isNull();
			assertThat(sheet.getRow(1).getCell(0).getCellStyle().getQuotePrefixed()).isFalse();
		}

		@Test
		void shouldWriteNoFormulaAnywhere() {
			List<String> formulas = new ArrayList<>();
			for (Sheet sheet : workbook) {
				for (Row row : sheet) {
					for (Cell cell : row) {
						if (cell.getCellType() == CellType.FORMULA) {
							formulas.add(sheet.getSheetName() + "!" + cell.getAddress());
						}
					}
				}
			}
			assertThat(formulas).isEmpty();
		}

		@Test
		void shouldListTheInputFilesThenTheRunFacts() {
			Sheet sheet = workbook.getSheet("Provenance");

			assertThat(values(sheet.getRow(1))).containsExactly(STAFFORD_XLSX, "verification", SHA_STAFFORD,
					18432.0, 44.0, 42.0, 1.0, null, "this area", 1.0);
			assertThat(values(sheet.getRow(2))).containsExactly("declarations/results.csv", "declarations",
					SHA_RESULTS, 5120.0, 120.0, 119.0, 1.0, "UTF-8 with a byte order mark", "all areas", 0.0);
			assertThat(values(sheet.getRow(3))).containsExactly("verification/broken.xlsx", "verification",
					SHA_BROKEN, 733.0, 0.0, 0.0, 0.0, "Not a workbook", "all areas", 0.0);
			assertThat(sheet.getRow(4)).isNull();
			List<List<Object>> facts = new ArrayList<>();
			for (int r = 5; r <= sheet.getLastRowNum(); r++) {
				facts.add(values(sheet.getRow(r)).subList(0, 2));
			}
			assertThat(facts).containsExactly(List.of("Run", 42.0), List.of("Start", "2024-07-05 07:00:00"),
					List.of("End", "2024-07-05 07:00:12"), List.of("Input folder", "/data/2024/input"),
					List.of("Output folder", "output"), List.of("Rerun requested at", "2024-07-05 06:59:00"),
					List.of("election", "2024-07-04"), List.of("recon.checks.box-variance-error-at", 5.0),
					List.of("recon.checks.rejected-rate-max-percent", 1.5), List.of("recon.parties", "none"),
					List.of("Application version", "0.1.0-SNAPSHOT"));
			// the run number is an identifier (no thousands separator), the thresholds numbers, the rest text
			assertThat(sheet.getRow(5).getCell(1).getCellStyle().getDataFormatString()).isEqualTo("General");
			assertThat(sheet.getRow(6).getCell(1).getCellType()).isEqualTo(CellType.STRING);
			assertThat(sheet.getRow(12).getCell(1).getCellType()).isEqualTo(CellType.NUMERIC);
		}

		@Test
		void shouldSummariseTheAreaWithSeatsGainsTotalsAndFindings() {
			Sheet summary = workbook.getSheet("Summary");

			assertThat(values(summary.getRow(0)).subList(0, 2)).containsExactly("Area", AREA);
			assertThat(values(summary.getRow(1)).subList(0, 2)).containsExactly("Election",
					"UK Parliamentary general election, 4 July 2024");
			assertThat(values(summary.getRow(2)).subList(0, 2)).containsExactly("Run", 42.0);
			assertThat(values(summary.getRow(3)).subList(0, 2)).containsExactly("Start", "2024-07-05 07:00:00");
			assertThat(values(summary.getRow(4)).subList(0, 2)).containsExactly("End", "2024-07-05 07:00:12");
			assertThat(section(summary, "Seats by party")).containsExactly(List.of("Lab", 2.0), List.of("Con", 1.0));
			assertThat(section(summary, "Gains by party")).containsExactly(List.of("Lab", 1.0));
			// Turnout = 135,640 / 211,623; the change is like for like over Stafford and Stone (the seats
			// with a baseline): 93,525 / 142,712 = 65.534% against 72.70 and 73.21 weighted by electorate.
			assertThat(section(summary, "Totals")).containsExactly(List.of("Constituencies", 3.0),
					List.of("Constituencies in the totals", 3.0), List.of("Electorate", 211623.0),
					List.of("Verified", 135640.0), List.of("Turnout %", 64.1),
					List.of("Constituencies with a notional 2019 turnout", 2.0),
					List.of("Turnout change (pts)", -7.42));
			assertThat(values(summary.getRow(rowOf(summary, "Turnout %"))).get(2))
				.isEqualTo("ballot papers verified / electorate × 100, over the 3 constituencies in the totals");
			// one finding with no constituency (the unreadable file); the turnout WARNING is explained
			assertThat(section(summary, "Findings by severity", 6)).containsExactly(
					List.of("ERROR", 3.0, 0.0, 3.0, 2.0, 1.0), List.of("WARNING", 1.0, 1.0, 2.0, 1.0, 0.0),
					List.of("INFO", 1.0, 0.0, 1.0, 1.0, 0.0), List.of("All", 5.0, 1.0, 6.0, 4.0, 1.0));
			// in catalogue order, only the checks with findings
			assertThat(section(summary, "Findings by check", 4)).containsExactly(
					List.of("BOX_VARIANCE", 1.0, 0.0, 1.0), List.of("VERIFIED_TOTAL_MISMATCH", 1.0, 0.0, 1.0),
					List.of("TURNOUT_STATED_MISMATCH", 0.0, 1.0, 1.0), List.of("WINNER_MISMATCH", 1.0, 0.0, 1.0),
					List.of("NO_BASELINE", 1.0, 0.0, 1.0), List.of("SOURCE_UNREADABLE", 1.0, 0.0, 1.0));
			assertThat(section(summary, "Inputs")).containsExactly(List.of("Rejected rows", 3.0),
					List.of("Files read", 3.0), List.of("Files unreadable", 1.0), List.of("Files ignored", 0.0));
		}

		/**
		 * Count night, after Inputs and before the charts' pages: Stone has no statement received, so it
		 * waits (its declaration's time shown); Stafford has open errors; Newcastle only an INFO, so clean.
		 */
		@Test
		void shouldShowCountNightOnTheSummaryBeforeTheCharts() {
			XSSFSheet summary = workbook.getSheet("Summary");
			assertThat(values(summary.getRow(rowOf(summary, "Count night"))).subList(0, 3))
				.containsExactly("Count night", "Seats", null);
			assertThat(section(summary, "Count night", 3)).containsExactly(
					List.of("Seats waiting", 1.0, "no verification statement or no declaration received yet"));
			int header = rowOf(summary, "Constituency", "Verification received");
			assertThat(header).isEqualTo(rowOf(summary, "Count night") + 3);
			assertThat(values(summary.getRow(header))).containsExactly("Constituency", "Verification received",
					"Declaration received", "Count status");
			assertThat(section(summary, header, 4)).containsExactly(
					List.of("Newcastle-under-Lyme", "2024-07-05 02:41:07", "2024-07-05 03:05:00", "clean"),
					List.of("Stafford", "2024-07-05 01:12:09", "2024-07-05 01:58:30", "errors"),
					Arrays.asList("Stone, Great Wyrley and Penkridge", null, "2024-07-05 04:20:00", "waiting"));
			// the table ends before the first chart's page
			assertThat(summary.getRowBreaks()[0]).isEqualTo(header + 3);
		}

		@Test
		void shouldChartTurnoutAgainstNotionalTurnoutOnTheSummary() {
			XSSFSheet summary = workbook.getSheet("Summary");
			// the turnout table's header (Count night's table starts with Constituency too)
			int header = rowOf(summary, "Constituency", SummarySheet.TURNOUT_SERIES);
			assertThat(values(summary.getRow(header)).subList(0, 3)).containsExactly("Constituency",
					"Turnout 2024 %", "Notional 2019 turnout %");
			List<List<Object>> table = new ArrayList<>();
			for (int r = header + 1; summary.getRow(r) != null; r++) {
				table.add(Arrays.asList(values(summary.getRow(r)).subList(0, 3).toArray()));
			}
			assertThat(table).containsExactly(Arrays.asList("Newcastle-under-Lyme", 61.12, null),
					List.of("Stafford", 65.39, 72.7), List.of("Stone, Great Wyrley and Penkridge", 65.68, 73.21));

			XSSFDrawing drawing = summary.getDrawingPatriarch();
			assertThat(drawing).isNotNull();
			List<XSSFChart> charts = drawing.getCharts();
			assertThat(charts).hasSize(2);
			XSSFChart chart = charts.get(0);
			assertThat(chart.getTitleText().getString()).isEqualTo("Turnout 2024 against notional 2019");
			assertThat(chart.getChartSeries()).hasSize(1);
			XDDFBarChartData bars = (XDDFBarChartData) chart.getChartSeries().get(0);
			assertThat(bars.getBarDirection()).isEqualTo(BarDirection.COL);
			assertThat(bars.getBarGrouping()).isEqualTo(BarGrouping.CLUSTERED);
			assertThat(bars.getSeriesCount()).isEqualTo(2);
			int first = header + 2;
			int last = header + 4;
			XDDFChartData.Series turnout = bars.getSeries(0);
			assertThat(turnout.getCategoryData().getDataRangeReference())
				.isEqualTo("Summary!$A$" + first + ":$A$" + last);
			assertThat(turnout.getValuesData().getDataRangeReference())
				.isEqualTo("Summary!$B$" + first + ":$B$" + last);
			assertThat(turnout.getCategoryData().getPointCount()).isEqualTo(3);
			assertThat(turnout.getCategoryData().getPointAt(1)).isEqualTo("Stafford");
			assertThat(turnout.getValuesData().getPointAt(1).doubleValue()).isEqualTo(65.39);
			XDDFChartData.Series notional = bars.getSeries(1);
			assertThat(notional.getValuesData().getDataRangeReference())
				.isEqualTo("Summary!$C$" + first + ":$C$" + last);
			// Newcastle has no baseline: its point is left out of the cache (a gap, not a zero bar).
			CTNumData cache = ((XDDFBarChartData.Series) notional).getCTBarSer().getVal().getNumRef().getNumCache();
			assertThat(cache.getPtCount().getVal()).isEqualTo(3);
			assertThat(cache.getPtList()).extracting(CTNumVal::getIdx, CTNumVal::getV)
				.containsExactly(tuple(1L, "72.7"), tuple(2L, "73.21"));
			CTStrRef title = ((XDDFBarChartData.Series) turnout).getCTBarSer().getTx().getStrRef();
			assertThat(title.getF()).isEqualTo("Summary!$B$" + (header + 1));
			assertThat(title.getStrCache().getPtArray(0).getV()).isEqualTo("Turnout 2024 %");
		}

		@Test
		void shouldChartTheTurnoutChangeWithTheMedianOnlyWhenTheRunRecordedNoThreshold() {
			XSSFSheet summary = workbook.getSheet("Summary");
			int header = rowOf(summary, "Constituency, by turnout change");
			assertThat(values(summary.getRow(header - 2)))
				.containsExactly("Area median turnout change (pts)", -7.42, "over the 2 constituencies with a turnout "
						+ "change against notional 2019, as TURNOUT_CHANGE_OUTLIER takes it");
			assertThat(values(summary.getRow(header - 1))).containsExactly("Band (± pts from the median)", null,
					"the run recorded no recon.checks.turnout-change-max-points: no band is drawn");
			List<List<Object>> table = new ArrayList<>();
			for (int r = header + 1; summary.getRow(r) != null; r++) {
				table.add(Arrays.asList(values(summary.getRow(r)).toArray()));
			}
			// Newcastle has no notional turnout, so no change: it is not in the table
			assertThat(table).containsExactly(Arrays.asList("Stone, Great Wyrley and Penkridge", -7.53, null, -7.42),
					Arrays.asList("Stafford", -7.31, null, -7.42));

			XSSFChart chart = summary.getDrawingPatriarch().getCharts().get(1);
			assertThat(chart.getTitleText().getString())
				.isEqualTo("Turnout change against notional 2019, sorted: the area median (-7.42 pts)");
			assertThat(chart.getChartSeries()).hasSize(2);
			XDDFBarChartData bars = (XDDFBarChartData) chart.getChartSeries().get(0);
			assertThat(bars.getSeriesCount()).isEqualTo(1);
			assertThat(bars.getSeries(0).getValuesData().getDataRangeReference())
				.isEqualTo("Summary!$B$" + (header + 2) + ":$B$" + (header + 3));
			XDDFChartData median = chart.getChartSeries().get(1);
			assertThat(median.getSeriesCount()).isEqualTo(1);
			assertThat(median.getSeries(0).getValuesData().getDataRangeReference())
				.isEqualTo("Summary!$D$" + (header + 2) + ":$D$" + (header + 3));
			assertThat(median.getSeries(0).getValuesData().getPointAt(1).doubleValue()).isEqualTo(-7.42);
		}
	}

	@Nested
	class Atomicity {

		@Test
		void shouldLeaveThePreviousReportUntouchedWhenTheDataFailsMidWrite() throws IOException {
			Path report = new ReportWorkbookWriter().write(new Fixture(), dir);
			byte[] previous = Files.readAllBytes(report);
			Fixture failing = new Fixture();
			failing.failAfterBoxes = 2;

			assertThatThrownBy(() -> new ReportWorkbookWriter().write(failing, dir))
				.isInstanceOf(UncheckedIOException.class)
				.hasMessage("staging table went away");
			assertThat(Files.readAllBytes(report)).isEqualTo(previous);
			assertThat(listing(dir)).containsExactly(REPORT);
		}

		@Test
		void shouldLeaveNoFileWhenTheFirstWriteFails() throws IOException {
			Fixture failing = new Fixture();
			failing.failAfterBoxes = 0;

			assertThatThrownBy(() -> new ReportWorkbookWriter().write(failing, dir))
				.isInstanceOf(UncheckedIOException.class);
			assertThat(listing(dir)).isEmpty();
		}

		@Test
		void shouldReplaceThePreviousReportWhenTheNewOneIsComplete() throws IOException {
			new ReportWorkbookWriter().write(new Fixture(), dir);
			Fixture rerun = new Fixture();
			rerun.election = "Rerun";

			Path report = new ReportWorkbookWriter().write(rerun, dir);

			assertThat(listing(dir)).containsExactly(REPORT);
			try (XSSFWorkbook workbook = read(report)) {
				assertThat(workbook.getSheet("Summary").getRow(1).getCell(1).getStringCellValue()).isEqualTo("Rerun");
			}
		}
	}

	@Nested
	class Volume {

		@Test
		void shouldWriteEveryRowWellPastTheStreamingWindow() throws IOException {
			Fixture big = new Fixture();
			big.boxes = manyBoxes(5_000);

			Path report = new ReportWorkbookWriter().write(big, dir);

			try (XSSFWorkbook workbook = read(report)) {
				XSSFSheet boxes = workbook.getSheet("Boxes");
				assertThat(boxes.getLastRowNum()).isEqualTo(5_000);
				assertThat(values(boxes.getRow(5_000)).subList(2, 8)).containsExactly("B5000", "Station 5000",
						"Polling station", 5000.0, 5001.0, 1.0);
				assertThat(boxes.getCTWorksheet().getAutoFilter().getRef()).isEqualTo("A1:I5001");
			}
		}

		@Test
		void shouldWriteASheetThatExactlyFillsTheRowLimit() throws IOException {
			Fixture full = new Fixture();
			// a limit above the Summary's own rows (about 140 for the fixture, 80 of them under its two
			// charts), reached by the Boxes
			full.boxes = manyBoxes(200);

			Path report = new ReportWorkbookWriter(200).write(full, dir);

			try (XSSFWorkbook workbook = read(report)) {
				assertThat(workbook.getSheet("Boxes").getLastRowNum()).isEqualTo(200);
			}
		}

		@Test
		void shouldRefuseToDropRowsPastTheRowLimit() throws IOException {
			Fixture over = new Fixture();
			over.boxes = manyBoxes(61);

			assertThatThrownBy(() -> new ReportWorkbookWriter(60).write(over, dir))
				.isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("Sheet 'Boxes' needs more than 60 data rows");
			assertThat(listing(dir)).isEmpty();
		}

		private List<AreaReportData.BoxLine> manyBoxes(int count) {
			List<AreaReportData.BoxLine> lines = new ArrayList<>();
			for (int i = 1; i <= count; i++) {
				String source = SourceRef.cell("verification/big.xlsx", "Boxes", i + 1, 3).toString();
				lines.add(new AreaReportData.BoxLine("Stafford", new BallotBox("E14001513", "B" + i, "Station " + i,
						BoxType.POLLING_STATION, i, i + 1, source, source)));
			}
			return lines;
		}
	}

	// ---- fixture ---------------------------------------------------------------------------

	private static final String SHA_STAFFORD = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

	private static final String SHA_RESULTS = "60303ae22b998861bce3b28f33eec1be758a213c86c93c076dbe9f558c11c752";

	private static final String SHA_BROKEN = "fd61a03af4f77d870fc21e05e7e80678095c92d808cfb3b5c279ee04c74aca13";

	private static BigDecimal bd(String value) {
		return new BigDecimal(value);
	}

	/** Three Staffordshire seats: a gain, a hold, and one with no notional 2019 baseline. */
	static final class Fixture implements AreaReportData {

		String election = "UK Parliamentary general election, 4 July 2024";

		List<BoxLine> boxes = new ArrayList<>(List.of(
				new BoxLine("Newcastle-under-Lyme",
						new BallotBox("E14001380", "NU1", "Newcastle Guildhall", BoxType.POLLING_STATION, 2104, 2104,
								SourceRef.cell("verification/newcastle.xlsx", "Boxes", 4, 3).toString(),
								SourceRef.cell("verification/newcastle.xlsx", "Boxes", 4, 4).toString())),
				new BoxLine("Stafford",
						new BallotBox("E14001513", "ST01", "Stafford Gatehouse Theatre", BoxType.POLLING_STATION,
								1203, 1203, SourceRef.cell(STAFFORD_XLSX, "Verification", 8, 2).toString(),
								SourceRef.cell(STAFFORD_XLSX, "Verification", 8, 3).toString())),
				new BoxLine("Stafford",
						new BallotBox("E14001513", "ST02", "Rowley Park Sports Centre", BoxType.POLLING_STATION, 980,
								978, SourceRef.csv("bpa/stafford-bpa.csv", 3, 2).toString(),
								SourceRef.cell(STAFFORD_XLSX, "Verification", 9, 3).toString())),
				new BoxLine("Stafford",
						new BallotBox("E14001513", "Postal 1", "Postal votes opening", BoxType.POSTAL, 5000, 5000,
								SourceRef.cell(STAFFORD_XLSX, "Verification", 10, 3).toString(),
								SourceRef.cell(STAFFORD_XLSX, "Verification", 10, 3).toString())),
				new BoxLine("Stone, Great Wyrley and Penkridge",
						new BallotBox("E14001528", "SG1", "Penkridge Village Hall", BoxType.POLLING_STATION, 1510,
								1515, SourceRef.csv("verification/stone.csv", 4, 4).toString(), null))));

		/** Newcastle-under-Lyme and Stafford received both files; Stone only its declaration, so it waits. */
		Map<String, CountNight.Receipts> receipts = new HashMap<>(Map.of(
				"E14001380", new CountNight.Receipts(LocalDateTime.of(2024, 7, 5, 2, 41, 7), LocalDateTime.of(2024, 7, 5, 3, 5, 0)),
				"E14001513", new CountNight.Receipts(LocalDateTime.of(2024, 7, 5, 1, 12, 9), LocalDateTime.of(2024, 7, 5, 1, 58, 30)),
				"E14001528", new CountNight.Receipts(null, LocalDateTime.of(2024, 7, 5, 4, 20, 0))));

		@Override
		public Map<String, CountNight.Receipts> receipts() {
			return receipts;
		}

		/** Throw after this many boxes, as a data source that fails mid-write; -1 never. */
		int failAfterBoxes = -1;

		/** The input folder the Source cells link into; {@code null}: the run facts' (which does not exist). */
		Path inputFolder;

		@Override
		public Path inputFolder() {
			return inputFolder == null ? AreaReportData.super.inputFolder() : inputFolder;
		}

		@Override
		public String area() {
			return AREA;
		}

		@Override
		public String election() {
			return election;
		}

		@Override
		public List<ConstituencyFigures> constituencies() {
			return List.of(
					new ConstituencyFigures("E14001380", "Newcastle-under-Lyme", AREA, 68911L, 42115L, 41955L, 160L,
							bd("61.12"), "verified", bd("60.88"), null, null, "Adam Jogee", "Lab", 17272L,
							bd("41.17"), "Con", 6126L, bd("14.60"), null, null, null, 1, 0, 0, 1),
					new ConstituencyFigures("E14001513", "Stafford", AREA, 70608L, 46169L, 46009L, 160L, bd("65.39"),
							"verified", bd("65.16"), bd("72.70"), bd("-7.31"), "Leigh Ingham", "Lab", 18531L,
							bd("40.28"), "Con", 4595L, bd("9.99"), "Lab gain from Con", "Con", bd("14.62"), 3, 2, 2,
							0, new FigureSources(RESULTS + "O7", VERIFICATION + "D8:D10",
									"valid votes: " + RESULTS + "P7; rejected: " + RESULTS + "Q7",
									"'notional/[notional.csv]notional'!I9", null)),
					new ConstituencyFigures("E14001528", "Stone, Great Wyrley and Penkridge", AREA, 72104L, 47356L,
							47180L, 176L, bd("65.68"), "verified", bd("65.43"), bd("73.21"), bd("-7.53"),
							"Gavin Williamson", "Con", 17123L, bd("36.29"), "Lab", 3443L, bd("7.30"), "Con hold", "Con",
							bd("12.01"), 1, 0, 0, 0));
		}

		@Override
		public void forEachBox(Consumer<BoxLine> consumer) {
			int given = 0;
			for (BoxLine line : boxes) {
				if (given == failAfterBoxes) {
					throw new UncheckedIOException("staging table went away", new IOException("connection reset"));
				}
				consumer.accept(line);
				given++;
			}
		}

		@Override
		public void forEachFinding(Consumer<Finding> consumer) {
			Stream.of(
					Finding.open(Severity.ERROR, CheckCode.SOURCE_UNREADABLE, null, null, null, null, null, null,
							"The file could not be opened as a workbook", "verification/broken.xlsx"),
					Finding.open(Severity.ERROR, CheckCode.VERIFIED_TOTAL_MISMATCH, "E14001513", "Stafford", null,
							"46169", "46171", bd("2"),
							"Stated total verified 46,171 differs from the sum of the boxes, 46,169",
							VERIFICATION + "D40"),
					Finding.open(Severity.ERROR, CheckCode.WINNER_MISMATCH, "E14001513", "Stafford", null,
							"Leigh Ingham", "Aaron Smith", null,
							"The declared winner is not the candidate with the most votes",
							RESULTS + "D7"),
					Finding.open(Severity.WARNING, CheckCode.BOX_VARIANCE, "E14001513", "Stafford", "ST02", "980",
							"978", bd("-2"), "Box ST02: 978 papers verified, 980 issued",
							"issued: 'bpa/[stafford-bpa.csv]stafford-bpa'!C3; verified: " + VERIFICATION + "D9"),
					Finding
						.open(Severity.WARNING, CheckCode.TURNOUT_STATED_MISMATCH, "E14001513", "Stafford", null,
								"65.4", "65.5", bd("0.1"), "Stated turnout 65.5% differs from 65.4%",
								RESULTS + "I7")
						.explained("explanations/stafford.md: press release typo"),
					Finding.open(Severity.INFO, CheckCode.NO_BASELINE, "E14001380", "Newcastle-under-Lyme", null, null,
							null, null, "No notional 2019 figures", null))
				.forEach(consumer);
		}

		@Override
		public void forEachRejectedRow(Consumer<RejectedRow> consumer) {
			consumer.accept(new RejectedRow(STAFFORD_XLSX, "Verification", 12, "C12", "=HYPERLINK(\"x\")",
					"Issued is not a number"));
			consumer.accept(RejectedRow.at(SourceRef.csv("declarations/results.csv", 7, 3), "+44 1785 619000",
					"Votes is not a number"));
			consumer.accept(RejectedRow.at(SourceRef.file("verification/broken.xlsx"), "", "Not a workbook"));
		}

		@Override
		public List<SourceFile> sourceFiles() {
			return List.of(new SourceFile(STAFFORD_XLSX, "verification", SHA_STAFFORD, 18432, 44, 42, 1, 1, null),
					new SourceFile("declarations/results.csv", "declarations", SHA_RESULTS, 5120, 120, 119, 1, 0,
							"UTF-8 with a byte order mark"),
					new SourceFile("verification/broken.xlsx", "verification", SHA_BROKEN, 733, 0, 0, 0, 0,
							"Not a workbook"));
		}

		@Override
		public FileScope scopeOf(SourceFile file) {
			return file.file().equals(STAFFORD_XLSX) ? FileScope.THIS_AREA : FileScope.ALL_AREAS;
		}

		@Override
		public RunFacts runFacts() {
			Map<String, String> identity = new LinkedHashMap<>();
			identity.put("Input folder", "/data/2024/input");
			identity.put("Output folder", "output");
			identity.put("Rerun requested at", "2024-07-05 06:59:00");
			Map<String, String> settings = new LinkedHashMap<>();
			settings.put("election", "2024-07-04");
			settings.put("recon.checks.box-variance-error-at", "5");
			settings.put("recon.checks.rejected-rate-max-percent", "1.5");
			settings.put("recon.parties", "");
			return new RunFacts(42L, LocalDateTime.parse("2024-07-05T07:00:00"),
					LocalDateTime.parse("2024-07-05T07:00:12.345"), null, identity, settings, "0.1.0-SNAPSHOT");
		}
	}

	// ---- reading back ----------------------------------------------------------------------

	private static XSSFWorkbook read(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file)) {
			return new XSSFWorkbook(in);
		}
	}

	private static List<String> listing(Path folder) throws IOException {
		try (Stream<Path> files = Files.list(folder)) {
			return files.map(p -> p.getFileName().toString()).sorted().toList();
		}
	}

	/**
	 * A row's cells as Java values: String for a string cell, Double for a numeric one, null for a
	 * blank or missing one (padded to the header's width, or three columns on Summary); any other
	 * cell type fails the test.
	 */
	private static List<Object> values(Row row) {
		Sheet sheet = row.getSheet();
		int width = sheet.getSheetName().equals("Summary") ? 3 : sheet.getRow(0).getLastCellNum();
		List<Object> values = new ArrayList<>();
		for (int c = 0; c < Math.max(width, row.getLastCellNum()); c++) {
			Cell cell = row.getCell(c);
			if (cell == null || cell.getCellType() == CellType.BLANK) {
				values.add(null);
				continue;
			}
			values.add(switch (cell.getCellType()) {
				case STRING -> cell.getStringCellValue();
				case NUMERIC -> cell.getNumericCellValue();
				default -> throw new AssertionError(cell.getAddress() + " is a " + cell.getCellType() + " cell");
			});
		}
		return values;
	}

	/** The first row labelled {@code label} whose column B holds {@code second}. */
	private static int rowOf(Sheet sheet, String label, String second) {
		for (Row row : sheet) {
			if (label.equals(textOf(row.getCell(0))) && second.equals(textOf(row.getCell(1)))) {
				return row.getRowNum();
			}
		}
		throw new AssertionError("No row labelled " + label + ", " + second + " on " + sheet.getSheetName());
	}

	private static String textOf(Cell cell) {
		return cell != null && cell.getCellType() == CellType.STRING ? cell.getStringCellValue() : null;
	}

	private static int rowOf(Sheet sheet, String label) {
		for (Row row : sheet) {
			Cell cell = row.getCell(0);
			if (cell != null && cell.getCellType() == CellType.STRING && cell.getStringCellValue().equals(label)) {
				return row.getRowNum();
			}
		}
		throw new AssertionError("No row labelled " + label + " on " + sheet.getSheetName());
	}

	/** The label/value rows under a Summary section heading, up to the next blank row. */
	private static List<List<Object>> section(Sheet summary, String heading) {
		return section(summary, heading, 2);
	}

	/** The rows under a Summary section heading, {@code width} cells each, up to the next blank row. */
	private static List<List<Object>> section(Sheet summary, String heading, int width) {
		return section(summary, rowOf(summary, heading), width);
	}

	/** The rows under a header row, {@code width} cells each, up to the next blank row. */
	private static List<List<Object>> section(Sheet summary, int header, int width) {
		List<List<Object>> rows = new ArrayList<>();
		for (int r = header + 1; summary.getRow(r) != null; r++) {
			List<Object> values = new ArrayList<>(values(summary.getRow(r)));
			while (values.size() < width) {
				values.add(null);
			}
			rows.add(values.subList(0, width));
		}
		return rows;
	}
}
