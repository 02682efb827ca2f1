package org.electionrecon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.electionrecon.run.ExitCodes;
import org.electionrecon.sample.SampleInputGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HoC Library revised its July 2024 constituency file after the count: Congleton's electorate
 * went from 72,914 to 74,243 and Crewe and Nantwich's from 77,095 to 78,423. Running the July file
 * and then the revised one lists those revisions as INPUT_REVISED.
 */
class InputRevisionTests {

	private static final Set<String> SAMPLE_SEATS = Set.of("E14001143", "E14001150", "E14001178", "E14001185",
			"E14001316", "E14001335", "E14001380", "E14001513", "E14001514", "E14001520", "E14001521", "E14001522",
			"E14001523", "E14001538");

	private static final String CONSTITUENCY_FILE = "HoC-GE2024-results-by-constituency.csv";

	/** The constituency file's cells: its sheet is the file name cut at 31 characters, as Excel names it. */
	private static final String HOC = "'declarations/[HoC-GE2024-results-by-constituency.csv]HoC-GE2024-results-by-constitue'!";

	@Test
	void shouldListTheElectorateRevisionsOfTheRevisedHouseOfCommonsFile(@TempDir Path temp) throws Exception {
		Path input = temp.resolve("input");
		Path output = temp.resolve("output");
		new SampleInputGenerator().generate(SampleInputGenerator.Spec.sample(), input);
		InputFolders.restrictedHocFile("ge2024/HoC-GE2024-results-by-constituency_v2024-07.csv", SAMPLE_SEATS,
				input.resolve("declarations"), CONSTITUENCY_FILE);

		int july = ElectionReconApplication.run(new String[] { "--input=" + input, "--output=" + output });
		List<Map<String, Object>> julyFindings = findings(output);

		InputFolders.restrictedHocFile("ge2024/HoC-GE2024-results-by-constituency.csv", SAMPLE_SEATS,
				input.resolve("declarations"), CONSTITUENCY_FILE);
		int revised = ElectionReconApplication.run(new String[] { "--input=" + input, "--output=" + output });
		List<Map<String, Object>> revisedFindings = findings(output);

		assertThat(july).isEqualTo(ExitCodes.ERRORS);
		// the statements carry the revised electorates, so the July declarations disagree with them
		assertThat(julyFindings).filteredOn(f -> "ELECTORATE_MISMATCH".equals(f.get("Check")))
			.extracting(f -> f.get("Constituency"), f -> f.get("Expected"), f -> f.get("Actual"))
			.containsExactly(tuple("Congleton", 72914.0, 74243.0), tuple("Crewe and Nantwich", 77095.0, 78423.0));
		assertThat(julyFindings).noneMatch(f -> "INPUT_REVISED".equals(f.get("Check")));

		assertThat(revised).isEqualTo(ExitCodes.ERRORS);
		assertThat(revisedFindings).filteredOn(f -> "INPUT_REVISED".equals(f.get("Check")))
			.extracting(f -> f.get("Severity"), f -> f.get("Constituency"), f -> f.get("Expected"), f -> f.get("Actual"),
					f -> f.get("Difference"), f -> f.get("Source"))
			.containsExactly(
					tuple("INFO", "Congleton", 72914.0, 74243.0, 1329.0, HOC + "O4"),
					tuple("INFO", "Crewe and Nantwich", 77095.0, 78423.0, 1328.0,
							HOC + "O5"));
		assertThat(revisedFindings).filteredOn(f -> "INPUT_REVISED".equals(f.get("Check")))
			.extracting(f -> f.get("Message"))
			.containsExactly("Congleton: the declared electorate revised from 72,914 (run 0) to 74,243",
					"Crewe and Nantwich: the declared electorate revised from 77,095 (run 0) to 78,423");
		assertThat(revisedFindings).noneMatch(f -> "ELECTORATE_MISMATCH".equals(f.get("Check")));
	}

	private static List<Map<String, Object>> findings(Path output) throws Exception {
		try (ReportWorkbookReader report = new ReportWorkbookReader(
				output.resolve("staffordshire-and-cheshire-reconciliation.xlsx"))) {
			return report.rows("Findings");
		}
	}
}
