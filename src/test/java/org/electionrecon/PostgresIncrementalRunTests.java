package org.electionrecon;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.electionrecon.run.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incremental runs on PostgreSQL: a second run of the sample ({@code --rerun}) copies every file
 * the first staged, with the platform's own SQL, and reports exactly the sample's findings.
 */
@EnabledIf("org.electionrecon.PostgresTestDatabase#reachable")
class PostgresIncrementalRunTests {

	private static final String WORKBOOK = "staffordshire-and-cheshire-reconciliation.xlsx";

	private static final List<String> FILE_TABLES = List.of("RECON_CONSTITUENCY", "RECON_BOX_BLOCK",
			"RECON_VERIFICATION_SHEET", "RECON_STATED_FIGURE", "RECON_DECLARATION", "RECON_DECLARED_PARTY_VOTES",
			"RECON_CANDIDATE", "RECON_NOTIONAL", "RECON_REJECTED_ROW", "RECON_REJECTED_FIGURE", "RECON_SOURCE_FILE",
			"RECON_DECLARED_BREAKDOWN", "RECON_REPORTED", "RECON_EXPLANATION", "RECON_FINDING");

	@Test
	void shouldCopyEveryUnchangedFileAndReportTheSampleFindings(@TempDir Path output) throws Exception {
		try (PostgresTestDatabase database = PostgresTestDatabase.create()) {
			assertThat(ElectionReconApplication.run(database.commandLine("--input=input", "--output=" + output)))
				.isEqualTo(ExitCodes.ERRORS);
			assertThat(ElectionReconApplication.run(database.commandLine("--input=input", "--output=" + output,
					"--rerun"))).isEqualTo(ExitCodes.ERRORS);

			try (Connection connection = database.connection()) {
				List<Long> runs = longs(connection, "SELECT JOB_INSTANCE_ID FROM BATCH_JOB_INSTANCE ORDER BY 1");
				assertThat(runs).hasSize(2);
				long first = runs.get(0);
				long second = runs.get(1);
				assertThat(longs(connection, "SELECT COUNT(*) FROM RECON_SOURCE_FILE WHERE RUN_ID = " + second
						+ " AND REUSED_FROM_RUN = " + first)).containsExactly(17L);
				// every table a file's reading writes holds as many rows for the second run as for the first
				Map<String, List<Long>> counts = new TreeMap<>();
				for (String table : FILE_TABLES) {
					counts.put(table, longs(connection, "SELECT COUNT(*) FROM " + table + " WHERE RUN_ID IN (" + first
							+ ", " + second + ") GROUP BY RUN_ID ORDER BY RUN_ID"));
				}
				assertThat(counts).allSatisfy((table, perRun) -> assertThat(perRun).as(table)
					.satisfiesAnyOf(c -> assertThat(c).isEmpty(), c -> assertThat(c).hasSize(2).element(0).isEqualTo(c.get(1))));
				assertThat(counts.get("RECON_BOX_BLOCK")).hasSize(2);
			}
		}
		try (ReportWorkbookReader report = new ReportWorkbookReader(output.resolve(WORKBOOK))) {
			List<Map<String, Object>> findings = report.rows("Findings");
			assertThat(findings).extracting(SampleFindings::columns).containsExactly(SampleFindings.expected());
			assertThat(findings).extracting(f -> f.get("Source")).containsExactly(SampleFindings.sources());
			assertThat(findings.get(6).get("Note")).isEqualTo(SampleFindings.STAFFORD_NOTE);
		}
	}

	private static List<Long> longs(Connection connection, String sql) throws Exception {
		try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
			List<Long> values = new java.util.ArrayList<>();
			while (rs.next()) {
				values.add(rs.getLong(1));
			}
			return values;
		}
	}
}
