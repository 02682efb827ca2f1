package org.electionrecon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.electionrecon.report.IndexWorkbookWriter;
import org.electionrecon.run.ExitCodes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: the run's reconciliation-index.xlsx on the committed sample (one area), cell by cell,
 * and against the area workbook beside it.
 */
class IndexWorkbookTests {

	private static final String AREA = "Staffordshire and Cheshire";

	private static final String WORKBOOK = "staffordshire-and-cheshire-reconciliation.xlsx";

	@TempDir
	static Path output;

	private static int exitCode;

	/** A time as the workbooks show it: when this job database first staged the file. */
	private static final String RECEIVED_TIME = "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}";

	@BeforeAll
	static void runTheJobOnTheSample() {
		exitCode = ElectionReconApplication.run(new String[] { "--input=input", "--output=" + output });
	}

	@Test
	void shouldListTheAreaWithItsSummaryCounts() throws Exception {
		assertThat(exitCode).isEqualTo(ExitCodes.ERRORS);
		try (ReportWorkbookReader index = new ReportWorkbookReader(output.resolve(IndexWorkbookWriter.FILE_NAME))) {
			assertThat(index.sheetNames()).containsExactly("Areas", "Constituencies");
			assertThat(index.headers("Areas")).containsExactly("Area", "Workbook", "Constituencies", "Errors", "Warnings",
					"Info", "Explained", "Turnout %", "Seats waiting");
			// the Summary's: 3 open errors, 4 open warnings, 6 open INFO, the Stafford box variance explained
			assertThat(index.rows("Areas")).containsExactly(Map.of("Area", AREA, "Workbook", WORKBOOK,
					"Constituencies", 14.0, "Errors", 3.0, "Warnings", 4.0, "Info", 6.0, "Explained", 1.0,
					"Turnout %", 59.63, "Seats waiting", 0.0));
			XSSFSheet areas = (XSSFSheet) index.sheet("Areas");
			assertThat(areas.getHyperlink(1, 1).getAddress()).isEqualTo(WORKBOOK);
			assertThat(areas.getHyperlinkList()).hasSize(1);
		}
	}

	@Test
	void shouldListEveryConstituencyInTheWorkbooksOrderWithItsStatus() throws Exception {
		try (ReportWorkbookReader index = new ReportWorkbookReader(output.resolve(IndexWorkbookWriter.FILE_NAME))) {
			assertThat(index.headers("Constituencies")).containsExactly("Area", "Code", "Constituency", "Status",
					"Errors", "Warnings", "Verification received", "Declaration received", "Count status");
			List<List<Object>> rows = new ArrayList<>();
			for (Map<String, Object> row : index.rows("Constituencies")) {
				assertThat(row.get("Area")).isEqualTo(AREA);
				rows.add(List.of(row.get("Code"), row.get("Constituency"), row.get("Status"), row.get("Errors"),
						row.get("Warnings")));
			}
			assertThat(rows).containsExactly(
					List.of("E14001143", "Burton and Uttoxeter", "clean", 0.0, 0.0),
					List.of("E14001150", "Cannock Chase", "errors", 2.0, 1.0),
					List.of("E14001178", "Congleton", "warnings", 0.0, 1.0),
					List.of("E14001185", "Crewe and Nantwich", "clean", 0.0, 0.0),
					List.of("E14001316", "Kingswinford and South Staffordshire", "clean", 0.0, 0.0),
					List.of("E14001335", "Lichfield", "clean", 0.0, 0.0),
					List.of("E14001380", "Newcastle-under-Lyme", "warnings", 0.0, 1.0),
					List.of("E14001513", "Stafford", "clean", 0.0, 0.0),
					List.of("E14001514", "Staffordshire Moorlands", "clean", 0.0, 0.0),
					List.of("E14001520", "Stoke-on-Trent Central", "errors", 1.0, 0.0),
					List.of("E14001521", "Stoke-on-Trent North", "clean", 0.0, 0.0),
					List.of("E14001522", "Stoke-on-Trent South", "clean", 0.0, 0.0),
					List.of("E14001523", "Stone, Great Wyrley and Penkridge", "warnings", 0.0, 1.0),
					List.of("E14001538", "Tamworth", "clean", 0.0, 0.0));
			// every seat has both files received (this run staged them: a time of the run) and no seat
			// waits, so its count status is its status
			for (Map<String, Object> row : index.rows("Constituencies")) {
				assertThat(row.get("Count status")).isEqualTo(row.get("Status"));
				assertThat((String) row.get("Verification received")).matches(RECEIVED_TIME);
				assertThat((String) row.get("Declaration received")).matches(RECEIVED_TIME);
			}
			// each Constituency cell links to the row of the area workbook: the file, then the cell
			XSSFSheet constituencies = (XSSFSheet) index.sheet("Constituencies");
			assertThat(constituencies.getHyperlinkList()).hasSize(14);
			for (int row = 1; row <= 14; row++) {
				// POI reads the relationship's target and the location as one address
				assertThat(constituencies.getHyperlink(row, 2).getAddress())
					.isEqualTo(WORKBOOK + "#'Constituencies'!A" + (row + 1));
				assertThat(constituencies.getHyperlink(row, 2).getLocation()).isEqualTo("'Constituencies'!A" + (row + 1));
			}
			// one relationship to the area workbook, whatever the number of rows linking to it
			assertThat(constituencies.getPackagePart().getRelationships().size()).isEqualTo(1);
			assertThat(constituencies.getPackagePart().getRelationships().getRelationship(0).getTargetURI())
				.hasToString(WORKBOOK);
		}
	}

	@Test
	void shouldAgreeWithTheAreaWorkbook() throws Exception {
		assertThat(IndexWorkbookAgreement.assertIndexAgreesWithAreaWorkbooks(output, List.of(AREA))).isEqualTo(14);
	}

	@Test
	void shouldFreezeFilterAndPrintBothSheetsAsTheAreaWorkbooks() throws Exception {
		try (XSSFWorkbook index = new XSSFWorkbook(output.resolve(IndexWorkbookWriter.FILE_NAME).toFile())) {
			assertThat(index.getProperties().getCoreProperties().getTitle())
				.isEqualTo("Reconciliation index: UK Parliamentary general election, 4 July 2024");
			assertThat(index.getProperties().getCoreProperties().getCreator()).isEqualTo("election-recon");
			assertThat(index.getProperties().getCoreProperties().getKeywords()).isEqualTo("run 0");
			for (String name : List.of("Areas", "Constituencies")) {
				XSSFSheet sheet = index.getSheet(name);
				assertThat(sheet.getPaneInformation().isFreezePane()).as(name).isTrue();
				assertThat(sheet.getPaneInformation().getHorizontalSplitTopRow()).as(name).isEqualTo((short) 1);
				assertThat(sheet.getCTWorksheet().getAutoFilter().getRef()).as(name)
					.isEqualTo(name.equals("Areas") ? "A1:I2" : "A1:I15");
				assertThat(sheet.getPrintSetup().getPaperSize()).isEqualTo(PrintSetup.A4_PAPERSIZE);
				assertThat(sheet.getPrintSetup().getLandscape()).isTrue();
				assertThat(sheet.getPrintSetup().getFitWidth()).isEqualTo((short) 1);
				assertThat(sheet.getRepeatingRows().formatAsString()).isEqualTo("1:1");
				assertThat(List.of(sheet.getFooter().getLeft(), sheet.getFooter().getCenter(), sheet.getFooter().getRight()))
					.containsExactly("Reconciliation index", "Run 0", "&A, page &P of &N");
				sheet.forEach(row -> row.forEach(cell -> assertThat(cell.getCellType())
					.isNotEqualTo(org.apache.poi.ss.usermodel.CellType.FORMULA)));
			}
		}
	}

	@Test
	void shouldMarkAConstituencyWithoutAVerificationStatementMissing(@TempDir Path temp) throws Exception {
		Path input = InputFolders.copyFolder(Path.of("input"), temp.resolve("input"));
		Files.delete(input.resolve("verification/tamworth.xlsx"));
		Path out = temp.resolve("output");

		assertThat(ElectionReconApplication.run(new String[] { "--input=" + input, "--output=" + out }))
			.isEqualTo(ExitCodes.ERRORS);

		try (ReportWorkbookReader index = new ReportWorkbookReader(out.resolve(IndexWorkbookWriter.FILE_NAME))) {
			List<Map<String, Object>> rows = index.rows("Constituencies");
			assertThat(rows).hasSize(14);
			// its MISSING_VERIFICATION is an open error; the status says what is missing rather than "errors"
			assertThat(rows.get(13)).containsEntry("Code", "E14001538")
				.containsEntry("Constituency", "Tamworth")
				.containsEntry("Status", "missing")
				.containsEntry("Errors", 1.0)
				.containsEntry("Warnings", 0.0)
				.containsEntry("Verification received", null)
				.containsEntry("Count status", "waiting");
			assertThat((String) rows.get(13).get("Declaration received")).matches(RECEIVED_TIME);
			assertThat(rows.subList(0, 13)).extracting(row -> row.get("Status")).doesNotContain("missing");
			assertThat(rows.subList(0, 13)).extracting(row -> row.get("Count status")).doesNotContain("waiting");
			assertThat(index.rows("Areas")).singleElement().extracting(row -> row.get("Seats waiting")).isEqualTo(1.0);
		}
		try (ReportWorkbookReader area = new ReportWorkbookReader(out.resolve(WORKBOOK))) {
			// MISSING_VERIFICATION is still raised, and the Summary counts the seat waiting
			assertThat(area.rows("Findings")).filteredOn(f -> "MISSING_VERIFICATION".equals(f.get("Check")))
				.extracting(f -> f.get("Constituency"))
				.containsExactly("Tamworth");
			org.apache.poi.ss.usermodel.Sheet summary = area.sheet("Summary");
			List<List<Object>> countNight = new ArrayList<>();
			for (org.apache.poi.ss.usermodel.Row row : summary) {
				org.apache.poi.ss.usermodel.Cell label = row.getCell(0);
				if (label != null && label.getCellType() == org.apache.poi.ss.usermodel.CellType.STRING && ("Seats waiting".equals(label.getStringCellValue())
						|| "Tamworth".equals(label.getStringCellValue()) && row.getCell(3) != null
								&& row.getCell(3).getCellType() == org.apache.poi.ss.usermodel.CellType.STRING)) {
					countNight.add(java.util.Arrays.asList(label.getStringCellValue(),
							row.getCell(1) == null ? null : new org.apache.poi.ss.usermodel.DataFormatter().formatCellValue(row.getCell(1)),
							row.getCell(3) == null ? null : row.getCell(3).getStringCellValue()));
				}
			}
			assertThat(countNight).containsExactly(java.util.Arrays.asList("Seats waiting", "1", null),
					java.util.Arrays.asList("Tamworth", null, "waiting"));
		}
		IndexWorkbookAgreement.assertIndexAgreesWithAreaWorkbooks(out, List.of(AREA));
	}
}
