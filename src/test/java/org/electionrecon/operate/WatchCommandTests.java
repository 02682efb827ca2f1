package org.electionrecon.operate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.electionrecon.ReportWorkbookReader;
import org.electionrecon.run.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code watch} as a desk runs it on count night, in a JVM of its own: files copied into the input
 * folder one by one, an update line for each, the index workbook's statuses after each, and a stop
 * by SIGTERM; then a watch killed (SIGKILL) in the middle of an update and started again with the
 * same command, which ends with the workbooks of a night that was not interrupted.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class WatchCommandTests {

	private static final Duration UPDATE = Duration.ofSeconds(90);

	/** Everything but the verification statements: the register, the baseline, the reports and notes, the declarations. */
	private static final List<String> FIRST = List.of("register/register.csv",
			"notional/RallingsThrasher-2019-notional-results-2024-boundaries.csv",
			"reported/bbc-live-staffordshire-and-cheshire-2024-07-05.csv", "explanations/operator-notes.csv",
			"declarations/HoC-GE2024-results-by-candidate.csv", "declarations/HoC-GE2024-results-by-constituency.csv");

	private static final List<String> SEATS = List.of("Burton and Uttoxeter", "Cannock Chase", "Congleton",
			"Crewe and Nantwich", "Kingswinford and South Staffordshire", "Lichfield", "Newcastle-under-Lyme", "Stafford",
			"Staffordshire Moorlands", "Stoke-on-Trent Central", "Stoke-on-Trent North", "Stoke-on-Trent South",
			"Stone, Great Wyrley and Penkridge", "Tamworth");

	@Test
	void shouldReconcileEachArrivalAndStopOnSigterm(@TempDir Path temp) throws Exception {
		Path input = temp.resolve("input");
		Path output = temp.resolve("output");
		for (String file : FIRST) {
			arrive(file, input);
		}
		Files.createDirectories(input.resolve("verification"));
		try (JobProcess watch = JobProcess.start(List.of("watch", "--input=" + input, "--output=" + output,
				"--settle=300ms", "--poll=100ms"))) {
			assertThat(watch.awaitLine("Update 1 ", UPDATE)).matches("Update 1 at \\d\\d:\\d\\d:\\d\\d: the folder as it"
					+ " is, 6 input files; run 0: 6 files read, 0 reused; 14 seats changed; 3 errors, 1 warning, 5"
					+ " info open; exit code 2; \\d+\\.\\d s");
			// no statement yet: every seat is waiting for its verification
			assertThat(statuses(output)).isEqualTo(statuses(List.of()));

			arrive("verification/stafford.xlsx", input);
			assertThat(watch.awaitLine("Update 2 ", UPDATE)).contains(": verification/stafford.xlsx added; run 1: 1 file"
					+ " read, 6 reused; 14 seats changed; 15 errors, 1 warning, 5 info open; exit code 2; ");
			assertThat(statuses(output)).isEqualTo(statuses(List.of("Stafford")));

			// a download in progress and an Office lock file are not input files: no update until the rename
			Files.copy(Cli.SAMPLE.resolve("verification/tamworth.xlsx"), input.resolve("verification/tamworth.xlsx.part"));
			Files.writeString(input.resolve("verification/~$tamworth.xlsx"), "lock");
			Thread.sleep(1500);
			assertThat(watch.stdout()).doesNotContain("Update 3 ");
			Files.move(input.resolve("verification/tamworth.xlsx.part"), input.resolve("verification/tamworth.xlsx"));
			assertThat(watch.awaitLine("Update 3 ", UPDATE)).contains(": verification/tamworth.xlsx added; run 2: 1 file"
					+ " read, 7 reused; 1 seat changed; 14 errors, 1 warning, 5 info open; exit code 2; ");
			assertThat(statuses(output)).isEqualTo(statuses(List.of("Stafford", "Tamworth")));

			Files.delete(input.resolve("verification/stafford.xlsx"));
			assertThat(watch.awaitLine("Update 4 ", UPDATE)).contains(": verification/stafford.xlsx removed; run 3: 0 files"
					+ " read, 7 reused; 1 seat changed; 15 errors, 1 warning, 5 info open; exit code 2; ");
			assertThat(statuses(output)).isEqualTo(statuses(List.of("Tamworth")));

			// Stafford's statement put back: the folder is as run 2 had it, but the workbooks are run 3's, so
			// it is reconciled again as a new run (its files copied from the earlier runs' staging)
			arrive("verification/stafford.xlsx", input);
			assertThat(watch.awaitLine("Update 5 ", UPDATE)).contains(": verification/stafford.xlsx added; run 4: 0 files"
					+ " read, 8 reused; 1 seat changed; 14 errors, 1 warning, 5 info open; exit code 2; ");
			assertThat(statuses(output)).isEqualTo(statuses(List.of("Stafford", "Tamworth")));

			watch.terminate();
			assertThat(watch.awaitExit(Duration.ofSeconds(60))).as(watch.output()).isEqualTo(ExitCodes.ERRORS);
			assertThat(watch.stdout()).as(watch.output()).contains("Stopped watching after 5 updates; exit code 2 (the last"
					+ " update's)\n").doesNotContain("Update 6 ");
		}

		// started again on the same folder: the last run has these inputs, and is not repeated
		try (JobProcess watch = JobProcess.start(List.of("watch", "--input=" + input, "--output=" + output,
				"--settle=300ms", "--poll=100ms"))) {
			assertThat(watch.awaitLine("Update 1 ", UPDATE)).contains(": the folder as it is, 8 input files; run 4 already"
					+ " reconciled these inputs: no file read, no seat changed; 14 errors, 1 warning, 5 info open; exit code"
					+ " 2; ");
			watch.terminate();
			assertThat(watch.awaitExit(Duration.ofSeconds(60))).as(watch.output()).isEqualTo(ExitCodes.ERRORS);
		}
		try (StagingDatabase database = StagingDatabase.open(output)) {
			assertThat(database.single("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE")).as("runs").isEqualTo(5);
		}
		assertThat(Cli.run("watch", "--input=" + input, "--output=" + output, "--rerun").printed())
			.contains("election-recon: --rerun does not apply to watch");
	}

	/**
	 * A watch killed (SIGKILL) in the middle of its second update, after the run reconciled the seats
	 * and before it wrote the workbooks, then started again with the same command: its first update
	 * resumes that run, and the workbooks are those of a night with no kill (the same runs made by
	 * the run command).
	 */
	@Test
	void shouldResumeAKilledWatchWithTheSameCommand(@TempDir Path temp) throws Exception {
		Path input = temp.resolve("input");
		Path output = temp.resolve("output");
		Path uninterrupted = temp.resolve("uninterrupted");
		for (String file : FIRST) {
			arrive(file, input);
		}
		arrive("verification/stafford.xlsx", input);
		List<String> command = List.of("watch", "--input=" + input, "--output=" + output, "--settle=300ms",
				"--poll=100ms");
		assertThat(Cli.run("--input=" + input, "--output=" + uninterrupted).exitCode()).isEqualTo(ExitCodes.ERRORS);

		try (JobProcess watch = JobProcess.startPausingAt("areaChecksStep", 2, command)) {
			assertThat(watch.awaitLine("Update 1 ", UPDATE)).contains(": the folder as it is, 7 input files; run 0: 7 files"
					+ " read, 0 reused; 14 seats changed; 15 errors, 1 warning, 5 info open; exit code 2; ");
			arrive("verification/tamworth.xlsx", input);
			assertThat(watch.awaitPause(UPDATE)).as("paused%n%s", watch.output()).isEqualTo("areaChecksStep");
			Thread.sleep(1000); // the commits made before the pause reach the database's log
			watch.kill();
			assertThat(watch.stdout()).doesNotContain("Update 2 ");
		}
		assertThat(Cli.run("--input=" + input, "--output=" + uninterrupted).exitCode()).isEqualTo(ExitCodes.ERRORS);

		try (JobProcess watch = JobProcess.start(command)) {
			assertThat(watch.awaitLine("Update 1 ", UPDATE)).contains(": the folder as it is, 8 input files; run 1"
					+ " (resumed): 1 file read, 7 reused; 1 seat changed; 14 errors, 1 warning, 5 info open; exit code 2; ");
			watch.terminate();
			assertThat(watch.awaitExit(Duration.ofSeconds(60))).as(watch.output()).isEqualTo(ExitCodes.ERRORS);
			assertThat(watch.stdout()).contains("A run was left running by a process that is gone (killed, or the machine"
					+ " rebooted): marking it failed, to be resumed by the first update\n");
		}
		for (String workbook : List.of(Cli.WORKBOOK, Cli.INDEX)) {
			WorkbookComparison.Result comparison = WorkbookComparison.compare(uninterrupted.resolve(workbook),
					output.resolve(workbook));
			assertThat(comparison.differences()).as("%s: %s", workbook, comparison.describe()).isEmpty();
			assertThat(comparison.cellsCompared()).as(workbook).isGreaterThan(100);
		}
		try (StagingDatabase database = StagingDatabase.open(output)) {
			assertThat(database.jobExecutionStatuses()).containsExactly("COMPLETED", "FAILED", "COMPLETED");
		}
	}

	/** The sample's fourteen seats in the index's order: those given clean, every other one missing its statement. */
	private static Map<String, String> statuses(List<String> clean) {
		Map<String, String> statuses = new LinkedHashMap<>();
		for (String seat : SEATS) {
			statuses.put(seat, clean.contains(seat) ? "clean" : "missing");
		}
		return statuses;
	}

	private static void arrive(String file, Path input) throws IOException {
		Path target = input.resolve(file);
		Files.createDirectories(target.getParent());
		Files.copy(Cli.SAMPLE.resolve(file), target);
	}

	/** The index workbook's Constituencies sheet: each constituency's status, in the sheet's order. */
	private static Map<String, String> statuses(Path output) throws Exception {
		Map<String, String> statuses = new LinkedHashMap<>();
		try (ReportWorkbookReader index = new ReportWorkbookReader(output.resolve(Cli.INDEX))) {
			for (Map<String, Object> row : index.rows("Constituencies")) {
				statuses.put((String) row.get("Constituency"), (String) row.get("Status"));
			}
		}
		return statuses;
	}
}
