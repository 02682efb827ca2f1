package org.electionrecon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.electionrecon.run.ExitCodes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Trafford Council's own LGA-schema file (2016-2026, every election it ran) reconciled against the
 * HoC Library declarations for its two 2024 seats: only the 4 July 2024 parliamentary rows are in
 * scope, its old-boundary codes are matched by name, and Altrincham and Sale West's votes cast
 * (51,646) do not equal valid + rejected (51,636).
 */
class TraffordReconciliationTests {

	private static final Set<String> SEATS = Set.of("E14001065", "E14001528");

	@TempDir
	static Path temp;

	private static int exitCode;
	private static Path workbook;

	@BeforeAll
	static void runTheJob() throws Exception {
		Path input = temp.resolve("input");
		InputFolders.restrictedHocFile("ge2024/HoC-GE2024-results-by-constituency.csv", SEATS, input.resolve("register"),
				"register.csv");
		InputFolders.restrictedHocFile("ge2024/HoC-GE2024-results-by-constituency.csv", SEATS,
				input.resolve("declarations"), "HoC-GE2024-results-by-constituency.csv");
		InputFolders.restrictedHocFile("ge2024/HoC-GE2024-results-by-candidate.csv", SEATS, input.resolve("declarations"),
				"HoC-GE2024-results-by-candidate.csv");
		InputFolders.copyReference("council-sheets/trafford/trafford_council_election_results.csv",
				input.resolve("declarations"));
		exitCode = ElectionReconApplication.run(new String[] { "--input=" + input, "--output=" + temp.resolve("output") });
		workbook = temp.resolve("output/north-west-reconciliation.xlsx");
	}

	@Test
	void shouldReportTheVotesCastThatDoNotEqualValidPlusRejected() throws Exception {
		assertThat(exitCode).isEqualTo(ExitCodes.ERRORS);
		try (ReportWorkbookReader report = new ReportWorkbookReader(workbook)) {
			assertThat(report.rows("Findings"))
				.extracting(f -> f.get("Severity"), f -> f.get("Check"), f -> f.get("Constituency"), f -> f.get("Expected"),
						f -> f.get("Actual"), f -> f.get("Difference"), f -> f.get("Source"))
				// no verification/ and no notional/: one SOURCE_MISSING each instead of one finding per seat
				.containsExactly(tuple("ERROR", "SOURCE_MISSING", null, null, null, null, "verification/"),
						tuple("ERROR", "REJECTED_BREAKDOWN_MISMATCH", "Altrincham and Sale West", 51636.0, 51646.0, 10.0,
								"valid votes: 'declarations/[HoC-GE2024-results-by-constituency.csv]HoC-GE2024-results-by-constitue'!P2; rejected: 'declarations/[HoC-GE2024-results-by-constituency.csv]HoC-GE2024-results-by-constitue'!Q2; votes cast:"
										+ " 'declarations/[trafford_council_election_results.csv]trafford_council_election_resul'!U878"),
						tuple("WARNING", "SOURCE_MISSING", null, null, null, null, "notional/"));
			assertThat(report.rows("Findings"))
				.filteredOn(f -> "SOURCE_MISSING".equals(f.get("Check")))
				.extracting(f -> f.get("Message"))
				.containsExactly("verification/ is missing: no constituency can be checked against a verification"
						+ " statement (replaces 2 MISSING_VERIFICATION findings)",
						"notional/ is missing: no constituency has a 2019 baseline, so no turnout change, swing, result"
								+ " label or electorate change (replaces 2 NO_BASELINE findings)");
		}
	}

	@Test
	void shouldUseOnlyTheRowsOfTheElectionBeingReconciled() throws Exception {
		try (ReportWorkbookReader report = new ReportWorkbookReader(workbook)) {
			Map<String, Object> trafford = report.rows("Provenance").stream()
				.filter(f -> "declarations/trafford_council_election_results.csv".equals(f.get("File")))
				.findFirst()
				.orElseThrow();
			assertThat(trafford).containsEntry("Rows read", 1014.0)
				.containsEntry("Rows accepted", 13.0)
				.containsEntry("Rows rejected", 0.0)
				.containsEntry("Rows out of scope", 1001.0);
			assertThat((String) trafford.get("Notes")).isEqualTo(
					"code E14000532 is not the register's E14001065; matched by name; code E14000979 is not the register's E14001528; matched by name");
			assertThat(report.rows("Rejected rows")).isEmpty();
		}
	}

	@Test
	void shouldMergeTheCouncilsCandidatesWithTheHouseOfCommonsOnes() throws Exception {
		try (ReportWorkbookReader report = new ReportWorkbookReader(workbook)) {
			List<Map<String, Object>> seats = report.rows("Constituencies");
			assertThat(seats)
				.extracting(s -> s.get("Constituency"), s -> s.get("Electorate"), s -> s.get("Valid votes"),
						s -> s.get("Rejected"), s -> s.get("Turnout %"), s -> s.get("Winner"), s -> s.get("Party"),
						s -> s.get("Votes"), s -> s.get("Majority"))
				.containsExactly(
						tuple("Altrincham and Sale West", 74025.0, 51452.0, 184.0, 69.75, "Connor Rand", "Lab", 20798.0,
								4174.0),
						tuple("Stretford and Urmston", 75153.0, 46002.0, 168.0, 61.43, "Andrew Western", "Lab", 22642.0,
								16150.0));
		}
	}
}
