package org.electionrecon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.electionrecon.run.ExitCodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job on the committed sample with the {@code postgres} profile: the job repository and the
 * staging tables on PostgreSQL, in a database of this class's own. The findings must be exactly
 * those of the embedded database ({@link SampleReconciliationFunctionalTests}).
 */
@EnabledIf("org.electionrecon.PostgresTestDatabase#reachable")
class PostgresReconciliationTests {

	private static final String WORKBOOK = "staffordshire-and-cheshire-reconciliation.xlsx";

	@TempDir
	static Path output;

	private static PostgresTestDatabase database;

	private static int exitCode;

	private static Path workbook;

	@BeforeAll
	static void runTheJobOnTheSampleAgainstPostgres() throws Exception {
		database = PostgresTestDatabase.create();
		exitCode = ElectionReconApplication.run(database.commandLine("--input=input", "--output=" + output));
		workbook = output.resolve(WORKBOOK);
	}

	@AfterAll
	static void dropTheDatabase() throws Exception {
		if (database != null) {
			database.close();
		}
	}

	@Test
	void shouldExitWithTwoAndKeepTheRunInPostgresNotInAnEmbeddedDatabase() throws Exception {
		assertThat(exitCode).isEqualTo(ExitCodes.ERRORS);
		assertThat(workbook).isRegularFile();
		assertThat(output.resolve(".election-recon-db")).doesNotExist();
		assertThat(count("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE")).isEqualTo(1);
		assertThat(count("SELECT COUNT(*) FROM RECON_FINDING")).isEqualTo(SampleFindings.expected().length);
		assertThat(count("SELECT SUM(BOXES) FROM RECON_BOX_BLOCK")).isEqualTo(435);
	}

	@Test
	void shouldReportExactlyTheFindingsOfTheEmbeddedDatabase() throws Exception {
		try (ReportWorkbookReader report = new ReportWorkbookReader(workbook)) {
			List<Map<String, Object>> findings = report.rows("Findings");
			assertThat(findings).extracting(SampleFindings::columns).containsExactly(SampleFindings.expected());
			assertThat(findings).extracting(f -> f.get("Source")).containsExactly(SampleFindings.sources());
			assertThat(findings.get(6).get("Note")).isEqualTo(SampleFindings.STAFFORD_NOTE);
		}
	}

	@Test
	void shouldComputeStaffordsTurnoutAsAnnouncedOnTheNight() throws Exception {
		try (ReportWorkbookReader report = new ReportWorkbookReader(workbook)) {
			Map<String, Object> stafford = report.rows("Constituencies").stream()
				.filter(r -> "E14001513".equals(r.get("Code")))
				.findFirst()
				.orElseThrow();
			assertThat(stafford).containsEntry("Turnout %", 65.39)
				.containsEntry("Notional 2019 turnout %", 72.7)
				.containsEntry("Turnout change (pts)", -7.31);
		}
	}

	@Test
	void shouldListTheRunInStatusFromAnyOutputFolder(@TempDir Path elsewhere) {
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		PrintStream out = System.out;
		int code;
		System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
		try {
			code = ElectionReconApplication.run(database.commandLine("status", "--output=" + elsewhere));
		}
		finally {
			System.setOut(out);
		}
		assertThat(code).isEqualTo(ExitCodes.CLEAN);
		assertThat(printed.toString(StandardCharsets.UTF_8).lines().filter(l -> l.contains("COMPLETED")))
			.singleElement()
			.satisfies(line -> assertThat(line.split("\\s+")).contains("COMPLETED", "2024-07-04", "3", "4", "6"));
	}

	@Test
	void shouldNotRepeatACompletedRunOfTheSameInputs() throws Exception {
		assertThat(ElectionReconApplication.run(database.commandLine("--input=input", "--output=" + output)))
			.isEqualTo(ExitCodes.ERRORS);
		assertThat(count("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE")).isEqualTo(1);
		assertThat(count("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION")).isEqualTo(1);
	}

	private static long count(String sql) throws Exception {
		try (Connection connection = database.connection(); Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}
}
