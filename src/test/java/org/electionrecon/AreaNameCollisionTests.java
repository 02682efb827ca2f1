package org.electionrecon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.electionrecon.run.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, point 6: two spellings of a report area that give one workbook name ("Staffordshire
 * and cheshire", a desk's typo) are one register problem, and one area: no workbook is written
 * over another, and the one workbook holds every constituency of both spellings.
 */
class AreaNameCollisionTests {

	private static final Path SAMPLE = Path.of("input");

	private static final String WORKBOOK = "staffordshire-and-cheshire-reconciliation.xlsx";

	private static final String REGISTER = "'register/[register.csv]register'!";

	@Test
	void shouldTakeTwoSpellingsOfOneWorkbookNameAsOneAreaAndSaySo(@TempDir Path temp) throws Exception {
		Path input = InputFolders.copyFolder(SAMPLE, temp.resolve("input"));
		Path register = input.resolve("register/register.csv");
		String typo = "Staffordshire and cheshire";
		// Congleton (row 4) and Lichfield (row 7) carry the typo; the other twelve rows the first spelling
		Files.writeString(register, Files.readString(register)
			.replace("Congleton,North West,Cheshire,Staffordshire and Cheshire,",
					"Congleton,North West,Cheshire," + typo + ",")
			.replace("Lichfield,West Midlands,Staffordshire,Staffordshire and Cheshire,",
					"Lichfield,West Midlands,Staffordshire," + typo + ","));
		Path output = temp.resolve("output");

		int exitCode = ElectionReconApplication.run(new String[] { "--input=" + input, "--output=" + output });

		assertThat(exitCode).isEqualTo(ExitCodes.ERRORS);
		try (Stream<Path> files = Files.list(output)) {
			assertThat(files.map(f -> f.getFileName().toString()).sorted())
				.containsExactly(".election-recon-db", "logs", org.electionrecon.report.IndexWorkbookWriter.FILE_NAME, WORKBOOK);
		}
		try (ReportWorkbookReader report = new ReportWorkbookReader(output.resolve(WORKBOOK))) {
			assertThat(report.rows("Constituencies")).extracting(row -> row.get("Code"))
				.containsExactlyInAnyOrder("E14001143", "E14001150", "E14001178", "E14001185", "E14001316",
						"E14001335", "E14001380", "E14001513", "E14001514", "E14001520", "E14001521", "E14001522",
						"E14001523", "E14001538");
			List<Map<String, Object>> findings = report.rows("Findings");
			assertThat(findings.get(0)).containsEntry("Severity", "ERROR")
				.containsEntry("Check", "UNKNOWN_CONSTITUENCY")
				.containsEntry("Status", "OPEN")
				.containsEntry("Code", null)
				.containsEntry("Expected", "Staffordshire and Cheshire")
				.containsEntry("Actual", typo)
				.containsEntry("Message", "Report area '" + typo + "' (" + REGISTER + "E4) and 'Staffordshire and"
						+ " Cheshire' (" + REGISTER + "E2) would both be written to " + WORKBOOK + ": taken as one"
						+ " area, 'Staffordshire and Cheshire', the register's first spelling")
				.containsEntry("Source", REGISTER + "E4; " + REGISTER + "E2");
			// one finding for the spelling, not one per row; the sample's own findings as they were
			List<Object> rest = new ArrayList<>(findings.subList(1, findings.size()).stream()
				.map(f -> (Object) SampleFindings.columns(f)).toList());
			assertThat(rest).containsExactly((Object[]) SampleFindings.expected());
		}
	}
}
