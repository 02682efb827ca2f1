package org.electionrecon.operate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.electionrecon.run.ExitCodes;
import org.electionrecon.ReportWorkbookReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, point 7: a missing source folder is one root-cause finding, SOURCE_MISSING, instead
 * of one finding per constituency; a figure left out because its cell was rejected is named by the
 * findings computed without it. The sample input with a folder removed or emptied, or a cell spoilt.
 */
class SourceMissingTests {

	private static final String STOKE = "verification/stoke-on-trent-city-council.xlsx";
	private static final String STOKE_CENTRAL = "'verification/[stoke-on-trent-city-council.xlsx]Stoke-on-Trent Central'";

	/** The boxes of Stoke-on-Trent Central but B021, whose verified cell E30 was rejected. */
	private static final String STOKE_CENTRAL_BOXES = STOKE_CENTRAL + "!E10:E29, " + STOKE_CENTRAL + "!E31:E41";

	/** The HoC constituency file's cells: its sheet is the file name cut at 31 characters, as Excel names it. */
	private static final String HOC = "'declarations/[HoC-GE2024-results-by-constituency.csv]HoC-GE2024-results-by-constitue'!";

	@TempDir
	Path dir;

	@Test
	void shouldReportAMissingDeclarationsFolderOnceInsteadOfFourteenMissingDeclarations() throws Exception {
		Path input = sampleWithout("declarations", true);
		Cli.Result result = Cli.run("--input=" + input, "--output=" + dir.resolve("out"));
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ERRORS);
		List<Map<String, Object>> findings = findings();
		assertThat(findings).extracting(f -> f.get("Check"))
			.containsExactly("SOURCE_MISSING", "BOX_VARIANCE", "BOX_VARIANCE", "BOX_VARIANCE",
					"REPORTED_BASELINE_MISMATCH", "BOX_VARIANCE", "REPORTED_BASELINE_MISMATCH",
					"REPORTED_BASELINE_MISMATCH", "REPORTED_BASELINE_MISMATCH", "REPORTED_BASELINE_MISMATCH");
		assertThat(findings.get(0)).containsEntry("Severity", "ERROR")
			.containsEntry("Status", "OPEN")
			.containsEntry("Constituency", null)
			.containsEntry("Message", "declarations/ is missing: no constituency can be checked against a declaration"
					+ " (replaces 14 MISSING_DECLARATION findings)")
			.containsEntry("Source", "declarations/");
	}

	@Test
	void shouldReportAMissingNotionalFolderAsOneWarningInsteadOfFourteenNoBaselines() throws Exception {
		Path input = sampleWithout("notional", true);
		Cli.Result result = Cli.run("--input=" + input, "--output=" + dir.resolve("out"));
		// the sample's own open ERRORs (Stoke-on-Trent Central's box, Cannock Chase's reported votes) stay
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ERRORS);
		List<Map<String, Object>> findings = findings();
		assertThat(findings).extracting(f -> f.get("Check")).doesNotContain("NO_BASELINE");
		assertThat(findings).filteredOn(f -> "SOURCE_MISSING".equals(f.get("Check")))
			.extracting(f -> tuple(f.get("Severity"), f.get("Constituency"), f.get("Message"), f.get("Source")))
			.containsExactly(tuple("WARNING", null,
					"notional/ is missing: no constituency has a 2019 baseline, so no turnout change, swing, result label"
							+ " or electorate change (replaces 14 NO_BASELINE findings)",
					"notional/"));
		assertThat(findings).hasSize(10);
	}

	@Test
	void shouldReportAnEmptyVerificationFolderOnceInsteadOfFourteenMissingVerifications() throws Exception {
		Path input = sampleWithout("verification", false);
		Cli.Result result = Cli.run("--input=" + input, "--output=" + dir.resolve("out"));
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ERRORS);
		List<Map<String, Object>> findings = findings();
		assertThat(findings).extracting(f -> f.get("Check"))
			.containsExactly("SOURCE_MISSING", "REPORTED_FIGURE_MISMATCH", "REPORTED_FIGURE_MISMATCH",
					"REJECTED_RATE_OUTLIER", "REPORTED_BASELINE_MISMATCH", "REPORTED_BASELINE_MISMATCH",
					"REPORTED_BASELINE_MISMATCH", "REPORTED_BASELINE_MISMATCH", "REPORTED_BASELINE_MISMATCH");
		assertThat(findings.get(0)).containsEntry("Severity", "ERROR")
			.containsEntry("Message", "verification/ is empty: no constituency can be checked against a verification"
					+ " statement (replaces 14 MISSING_VERIFICATION findings)")
			.containsEntry("Source", "verification/");
	}

	@Test
	void shouldRecordAMissingRegisterAndSayWhyNoReportWasWritten() throws Exception {
		Path input = sampleWithout("register", true);
		Path output = dir.resolve("out");
		Cli.Result result = Cli.run("--input=" + input, "--output=" + output);
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.FAILED);
		assertThat(output.resolve(Cli.WORKBOOK)).doesNotExist();
		assertThat(result.printed()).contains("Run 0 wrote no report: SOURCE_MISSING register/ is missing: no"
				+ " constituency can be matched, so no input can be checked and no report is written (put the register"
				+ " in register/)\n");
		try (StagingDatabase db = StagingDatabase.open(output)) {
			assertThat(db.single("SELECT COUNT(*) FROM RECON_FINDING WHERE CHECK_CODE = 'SOURCE_MISSING'"
					+ " AND SEVERITY = 'ERROR' AND SOURCE = 'register/' AND CONSTITUENCY_CODE IS NULL")).isEqualTo(1);
			// the other folders cannot be judged without constituencies: only the root cause is reported
			assertThat(db.single("SELECT COUNT(*) FROM RECON_FINDING WHERE CHECK_CODE = 'SOURCE_MISSING'")).isEqualTo(1);
		}
	}

	@Test
	void shouldNameARejectedVerifiedCellInEveryFindingComputedWithoutIt() throws Exception {
		Path input = Cli.copySample(dir.resolve("in"));
		Path workbookFile = input.resolve(STOKE);
		try (var in = Files.newInputStream(workbookFile); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
			// box B021 (the planted +6 variance): 486 papers verified, in E30
			workbook.getSheet("Stoke-on-Trent Central").getRow(29).getCell(4).setCellValue("n/a");
			try (var out = Files.newOutputStream(workbookFile)) {
				workbook.write(out);
			}
		}
		Cli.Result result = Cli.run("--input=" + input, "--output=" + dir.resolve("out"));
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ERRORS);
		String leftOut = "; the sum of the boxes leaves out box B021, rejected at " + STOKE_CENTRAL
				+ "!E30 (ballot papers verified is not a number)";
		assertThat(findings()).filteredOn(f -> "Stoke-on-Trent Central".equals(f.get("Constituency")))
			.extracting(f -> tuple(f.get("Severity"), f.get("Check"), f.get("Message"), f.get("Source")))
			.containsExactly(
					tuple("ERROR", "COUNT_VS_VERIFIED", "Stoke-on-Trent Central: declared valid votes + rejected"
							+ " (35,289 + 137 = 35,426) differ from the 34,940 ballot papers verified by 486" + leftOut,
							"verified: " + STOKE_CENTRAL_BOXES + "; valid votes: " + HOC + "P11; rejected: " + HOC
									+ "Q11; left out: " + STOKE_CENTRAL + "!E30"),
					tuple("ERROR", "VERIFIED_TOTAL_MISMATCH", "Stoke-on-Trent Central: the stated total verified"
							+ " (35,426) differs from the sum of the 31 boxes (34,940) by 486" + leftOut,
							"verified: " + STOKE_CENTRAL_BOXES + "; stated total: " + STOKE_CENTRAL + "!B6; left out: "
									+ STOKE_CENTRAL + "!E30"),
					tuple("ERROR", "VERIFIED_TOTAL_MISMATCH", "Stoke-on-Trent Central: the Total row (35,426) differs"
							+ " from the sum of the 31 boxes (34,940) by 486" + leftOut,
							"verified: " + STOKE_CENTRAL_BOXES + "; stated total: " + STOKE_CENTRAL + "!E42; left out: "
									+ STOKE_CENTRAL + "!E30"),
					tuple("WARNING", "TURNOUT_STATED_MISMATCH", "Stoke-on-Trent Central: stated turnout 47.99% differs"
							+ " from 47.34% computed as ballot papers verified / electorate (34,940 / 73,812)" + leftOut,
							"electorate: " + HOC + "O11; verified: " + STOKE_CENTRAL_BOXES + "; stated turnout: "
									+ STOKE_CENTRAL + "!B7; left out: " + STOKE_CENTRAL + "!E30"));
	}

	/** A copy of the sample with one source folder removed, or only emptied. */
	private Path sampleWithout(String folder, boolean removeTheFolder) throws IOException {
		Path input = Cli.copySample(dir.resolve("in"));
		try (Stream<Path> files = Files.list(input.resolve(folder))) {
			for (Path file : files.toList()) {
				Files.delete(file);
			}
		}
		if (removeTheFolder) {
			Files.delete(input.resolve(folder));
		}
		return input;
	}

	private List<Map<String, Object>> findings() throws Exception {
		try (ReportWorkbookReader report = new ReportWorkbookReader(dir.resolve("out").resolve(Cli.WORKBOOK))) {
			return report.rows("Findings");
		}
	}
}
