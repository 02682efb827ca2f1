package org.electionrecon.operate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.electionrecon.run.ExitCodes;
import org.electionrecon.run.FaultInjection;
import org.electionrecon.staging.StagingSchema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The end of a run as the operator reads it: the last word on the sample (every finding of
 * input/README.md, counted by severity, check and area, the inputs read, the workbook and the exit
 * code), timestamps with the date and offset, the run's own log file in the output folder, and a
 * failed run's console free of stack traces while its log file keeps them.
 */
class RunSummaryTests {

	/** A console line: date, time with milliseconds and offset, level, message. */
	private static final Pattern CONSOLE_LINE = Pattern
		.compile("^(\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3}([+-]\\d{2}:\\d{2})) (INFO |WARN |ERROR) (.*)$");

	/** A log file line: the same time, the level, the thread and the logger, then the message. */
	private static final Pattern FILE_LINE = Pattern
		.compile("^\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}\\.\\d{3}[+-]\\d{2}:\\d{2} (INFO |WARN |ERROR) \\[[^\\]]+\\] [\\w.]+: (.*)$");

	private static final Pattern LOG_FILE_NAME = Pattern.compile("election-recon-\\d{8}-\\d{6}(-\\d+)?\\.log");

	@TempDir
	static Path output;

	private static Cli.Result sample;

	@BeforeAll
	static void reconcileTheSample() {
		sample = Cli.run("--input=" + Cli.SAMPLE, "--output=" + output);
	}

	private static List<String> lastWordOfTheSample(Path workbook) {
		return List.of(
				"Run 0 findings: 3 ERROR (3 open, 0 explained), 5 WARNING (4 open, 1 explained), 6 INFO (6 open, 0 explained)",
				"By check: BOX_VARIANCE 4 (1 open ERROR, 1 open WARNING, 1 open INFO, 1 explained WARNING)",
				"By check: COUNT_VS_VERIFIED 2 (2 open WARNING)",
				"By check: REJECTED_RATE_OUTLIER 1 (1 open WARNING)",
				"By check: REPORTED_FIGURE_MISMATCH 2 (2 open ERROR)",
				"By check: REPORTED_BASELINE_MISMATCH 5 (5 open INFO)",
				"By area: Staffordshire and Cheshire 14 (3 open ERROR, 4 open WARNING, 6 open INFO, 1 explained WARNING)",
				"Inputs: 17 files read (0 unreadable, 0 ignored); 608 rows read: 608 accepted, 0 rejected, 0 out of scope",
				"Workbook: " + workbook,
				"Run 0 completed with exit code 2: 3 open errors, 4 open warnings, 6 open INFO");
	}

	@Test
	void shouldEndTheSampleRunWithTheFindingsByCheckAndAreaTheInputsTheWorkbookAndTheExitCode() {
		assertThat(sample.exitCode()).as("%s", sample).isEqualTo(ExitCodes.ERRORS);
		List<String> messages = consoleMessages(sample.printed());
		assertThat(messages.subList(messages.size() - 10, messages.size()))
			.containsExactlyElementsOf(lastWordOfTheSample(output.toAbsolutePath().resolve(Cli.WORKBOOK)));
	}

	@Test
	void shouldStampEveryConsoleLineWithTheDateAndTheOffset() {
		String offset = OffsetDateTime.now().format(DateTimeFormatter.ofPattern("xxx"));
		List<String> lines = sample.printed().lines().toList();
		assertThat(lines).hasSizeGreaterThan(20);
		assertThat(lines).allSatisfy(line -> {
			Matcher matcher = CONSOLE_LINE.matcher(line);
			assertThat(matcher.matches()).as(line).isTrue();
			assertThat(matcher.group(2)).as(line).isEqualTo(offset);
		});
	}

	@Test
	void shouldKeepTheRunsLogInTheOutputFolderWithTheSameLastWord() throws IOException {
		List<String> logs = Cli.names(output.resolve(RunLog.FOLDER));
		assertThat(logs).hasSize(1);
		assertThat(logs.get(0)).matches(LOG_FILE_NAME);
		List<String> lines = Files.readAllLines(output.resolve(RunLog.FOLDER).resolve(logs.get(0)), StandardCharsets.UTF_8);
		assertThat(lines).allSatisfy(line -> assertThat(line).matches(FILE_LINE));
		List<String> messages = lines.stream().map(line -> {
			Matcher matcher = FILE_LINE.matcher(line);
			return matcher.matches() ? matcher.group(2) : line;
		}).toList();
		assertThat(messages.subList(messages.size() - 10, messages.size()))
			.containsExactlyElementsOf(lastWordOfTheSample(output.toAbsolutePath().resolve(Cli.WORKBOOK)));
		// one for one; threads that log at the same moment may reach the two appenders in either order
		assertThat(messages).as("the console's messages").containsExactlyInAnyOrderElementsOf(consoleMessages(sample.printed()));
	}

	@Nested
	class OtherCommands {

		@Test
		void shouldKeepNoLogForStatusAndALogOfItsOwnForEachReport(@TempDir Path temp) throws IOException {
			Path copy = Cli.copySample(temp.resolve("input"));
			Path out = temp.resolve("output");
			assertThat(Cli.run("--input=" + copy, "--output=" + out).exitCode()).isEqualTo(ExitCodes.ERRORS);

			Cli.Result status = Cli.run("status", "--output=" + out);
			assertThat(status.exitCode()).isEqualTo(ExitCodes.CLEAN);
			assertThat(Cli.names(out.resolve(RunLog.FOLDER))).as("status writes no log").hasSize(1);

			Cli.Result report = Cli.run("report", "--output=" + out);
			assertThat(report.exitCode()).as("%s", report).isEqualTo(ExitCodes.ERRORS);
			List<String> messages = consoleMessages(report.printed());
			assertThat(messages).containsExactlyElementsOf(
					java.util.stream.Stream.concat(
							java.util.stream.Stream.of("Wrote " + out.toAbsolutePath().resolve(Cli.WORKBOOK),
									"Wrote " + out.toAbsolutePath().resolve(Cli.INDEX)),
							lastWordOfTheSample(out.toAbsolutePath().resolve(Cli.WORKBOOK)).stream())
						.toList());
			List<String> logs = Cli.names(out.resolve(RunLog.FOLDER));
			assertThat(logs).hasSize(2).allSatisfy(name -> assertThat(name).matches(LOG_FILE_NAME));
			assertThat(Cli.names(out)).containsExactly(".election-recon-db", RunLog.FOLDER, Cli.INDEX, Cli.WORKBOOK);
		}

		@Test
		void shouldPrintAFailedRunInOneLineWithoutAStackTraceAndKeepTheTraceInTheLogFile(@TempDir Path temp)
				throws IOException {
			Path copy = Cli.copySample(temp.resolve("input"));
			Path out = temp.resolve("output");
			Cli.Result failed;
			System.setProperty(FaultInjection.FAIL_PROPERTY, "report-write");
			try {
				failed = Cli.run("--input=" + copy, "--output=" + out);
			}
			finally {
				System.clearProperty(FaultInjection.FAIL_PROPERTY);
			}
			assertThat(failed.exitCode()).as("%s", failed).isEqualTo(ExitCodes.FAILED);
			List<String> messages = consoleMessages(failed.printed());
			assertThat(messages.subList(messages.size() - 2, messages.size())).containsExactly(
					"Step: [reportStep] executed in " + stepTime(messages),
					"Run 0 FAILED: No space left on device. Fix the cause, then run the same command again (or use"
							+ " restart) to resume it.");
			assertThat(messages).contains("Encountered an error executing step reportStep in job reconciliationJob");
			assertThat(failed.printed().lines().filter(line -> !CONSOLE_LINE.matcher(line).matches()))
				.as("lines that are not log events (stack traces)").isEmpty();

			List<String> logs = Cli.names(out.resolve(RunLog.FOLDER));
			assertThat(logs).hasSize(1);
			String log = Files.readString(out.resolve(RunLog.FOLDER).resolve(logs.get(0)), StandardCharsets.UTF_8);
			assertThat(log).contains("Encountered an error executing step reportStep in job reconciliationJob\n"
					+ "java.io.IOException: No space left on device\n\tat org.electionrecon.");
			assertThat(log).endsWith(" ERROR [main] o.e.operate.ReconciliationRunner: Run 0 FAILED: No space left on"
					+ " device. Fix the cause, then run the same command again (or use restart) to resume it.\n");
		}

		private static String stepTime(List<String> messages) {
			return messages.stream().filter(m -> m.startsWith("Step: [reportStep] executed in ")).findFirst()
				.map(m -> m.substring("Step: [reportStep] executed in ".length())).orElse("(no step line)");
		}
	}

	@Nested
	class ManyAreas {

		/**
		 * A run of 13 areas, 12 with findings (area NN has NN open WARNINGs, area 01 an open ERROR too), an
		 * unreadable file and 22 (made-up) workbooks: the ten most serious areas one by one, the rest on one
		 * line, and twenty workbooks.
		 */
		@Test
		void shouldListTheTenMostSeriousAreasAndTenWorkbooksAndCountTheRest() throws Exception {
			SingleConnectionDataSource dataSource = new SingleConnectionDataSource(
					"jdbc:hsqldb:mem:run-summary-" + System.nanoTime() + ";shutdown=true", "SA", "", true);
			try {
				StagingSchema.ensure(dataSource);
				JdbcTemplate jdbc = new JdbcTemplate(dataSource);
				for (int area = 1; area <= 13; area++) {
					String name = String.format("Area %02d", area);
					String code = String.format("E%08d", area);
					jdbc.update("INSERT INTO RECON_CONSTITUENCY (RUN_ID, FILE_SEQ, CODE, NAME, AREA) VALUES (5, 0, ?, ?, ?)", code,
							"Seat " + area, name);
					jdbc.update("INSERT INTO RECON_FIGURES (RUN_ID, CODE, NAME, AREA, BOXES) VALUES (5, ?, ?, ?, 1)", code,
							"Seat " + area, name);
					for (int n = 0; n < area && area <= 12; n++) {
						finding(jdbc, "WARNING", "COUNT_VS_VERIFIED", "OPEN", code);
					}
				}
				finding(jdbc, "ERROR", "BOX_VARIANCE", "OPEN", "E00000001");
				finding(jdbc, "ERROR", "SOURCE_UNREADABLE", "OPEN", null);
				finding(jdbc, "INFO", "INPUT_REVISED", "EXPLAINED", "E00000002");
				jdbc.update("INSERT INTO RECON_SOURCE_FILE (RUN_ID, FILE_SEQ, SEQ, FILE_NAME, KIND, BYTES, ROWS_READ,"
						+ " ROWS_ACCEPTED, ROWS_REJECTED, ROWS_OUT_OF_SCOPE, RECEIVED_AT) VALUES (5, 1, 1, 'verification/a.xlsx',"
						+ " 'verification', 10, 9, 6, 2, 1, TIMESTAMP '2024-07-05 01:12:09'), (5, 2, 2, 'verification/b.xlsx',"
						+ " 'verification', 0, 0, 0, 0, 0, TIMESTAMP '2024-07-05 01:12:09'),"
						+ " (5, 3, 3, 'notes.txt', 'ignored', 3, 0, 0, 0, 0, TIMESTAMP '2024-07-05 01:12:09')");
				List<String> workbooks = java.util.stream.IntStream.rangeClosed(1, 22)
					.mapToObj(n -> String.format("/out/area-%02d-reconciliation.xlsx", n)).toList();

				List<String> lines = new RunSummary(jdbc).lines(5, workbooks, ExitCodes.ERRORS);

				assertThat(lines).containsExactly(
						"Run 5 findings: 2 ERROR (2 open, 0 explained), 78 WARNING (78 open, 0 explained), 1 INFO (0 open, 1 explained)",
						"By check: BOX_VARIANCE 1 (1 open ERROR)",
						"By check: COUNT_VS_VERIFIED 78 (78 open WARNING)",
						"By check: SOURCE_UNREADABLE 1 (1 open ERROR)",
						"By check: INPUT_REVISED 1 (1 explained INFO)",
						"By area: Area 01 2 (1 open ERROR, 1 open WARNING)",
						"By area: (no area) 1 (1 open ERROR)",
						"By area: Area 12 12 (12 open WARNING)",
						"By area: Area 11 11 (11 open WARNING)",
						"By area: Area 10 10 (10 open WARNING)",
						"By area: Area 09 9 (9 open WARNING)",
						"By area: Area 08 8 (8 open WARNING)",
						"By area: Area 07 7 (7 open WARNING)",
						"By area: Area 06 6 (6 open WARNING)",
						"By area: Area 05 5 (5 open WARNING)",
						"By area: 3 more areas 10 (9 open WARNING, 1 explained INFO)",
						"By area: 1 area with no finding",
						"Inputs: 2 files read (1 unreadable, 1 ignored); 9 rows read: 6 accepted, 2 rejected, 1 out of scope",
						"Workbook: /out/area-01-reconciliation.xlsx", "Workbook: /out/area-02-reconciliation.xlsx",
						"Workbook: /out/area-03-reconciliation.xlsx", "Workbook: /out/area-04-reconciliation.xlsx",
						"Workbook: /out/area-05-reconciliation.xlsx", "Workbook: /out/area-06-reconciliation.xlsx",
						"Workbook: /out/area-07-reconciliation.xlsx", "Workbook: /out/area-08-reconciliation.xlsx",
						"Workbook: /out/area-09-reconciliation.xlsx", "Workbook: /out/area-10-reconciliation.xlsx",
						"Workbook: /out/area-11-reconciliation.xlsx", "Workbook: /out/area-12-reconciliation.xlsx",
						"Workbook: /out/area-13-reconciliation.xlsx", "Workbook: /out/area-14-reconciliation.xlsx",
						"Workbook: /out/area-15-reconciliation.xlsx", "Workbook: /out/area-16-reconciliation.xlsx",
						"Workbook: /out/area-17-reconciliation.xlsx", "Workbook: /out/area-18-reconciliation.xlsx",
						"Workbook: /out/area-19-reconciliation.xlsx", "Workbook: /out/area-20-reconciliation.xlsx",
						"Workbooks: 2 more in the same folder, 22 in all (the log file names each)",
						"Run 5 completed with exit code 2: 2 open errors, 78 open warnings, 0 open INFO");
			}
			finally {
				dataSource.destroy();
			}
		}

		private static void finding(JdbcTemplate jdbc, String severity, String check, String status, String code) {
			jdbc.update("INSERT INTO RECON_FINDING (RUN_ID, STAGE, SEVERITY, CHECK_CODE, STATUS, CONSTITUENCY_CODE, MESSAGE,"
					+ " SOURCE) VALUES (5, 'test', ?, ?, ?, ?, 'm', ?)", severity, check, status, code,
					code == null ? "verification/b.xlsx" : "s");
		}
	}

	/** The messages of the console's log lines, without their time and level. */
	static List<String> consoleMessages(String printed) {
		return printed.lines().map(line -> {
			Matcher matcher = CONSOLE_LINE.matcher(line);
			return matcher.matches() ? matcher.group(4) : line;
		}).toList();
	}
}
