package org.electionrecon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Sheet;
import org.electionrecon.run.ExitCodes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job on the committed sample (the real Staffordshire and Cheshire count): the exact findings,
 * figures and cells, read back from the workbook as an auditor would.
 */
class SampleReconciliationFunctionalTests {

	private static final Path SAMPLE = Path.of("input");
	private static final String WORKBOOK = "staffordshire-and-cheshire-reconciliation.xlsx";

	@TempDir
	static Path output;

	private static int exitCode;
	private static Path workbook;

	@BeforeAll
	static void runTheJobOnTheSample() {
		exitCode = ElectionReconApplication.run(new String[] { "--input=" + SAMPLE, "--output=" + output });
		workbook = output.resolve(WORKBOOK);
	}

	@Test
	void shouldExitWithTwoBecauseOfTheOneOpenError() {
		assertThat(exitCode).isEqualTo(ExitCodes.ERRORS);
		assertThat(workbook).isRegularFile();
	}

	@Test
	void shouldWriteTheSixSheetsWithTheContractHeaders() throws Exception {
		try (ReportWorkbookReader report = new ReportWorkbookReader(workbook)) {
			assertThat(report.sheetNames()).containsExactly("Summary", "Constituencies", "Boxes", "Findings",
					"Checks", "Rejected rows", "Provenance");
			assertThat(report.headers("Checks")).containsExactly("Check", "Severity", "Description", "Threshold",
					"Evaluated", "Passed", "Failed", "Explained", "Not evaluated because");
			assertThat(report.headers("Constituencies")).startsWith("Code", "Constituency", "Electorate", "Verified",
					"Valid votes", "Rejected", "Turnout %", "Notional 2019 turnout %", "Turnout change (pts)", "Winner",
					"Party", "Votes", "Share %", "Majority", "Result", "Notional 2019 winner", "Swing (pts)", "Errors",
					"Warnings");
			assertThat(report.headers("Boxes")).containsExactly("Code", "Constituency", "Box", "Station", "Type",
					"Issued", "Verified", "Difference", "Source");
			assertThat(report.headers("Findings")).containsExactly("Severity", "Check", "Status", "Code",
					"Constituency", "Box", "Expected", "Actual", "Difference", "Message", "Source", "Note");
			assertThat(report.headers("Rejected rows")).containsExactly("File", "Sheet", "Row", "Cell", "Value",
					"Reason");
			assertThat(report.headers("Provenance")).startsWith("File", "Kind", "SHA-256", "Bytes", "Rows read",
					"Rows accepted", "Rows rejected", "Notes");
			for (String name : List.of("Constituencies", "Boxes", "Findings", "Rejected rows", "Provenance")) {
				Sheet sheet = report.sheet(name);
				assertThat(sheet.getPaneInformation().isFreezePane()).as(name).isTrue();
				assertThat(sheet.getPaneInformation().getHorizontalSplitTopRow()).as(name).isEqualTo((short) 1);
				assertThat(((org.apache.poi.xssf.usermodel.XSSFSheet) sheet).getCTWorksheet().isSetAutoFilter()).as(name).isTrue();
			}
		}
	}

	@Test
	void shouldReportTheRealDiscrepanciesAndThePlantedBoxVariancesAndNothingElse() throws Exception {
		try (ReportWorkbookReader report = new ReportWorkbookReader(workbook)) {
			List<Map<String, Object>> findings = report.rows("Findings");
			assertThat(findings).extracting(SampleFindings::columns).containsExactly(SampleFindings.expected());
			assertThat(findings).extracting(f -> f.get("Source")).containsExactly(SampleFindings.sources());
			assertThat(findings.get(6).get("Note")).isEqualTo(SampleFindings.STAFFORD_NOTE);
		}
	}

	@Nested
	class Constituencies {

		@Test
		void shouldComputeStaffordsTurnoutAsAnnouncedOnTheNight() throws Exception {
			Map<String, Object> stafford = row("E14001513");
			assertThat(stafford).containsEntry("Electorate", 70608.0)
				.containsEntry("Verified", 46169.0)
				.containsEntry("Valid votes", 46009.0)
				.containsEntry("Rejected", 160.0)
				.containsEntry("Turnout %", 65.39)
				.containsEntry("Notional 2019 turnout %", 72.7)
				.containsEntry("Turnout change (pts)", -7.31)
				.containsEntry("Winner", "Leigh Ingham")
				.containsEntry("Party", "Lab")
				.containsEntry("Votes", 18531.0)
				.containsEntry("Majority", 4595.0)
				.containsEntry("Result", "Lab gain from Con")
				.containsEntry("Notional 2019 winner", "Con")
				.containsEntry("Errors", 0.0)
				.containsEntry("Warnings", 0.0);
		}

		@Test
		void shouldUseTheVerifiedTotalsAnnouncedOnTheNight() throws Exception {
			assertThat(row("E14001380")).containsEntry("Verified", 39780.0).containsEntry("Turnout %", 58.66);
			assertThat(row("E14001150")).containsEntry("Verified", 43073.0).containsEntry("Turnout %", 55.96);
			assertThat(row("E14001514")).containsEntry("Verified", 43490.0).containsEntry("Turnout %", 62.22);
			assertThat(row("E14001521")).containsEntry("Verified", 36253.0).containsEntry("Turnout %", 51.9);
		}

		@Test
		void shouldComputeEveryResultLabelAsTheHouseOfCommonsLibraryGivesIt() throws Exception {
			List<CSVRecord> declared;
			try (var reader = Files.newBufferedReader(SAMPLE.resolve("declarations/HoC-GE2024-results-by-constituency.csv"))) {
				declared = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).getRecords();
			}
			assertThat(declared).hasSize(14);
			for (CSVRecord record : declared) {
				assertThat(row(record.get(0)).get("Result")).as(record.get("Constituency name"))
					.isEqualTo(record.get("Result"));
			}
		}

		private Map<String, Object> row(String code) throws Exception {
			try (ReportWorkbookReader report = new ReportWorkbookReader(workbook)) {
				return report.rows("Constituencies").stream().filter(r -> code.equals(r.get("Code"))).findFirst()
					.orElseThrow();
			}
		}
	}

	/** One area: every file but the register feeds it; the register is the run's, listed in every area. */
	@Test
	void shouldListTheFilesThatFeedTheAreaAndTheRunsOwnWithTheirScope() throws Exception {
		try (ReportWorkbookReader report = new ReportWorkbookReader(workbook)) {
			assertThat(report.rows("Provenance")).extracting(f -> f.get("File"), f -> f.get("Kind"), f -> f.get("Scope"))
				.containsExactly(tuple("register/register.csv", "register", "all areas"),
						tuple("verification/burton-and-uttoxeter.xlsx", "verification", "this area"),
						tuple("verification/cannock-chase.xlsx", "verification", "this area"),
						tuple("verification/cheshire-east-council.xlsx", "verification", "this area"),
						tuple("verification/kingswinford-and-south-staffordshire.xlsx", "verification", "this area"),
						tuple("verification/lichfield.xlsx", "verification", "this area"),
						tuple("verification/newcastle-under-lyme.xlsx", "verification", "this area"),
						tuple("verification/stafford.xlsx", "verification", "this area"),
						tuple("verification/staffordshire-moorlands.xlsx", "verification", "this area"),
						tuple("verification/stoke-on-trent-city-council.xlsx", "verification", "this area"),
						tuple("verification/stone-great-wyrley-and-penkridge.xlsx", "verification", "this area"),
						tuple("verification/tamworth.xlsx", "verification", "this area"),
						tuple("declarations/HoC-GE2024-results-by-candidate.csv", "declarations", "this area"),
						tuple("declarations/HoC-GE2024-results-by-constituency.csv", "declarations", "this area"),
						tuple("notional/RallingsThrasher-2019-notional-results-2024-boundaries.csv", "notional",
								"this area"),
						tuple("reported/bbc-live-staffordshire-and-cheshire-2024-07-05.csv", "reported", "this area"),
						tuple("explanations/operator-notes.csv", "explanations", "this area"));
		}
	}

	@Test
	void shouldListEveryBoxAndAccountForEveryInputRow() throws Exception {
		try (ReportWorkbookReader report = new ReportWorkbookReader(workbook)) {
			List<Map<String, Object>> boxes = report.rows("Boxes");
			assertThat(boxes).hasSize(435);
			assertThat(boxes.stream().mapToDouble(b -> (Double) b.get("Verified")).sum()).isEqualTo(610646.0);
			assertThat(boxes).filteredOn(b -> !b.get("Difference").equals(0.0))
				.extracting(b -> b.get("Constituency"), b -> b.get("Box"), b -> b.get("Issued"), b -> b.get("Verified"))
				.containsExactly(tuple("Congleton", "PV04", 9401.0, 9398.0), tuple("Lichfield", "B009", 448.0, 450.0),
						tuple("Lichfield", "B010", 784.0, 782.0), tuple("Stafford", "B010", 470.0, 469.0),
						tuple("Stoke-on-Trent Central", "B021", 480.0, 486.0));
			assertThat(report.rows("Rejected rows")).isEmpty();
			List<Map<String, Object>> files = report.rows("Provenance");
			assertThat(files).hasSize(17);
			for (Map<String, Object> file : files) {
				assertThat((Double) file.get("Rows read")).as(file.get("File").toString())
					.isEqualTo((Double) file.get("Rows accepted") + (Double) file.get("Rows rejected")
							+ (Double) file.get("Rows out of scope"));
				assertThat((String) file.get("SHA-256")).hasSize(64);
			}
			long boxRowsAccepted = files.stream()
				.filter(f -> "verification".equals(f.get("Kind")))
				.mapToLong(f -> ((Double) f.get("Rows accepted")).longValue())
				.sum();
			// every box row, plus each sheet's Total row
			assertThat(boxRowsAccepted).isEqualTo(435 + 14);
		}
	}
}
