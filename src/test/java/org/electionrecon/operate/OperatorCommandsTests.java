package org.electionrecon.operate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import org.electionrecon.run.ExitCodes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator's commands on an empty database and on one with a completed run of the sample. */
class OperatorCommandsTests {

	@TempDir
	static Path completed;

	private static Path output;

	@BeforeAll
	static void reconcileTheSample() throws Exception {
		Path input = Cli.copySample(completed.resolve("input"));
		output = completed.resolve("output");
		Cli.Result run = Cli.run("--input=" + input, "--output=" + output);
		assertThat(run.exitCode()).as("the sample: %s", run).isEqualTo(ExitCodes.ERRORS);
	}

	@Test
	void shouldSayThereIsNoJobDatabaseInAFolderNoRunHasUsed(@TempDir Path empty) {
		Cli.Result status = Cli.run("status", "--output=" + empty);
		assertThat(status.exitCode()).isEqualTo(ExitCodes.FAILED);
		assertThat(status.printed().lines()).containsExactly("election-recon: no job database in "
				+ empty.resolve(".election-recon-db") + ": no run has used this output folder (give the run's --output"
				+ " or --database-dir)");
		assertThat(Cli.names(empty)).isEmpty();
	}

	@Test
	void shouldListTheCompletedRunWithItsOpenFindings() {
		Cli.Result status = Cli.run("status", "--output=" + output);
		assertThat(status.exitCode()).isEqualTo(ExitCodes.CLEAN);
		// 3 open errors, 4 open warnings, 6 open infos (the Stafford box variance is explained)
		assertThat(status.printed()).containsPattern("(?m)^0\\s+COMPLETED\\s+\\S+ \\S+\\s+\\S+ \\S+\\s+2024-07-04\\s+3\\s+4\\s+6\\s")
			.doesNotContain("failed in");
	}

	@Test
	void shouldSayWhenAskedForARunThatDoesNotExist() {
		Cli.Result status = Cli.run("status", "--run=99", "--output=" + output);
		assertThat(status.exitCode()).isEqualTo(ExitCodes.FAILED);
		assertThat(status.printed()).contains("There is no run 99.");
	}

	@Test
	void shouldRecoverNothingWhenNoRunIsRunning() {
		Cli.Result recover = Cli.run("recover", "--output=" + output);
		assertThat(recover.exitCode()).isEqualTo(ExitCodes.CLEAN);
		assertThat(recover.printed()).contains("No run is marked as running: nothing to recover.");
		assertThat(Cli.run("status", "--output=" + output).printed()).containsPattern("(?m)^0\\s+COMPLETED\\s");
	}

	@Test
	void shouldRestartNothingWhenNoRunFailed() {
		Cli.Result restart = Cli.run("restart", "--output=" + output);
		assertThat(restart.exitCode()).isEqualTo(ExitCodes.FAILED);
		assertThat(restart.printed()).contains("There is no failed run to restart.");
	}

	@Test
	void shouldRebuildTheLastCompletedRunsWorkbookAndIndexIntoAnotherFolder(@TempDir Path elsewhere) throws Exception {
		Path rebuilt = elsewhere.resolve("rebuilt");
		Cli.Result report = Cli.run("report", "--output=" + rebuilt,
				"--database-dir=" + output.resolve(".election-recon-db"));
		assertThat(report.exitCode()).as("report: %s", report).isEqualTo(ExitCodes.ERRORS);
		assertThat(Cli.names(rebuilt)).containsExactly(RunLog.FOLDER, Cli.INDEX, Cli.WORKBOOK);
		// the same run: its number, start, end, folders and settings are the same; the rebuild adds its own line
		WorkbookComparison.Result comparison = WorkbookComparison.compare(output.resolve(Cli.WORKBOOK),
				rebuilt.resolve(Cli.WORKBOOK), Set.of());
		assertThat(comparison.differences()).as(comparison.describe()).hasSize(3);
		// row 36: the 17 files below the header, a blank row, 16 run facts, then the rebuild's
		assertThat(comparison.differences().get(0)).isEqualTo("Provenance: last row 35 expected but was 36");
		assertThat(comparison.differences().get(1))
			.isEqualTo("Provenance!A36: expected (none) but was text 'Rebuilt at' [@]");
		assertThat(comparison.differences().get(2)).matches(
				"Provenance!B36: expected \\(none\\) but was text '\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d' \\[@\\]");
		assertThat(comparison.cellsCompared()).isGreaterThan(4000);
		assertThat(Files.exists(output.resolve(Cli.WORKBOOK))).isTrue();
		// the index too, cell for cell: it has no run facts of its own to differ
		WorkbookComparison.Result index = WorkbookComparison.compare(output.resolve(Cli.INDEX), rebuilt.resolve(Cli.INDEX),
				Set.of());
		assertThat(index.differences()).as(index.describe()).isEmpty();
		// Areas: a header and one area of 9 columns; Constituencies: a header and 14 rows of 9 (the
		// received times too: the same database, the same times)
		assertThat(index.cellsCompared()).isEqualTo(2 * 9 + 15 * 9);
		assertThat(report.printed()).contains("Wrote " + rebuilt.resolve(Cli.INDEX));
	}
}
