package org.electionrecon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.electionrecon.run.ExitCodes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every real file of the reference data, UK or not, put where a verification statement and where a
 * declaration is expected: the run finishes, and what is not a UK verification statement or
 * declaration ends as a SOURCE_UNREADABLE finding with its reason, never a crash.
 */
class RealReferenceFilesTests {

	static final List<String> FILES = List.of("council-sheets/us-kansas/Shawnee_2016_General-Final-Official-SOVC.xlsx",
			"council-sheets/us-kansas/Stafford-KS_2017_OFFICIAL-Special-Election-Results.xls",
			"council-sheets/us-kansas/Montgomery_2016_General-Abstract.xlsx",
			"council-sheets/us-kansas/Clark_2016_General-Abstract.xls",
			"council-sheets/us-kansas/Haskell_2014-11_Canvass-count.xlsx",
			"council-sheets/us-kansas/Ellsworth_2023-11-07_Abstract-of-Votes_Page1.xlsx",
			"council-sheets/us-kansas/Sheridan_2016-11-08_General-Election-Tally-after-canvass.xlsx",
			"council-sheets/sheffield/sheffield_2016_local_election_results_webcopy.csv",
			"council-sheets/sheffield/sheffield_2016_local_election_results_webcopy.ods",
			"council-sheets/trafford/trafford_council_election_results.csv",
			"ge2019/HoC-GE2019-results-by-constituency.csv", "ge2024/HoC-GE2024-results-by-constituency.csv",
			"ge2024/HoC-GE2024-results-by-constituency_v2024-07.csv",
			"ge2024/HoC-GE2024-results-by-constituency_excel-export-cp1252.csv",
			"ge2024/HoC-GE2024-results-by-candidate.csv", "ge2024/HoC-GE2024-results-by-candidate_v2024-07.csv",
			"notional2019/RallingsThrasher-2019-notional-results-2024-boundaries.csv");

	@TempDir
	static Path temp;

	private static int exitCode;
	private static List<Map<String, Object>> findings;
	private static List<Map<String, Object>> provenance;

	@BeforeAll
	static void runTheJobOnEveryRealFile() throws Exception {
		Path input = temp.resolve("input");
		Files.createDirectories(input.resolve("register"));
		Files.copy(Path.of("input/register/register.csv"), input.resolve("register/register.csv"));
		for (String file : FILES) {
			InputFolders.copyReference(file, input.resolve("verification"));
			InputFolders.copyReference(file, input.resolve("declarations"));
		}
		exitCode = ElectionReconApplication.run(new String[] { "--input=" + input, "--output=" + temp.resolve("output") });
		try (ReportWorkbookReader report = new ReportWorkbookReader(
				temp.resolve("output/staffordshire-and-cheshire-reconciliation.xlsx"))) {
			findings = report.rows("Findings");
			provenance = report.rows("Provenance");
		}
	}

	@Test
	void shouldFinishTheRun() {
		assertThat(exitCode).isEqualTo(ExitCodes.ERRORS);
	}

	@Test
	void shouldFindNoVerificationStatementInAnyOfThem() {
		Map<Object, String> unreadable = findings.stream()
			.filter(f -> "SOURCE_UNREADABLE".equals(f.get("Check")))
			.collect(Collectors.toMap(f -> f.get("Source"), f -> (String) f.get("Message")));
		for (String file : FILES) {
			String name = "verification/" + file.substring(file.lastIndexOf('/') + 1);
			String reason = file.endsWith(".ods")
					? name + " cannot be read: OpenDocument spreadsheets (.ods) are not supported: save it as .xlsx or .csv"
					: name + ": no recognisable verification statement table (no sheet has the required columns in its"
							+ " first 30 rows)";
			assertThat(unreadable).containsEntry(name, reason);
		}
	}

	@Test
	void shouldReadTheUkDeclarationsAndRefuseTheRest() {
		List<Object> unreadable = findings.stream()
			.filter(f -> "SOURCE_UNREADABLE".equals(f.get("Check")))
			.map(f -> f.get("Source"))
			.filter(s -> ((String) s).startsWith("declarations/"))
			.toList();
		assertThat(unreadable).containsExactlyInAnyOrder(
				"declarations/Shawnee_2016_General-Final-Official-SOVC.xlsx",
				"declarations/Stafford-KS_2017_OFFICIAL-Special-Election-Results.xls",
				"declarations/Montgomery_2016_General-Abstract.xlsx", "declarations/Clark_2016_General-Abstract.xls",
				"declarations/Haskell_2014-11_Canvass-count.xlsx",
				"declarations/Ellsworth_2023-11-07_Abstract-of-Votes_Page1.xlsx",
				"declarations/Sheridan_2016-11-08_General-Election-Tally-after-canvass.xlsx",
				"declarations/sheffield_2016_local_election_results_webcopy.csv",
				"declarations/sheffield_2016_local_election_results_webcopy.ods",
				"declarations/RallingsThrasher-2019-notional-results-2024-boundaries.csv");
		Map<Object, Map<String, Object>> byFile = provenance.stream()
			.collect(Collectors.toMap(f -> f.get("File"), f -> f));
		assertThat(byFile.get("declarations/HoC-GE2024-results-by-constituency_excel-export-cp1252.csv"))
			.containsEntry("Rows read", 650.0)
			.containsEntry("Rows accepted", 14.0)
			.containsEntry("Rows rejected", 636.0)
			.containsEntry("Notes", "file: 13 row(s) after the end of the table not read (notes, footer)");
		assertThat(byFile.get("declarations/HoC-GE2024-results-by-candidate.csv")).containsEntry("Rows read", 4515.0)
			.containsEntry("Rows accepted", 90.0);
		assertThat(byFile.get("declarations/trafford_council_election_results.csv")).containsEntry("Rows read", 1014.0)
			.containsEntry("Rows accepted", 0.0)
			.containsEntry("Rows rejected", 13.0)
			.containsEntry("Rows out of scope", 1001.0);
	}

	@Test
	void shouldAccountForEveryRowOfEveryFile() {
		assertThat(provenance).hasSize(1 + 2 * FILES.size());
		for (Map<String, Object> file : provenance) {
			assertThat((Double) file.get("Rows read")).as(file.get("File").toString())
				.isEqualTo((Double) file.get("Rows accepted") + (Double) file.get("Rows rejected")
						+ (Double) file.get("Rows out of scope"));
		}
		for (Map<String, Object> finding : findings) {
			assertThat((String) finding.get("Message")).doesNotContain("Exception").doesNotContain("\tat ");
		}
	}
}
