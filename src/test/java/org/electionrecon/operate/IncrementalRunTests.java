package org.electionrecon.operate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.electionrecon.InputFolders;
import org.electionrecon.ReportWorkbookReader;
import org.electionrecon.run.ExitCodes;
import org.electionrecon.run.FaultInjection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Count night, scripted: the sample's files arrive one by one in one input folder, and after each
 * arrival the folder is reconciled twice, by an incremental run in one job database (files staged
 * unchanged by its earlier runs are copied, not read) and by a {@code --full} run in another (every
 * file read). Both databases see the same series of runs, so INPUT_REVISED compares each with the
 * same previous run; their workbooks must be the same cell by cell after every arrival.
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class IncrementalRunTests {

	private static final Set<String> SAMPLE_SEATS = Set.of("E14001143", "E14001150", "E14001178", "E14001185",
			"E14001316", "E14001335", "E14001380", "E14001513", "E14001514", "E14001520", "E14001521", "E14001522",
			"E14001523", "E14001538");

	/** The register constituencies of the sample's areas: every run reconciles or carries over each. */
	private static final int CONSTITUENCIES = 14;

	/**
	 * How many constituencies each step's incremental run carries over from the run before (the
	 * others are reconciled): none at first (no run before); none when the first statement arrives
	 * (verification/ was missing before: a run-level difference); then all but the seats of the
	 * statement that arrives (Stoke-on-Trent's council covers three, Cheshire East's two, every other
	 * statement one); none for the revised declarations (the constituency file declares every seat);
	 * all but Stafford when its statement is withdrawn, Congleton and Crewe and Nantwich among them,
	 * whose INPUT_REVISED of the run before is not carried.
	 */
	private static final int[] CARRIED = { 0, 0, 13, 11, 13, 13, 13, 13, 13, 12, 13, 13, 0, 13 };

	private static final String CONSTITUENCY_FILE = "HoC-GE2024-results-by-constituency.csv";

	/** The files that are there from the start: the register, the baseline, the reports and notes, the declarations. */
	private static final List<String> FIRST = List.of("register/register.csv",
			"notional/RallingsThrasher-2019-notional-results-2024-boundaries.csv",
			"reported/bbc-live-staffordshire-and-cheshire-2024-07-05.csv", "explanations/operator-notes.csv",
			"declarations/HoC-GE2024-results-by-candidate.csv");

	/**
	 * The verification statements in the order they arrive: against their names' order, so each one
	 * is read before every file already staged, and every staged file's sequence numbers move.
	 */
	private static final List<String> STATEMENTS = List.of("tamworth.xlsx", "stone-great-wyrley-and-penkridge.xlsx",
			"stoke-on-trent-city-council.xlsx", "staffordshire-moorlands.xlsx", "stafford.xlsx",
			"newcastle-under-lyme.xlsx", "lichfield.xlsx", "kingswinford-and-south-staffordshire.xlsx",
			"cheshire-east-council.xlsx", "cannock-chase.xlsx", "burton-and-uttoxeter.xlsx");

	@Test
	void shouldGiveTheWorkbooksOfAFullRunAfterEveryArrival(@TempDir Path temp) throws Exception {
		Path input = temp.resolve("input");
		Path incremental = temp.resolve("incremental");
		Path full = temp.resolve("full");
		for (String file : FIRST) {
			arrive(file, input);
		}
		// the declarations as first published (July 2024), revised later
		InputFolders.restrictedHocFile("ge2024/HoC-GE2024-results-by-constituency_v2024-07.csv", SAMPLE_SEATS,
				input.resolve("declarations"), CONSTITUENCY_FILE);
		List<String> steps = new ArrayList<>();

		steps.add(reconcileBoth("the declarations", input, incremental, full, 0, 6, CARRIED[0]));

		for (int i = 0; i < STATEMENTS.size(); i++) {
			arrive("verification/" + STATEMENTS.get(i), input);
			steps.add(reconcileBoth("statement " + (i + 1) + ", " + STATEMENTS.get(i), input, incremental, full, 6 + i, 1,
					CARRIED[1 + i]));
		}
		assertThat(findings(incremental)).noneMatch(f -> "INPUT_REVISED".equals(f.get("Check")));

		InputFolders.restrictedHocFile("ge2024/HoC-GE2024-results-by-constituency.csv", SAMPLE_SEATS,
				input.resolve("declarations"), CONSTITUENCY_FILE);
		steps.add(reconcileBoth("the revised declarations", input, incremental, full, 16, 1, CARRIED[12]));
		// the revision is found by both, against the run before it
		assertThat(findings(incremental)).filteredOn(f -> "INPUT_REVISED".equals(f.get("Check")))
			.extracting(f -> f.get("Constituency"), f -> f.get("Expected"), f -> f.get("Actual"))
			.containsExactly(tuple("Congleton", 72914.0, 74243.0), tuple("Crewe and Nantwich", 77095.0, 78423.0));

		Files.delete(input.resolve("verification/stafford.xlsx"));
		steps.add(reconcileBoth("Stafford's statement withdrawn", input, incremental, full, 16, 0, CARRIED[13]));
		assertThat(findings(incremental)).filteredOn(f -> "MISSING_VERIFICATION".equals(f.get("Check")))
			.extracting(f -> f.get("Constituency"))
			.containsExactly("Stafford");
		assertThat(steps).hasSize(14);

		// what the runs staged is the same too, row for row, but for the note of where a copy came from
		try (StagingDatabase copies = StagingDatabase.open(incremental); StagingDatabase reads = StagingDatabase.open(full)) {
			assertThat(copies.duplicates()).isEmpty();
			assertThat(copies.single("SELECT COUNT(*) FROM RECON_SOURCE_FILE WHERE REUSED_FROM_RUN IS NOT NULL"))
				.isEqualTo(6 + 7 + 8 + 9 + 10 + 11 + 12 + 13 + 14 + 15 + 16 + 16 + 16);
			assertThat(reads.single("SELECT COUNT(*) FROM RECON_SOURCE_FILE WHERE REUSED_FROM_RUN IS NOT NULL")).isZero();
			assertThat(assertSameStagedRows(copies, reads).get("RECON_BOX_BLOCK")).hasSizeGreaterThan(100);
			// a copied file has no partition: only the files read got a step execution of their own
			// (the register once; the first five other files, then one file per arrival and the revision)
			assertThat(copies.single("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE STEP_NAME LIKE 'registerStep:%'"))
				.isEqualTo(1);
			assertThat(copies.single("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE STEP_NAME LIKE 'ingestStep:%'"))
				.isEqualTo(5 + 11 + 1);
			assertThat(reads.single("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION WHERE STEP_NAME LIKE 'ingestStep:%'"))
				.isEqualTo(5 + 6 + 7 + 8 + 9 + 10 + 11 + 12 + 13 + 14 + 15 + 16 + 16 + 15);
		}
	}

	/**
	 * An incremental run killed while it copies the files an earlier run staged, the register's copy
	 * committed and the other files' copy in the middle of its transaction, then recovered and run
	 * again, ends with the workbooks and the staged rows of an uninterrupted run that read every
	 * file: nothing copied twice, nothing half copied.
	 */
	@Test
	void shouldFinishAnIncrementalRunKilledMidCopyAsIfItHadReadEveryFile(@TempDir Path temp) throws Exception {
		Path input = Cli.copySample(temp.resolve("input"));
		Path killedOutput = temp.resolve("killed");
		Path fullOutput = temp.resolve("full");
		runIncrementallyAndFully(input, killedOutput, fullOutput);
		// Tamworth's statement is withdrawn: every file left is unchanged, so the next run copies them all
		Files.delete(input.resolve("verification/tamworth.xlsx"));
		String[] command = { "--input=" + input, "--output=" + killedOutput };

		// the register's file is copied, the copy of the ingest's 15 files is made but not committed
		try (JobProcess job = JobProcess.startPausingAt("ingestStep.copy", 1, List.of(command))) {
			assertThat(job.awaitPause(java.time.Duration.ofSeconds(120))).as("paused%n%s", job.output())
				.isEqualTo("ingestStep.copy");
			Thread.sleep(2000); // the commits made before the pause reach the database's log
			job.kill();
			assertThat(job.output()).contains("Reusing verification/")
				.contains("registerStep: 1 files, 1 copied from earlier runs' staging");
		}
		assertThat(Cli.run("recover", "--output=" + killedOutput).exitCode()).isEqualTo(ExitCodes.CLEAN);
		Cli.Result restarted = Cli.run(command);
		assertThat(restarted.exitCode()).as("%s", restarted).isEqualTo(ExitCodes.ERRORS);
		assertThat(restarted.printed()).contains("Restarting run 1 (FAILED) where it stopped")
			.contains("ingestStep: 15 files, 15 copied from earlier runs' staging")
			.doesNotContain("registerStep: 1 files")
			.contains("Input files: 16 reused (unchanged since an earlier completed run staged them), 0 read\n");
		WorkbookComparison.Result comparison = assertSameWorkbookAsAFullRun(input, killedOutput, fullOutput);
		assertThat(comparison.cellsCompared()).isGreaterThan(4000);
		try (StagingDatabase copies = StagingDatabase.open(killedOutput);
				StagingDatabase reads = StagingDatabase.open(fullOutput)) {
			assertThat(copies.duplicates()).isEmpty();
			assertThat(copies.jobExecutionStatuses()).containsExactly("COMPLETED", "FAILED", "COMPLETED");
			assertThat(copies.single("SELECT COUNT(*) FROM RECON_SOURCE_FILE WHERE RUN_ID = 1 AND REUSED_FROM_RUN = 0"))
				.isEqualTo(16);
			assertThat(copies.single("SELECT COUNT(*) FROM BATCH_STEP_EXECUTION E JOIN BATCH_JOB_EXECUTION J"
					+ " ON J.JOB_EXECUTION_ID = E.JOB_EXECUTION_ID WHERE J.JOB_INSTANCE_ID = 1 AND E.STEP_NAME LIKE '%:%'"))
				.as("partitions of run 1").isZero();
			assertSameStagedRows(copies, reads);
		}
	}

	/**
	 * An incremental run whose copy of the unchanged files fails (the disk full) before it commits
	 * fails with nothing copied and no record of a copy, and its restart copies every file again:
	 * no file is left out because the failed execution meant to copy it.
	 */
	@Test
	void shouldCopyAgainOnRestartWhenTheCopyFailed(@TempDir Path temp) throws Exception {
		Path input = Cli.copySample(temp.resolve("input"));
		Path output = temp.resolve("output");
		Path fullOutput = temp.resolve("full");
		runIncrementallyAndFully(input, output, fullOutput);
		Files.delete(input.resolve("verification/tamworth.xlsx"));
		String[] command = { "--input=" + input, "--output=" + output };
		Cli.Result failed;
		System.setProperty(FaultInjection.FAIL_PROPERTY, "ingestStep.copy");
		try {
			failed = Cli.run(command);
		}
		finally {
			System.clearProperty(FaultInjection.FAIL_PROPERTY);
		}
		assertThat(failed.exitCode()).as("%s", failed).isEqualTo(ExitCodes.FAILED);
		assertThat(failed.printed()).contains("No space left on device");
		try (StagingDatabase database = StagingDatabase.open(output)) {
			// the register's copy committed in its own step; the ingest's files have nothing staged
			assertThat(database.single("SELECT COUNT(*) FROM RECON_SOURCE_FILE WHERE RUN_ID = 1")).isEqualTo(1);
		}

		Cli.Result restarted = Cli.run(command);
		assertThat(restarted.exitCode()).as("%s", restarted).isEqualTo(ExitCodes.ERRORS);
		assertThat(restarted.printed()).contains("Restarting run 1 (FAILED) where it stopped")
			.contains("ingestStep: 15 files, 15 copied from earlier runs' staging")
			.contains("Input files: 16 reused (unchanged since an earlier completed run staged them), 0 read\n");
		assertSameWorkbookAsAFullRun(input, output, fullOutput);
		try (StagingDatabase copies = StagingDatabase.open(output);
				StagingDatabase reads = StagingDatabase.open(fullOutput)) {
			assertThat(copies.duplicates()).isEmpty();
			assertSameStagedRows(copies, reads);
		}
	}

	/**
	 * An incremental run killed after its copy of the unchanged files committed, while the one
	 * changed file's partition is in the middle of its first chunk, then recovered and run again:
	 * the restart copies nothing again and reads only that file, and the run ends with the
	 * workbooks and the staged rows of a run that read every file.
	 */
	@Test
	void shouldFinishAnIncrementalRunKilledWhileItReadsAChangedFileAfterItsCopy(@TempDir Path temp) throws Exception {
		Path input = Cli.copySample(temp.resolve("input"));
		Path killedOutput = temp.resolve("killed");
		Path fullOutput = temp.resolve("full");
		runIncrementallyAndFully(input, killedOutput, fullOutput);
		// the declarations as first published: the one changed file of the next run
		InputFolders.restrictedHocFile("ge2024/HoC-GE2024-results-by-constituency_v2024-07.csv", SAMPLE_SEATS,
				input.resolve("declarations"), CONSTITUENCY_FILE);
		String[] command = { "--input=" + input, "--output=" + killedOutput };

		try (JobProcess job = JobProcess.startPausingAt("ingestStep", 1, List.of(command))) {
			assertThat(job.awaitPause(java.time.Duration.ofSeconds(120))).as("paused%n%s", job.output())
				.isEqualTo("ingestStep");
			Thread.sleep(2000); // the commits made before the pause reach the database's log
			job.kill();
			assertThat(job.output()).contains("ingestStep: 16 files, 15 copied from earlier runs' staging")
				.contains("Reading declarations source declarations/" + CONSTITUENCY_FILE);
		}
		assertThat(Cli.run("recover", "--output=" + killedOutput).exitCode()).isEqualTo(ExitCodes.CLEAN);
		Cli.Result restarted = Cli.run(command);
		assertThat(restarted.exitCode()).as("%s", restarted).isEqualTo(ExitCodes.ERRORS);
		assertThat(restarted.printed()).contains("Restarting run 1 (FAILED) where it stopped")
			.contains("ingestStep: 16 files, 1 to read (15 done before)")
			.doesNotContain("Reusing ")
			.contains("Input files: 16 reused (unchanged since an earlier completed run staged them), 1 read\n");
		WorkbookComparison.Result comparison = assertSameWorkbookAsAFullRun(input, killedOutput, fullOutput);
		try (StagingDatabase copies = StagingDatabase.open(killedOutput);
				StagingDatabase reads = StagingDatabase.open(fullOutput)) {
			assertThat(copies.duplicates()).isEmpty();
			assertThat(copies.jobExecutionStatuses()).containsExactly("COMPLETED", "FAILED", "COMPLETED");
			assertThat(copies.single("SELECT COUNT(*) FROM RECON_SOURCE_FILE WHERE RUN_ID = 1 AND REUSED_FROM_RUN = 0"))
				.isEqualTo(16);
			assertSameStagedRows(copies, reads);
		}
	}

	/**
	 * An incremental run killed in reconcileStep, after it carried over the untouched constituencies
	 * and committed the first it reconciled, with the second written but not committed, then
	 * recovered and run again, ends with the workbook and reconcileStep's rows of a {@code --full}
	 * run: the restart carries them over again and reconciles the rest, nothing twice.
	 */
	@Test
	void shouldFinishAnIncrementalRunKilledMidReconcileAsIfItHadReconciledEveryConstituency(@TempDir Path temp)
			throws Exception {
		Path input = Cli.copySample(temp.resolve("input"));
		Path killedOutput = temp.resolve("killed");
		Path fullOutput = temp.resolve("full");
		String chunk = "--recon.reconcile-chunk-size=1";
		runIncrementallyAndFully(input, killedOutput, fullOutput, chunk);
		// Stoke-on-Trent's statement is withdrawn: its three seats are reconciled, the other eleven carried over
		Files.delete(input.resolve("verification/stoke-on-trent-city-council.xlsx"));
		String[] command = { "--input=" + input, "--output=" + killedOutput, chunk };

		try (JobProcess job = JobProcess.startPausingAt("reconcileStep", 2, List.of(command))) {
			assertThat(job.awaitPause(java.time.Duration.ofSeconds(120))).as("paused%n%s", job.output())
				.isEqualTo("reconcileStep");
			Thread.sleep(2000); // the commits made before the pause reach the database's log
			job.kill();
			assertThat(job.output()).contains("Constituencies: 3 to reconcile, 11 carried over from run 0");
		}
		assertThat(Cli.run("recover", "--output=" + killedOutput).exitCode()).isEqualTo(ExitCodes.CLEAN);
		Cli.Result restarted = Cli.run(command);
		assertThat(restarted.exitCode()).as("%s", restarted).isEqualTo(ExitCodes.ERRORS);
		assertThat(restarted.printed()).contains("Restarting run 1 (FAILED) where it stopped")
			.contains("Constituencies: 3 to reconcile, 11 carried over from run 0");
		WorkbookComparison.Result comparison = assertSameWorkbookAsAFullRun(input, killedOutput, fullOutput, chunk);
		assertThat(comparison.cellsCompared()).isGreaterThan(4000);
		try (StagingDatabase restartedRun = StagingDatabase.open(killedOutput);
				StagingDatabase reads = StagingDatabase.open(fullOutput)) {
			assertThat(restartedRun.duplicates()).isEmpty();
			assertThat(restartedRun.jobExecutionStatuses()).containsExactly("COMPLETED", "FAILED", "COMPLETED");
			assertThat(restartedRun.single("SELECT COUNT(*) FROM RECON_FIGURES WHERE RUN_ID = 1")).isEqualTo(14);
			assertSameOutcomes(restartedRun, reads, "restarted run");
		}
	}

	/**
	 * {@code --full} is how a run stages its files, not what it reconciles: with the inputs of a
	 * completed run it repeats nothing, and with {@code --rerun} it reconciles them anew from every file.
	 */
	@Test
	void shouldNotMakeANewRunOfTheSameInputsForFullAlone(@TempDir Path temp) throws Exception {
		Path input = Cli.copySample(temp.resolve("input"));
		Path output = temp.resolve("output");
		assertThat(Cli.run("--input=" + input, "--output=" + output).exitCode()).isEqualTo(ExitCodes.ERRORS);

		Cli.Result full = Cli.run("--input=" + input, "--output=" + output, "--full");
		assertThat(full.exitCode()).isEqualTo(ExitCodes.ERRORS);
		assertThat(full.printed()).contains("--full reads every input file again only for a run that reads its inputs:"
				+ " these inputs are reconciled already. Give --rerun --full to reconcile them anew from every file.")
			.contains("Run 0 already reconciled these inputs with these settings")
			.doesNotContain("Input files:");

		Cli.Result rerunFull = Cli.run("--input=" + input, "--output=" + output, "--rerun", "--full");
		assertThat(rerunFull.exitCode()).isEqualTo(ExitCodes.ERRORS);
		assertThat(rerunFull.printed())
			.contains("Input files: 0 reused (unchanged since an earlier completed run staged them), 17 read (--full:"
					+ " every file read again)\n")
			.contains("Inputs: 17 files read (0 unreadable, 0 ignored); 608 rows read");

		Cli.Result rerun = Cli.run("--input=" + input, "--output=" + output, "--rerun");
		assertThat(rerun.exitCode()).isEqualTo(ExitCodes.ERRORS);
		assertThat(rerun.printed())
			.contains("Input files: 17 reused (unchanged since an earlier completed run staged them), 0 read\n")
			.contains("Reusing register/register.csv: unchanged since run 1 staged it")
			.contains("Inputs: 17 files read (0 unreadable, 0 ignored, 17 of them unchanged and copied from an earlier"
					+ " run's staging); 608 rows read: 608 accepted, 0 rejected, 0 out of scope");
		try (StagingDatabase database = StagingDatabase.open(output)) {
			assertThat(database.single("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE")).as("runs").isEqualTo(3);
		}
	}

	/**
	 * Runs the incremental and the full run of the folder as it is now, and compares their workbooks.
	 *
	 * @param reused how many files the incremental run should copy
	 * @param read how many it should read
	 * @param carried how many constituencies it should carry over from the run before, their inputs unchanged
	 */
	private static String reconcileBoth(String step, Path input, Path incremental, Path full, int reused, int read,
			int carried) throws Exception {
		Cli.Result copied = Cli.run("--input=" + input, "--output=" + incremental);
		Cli.Result readAll = Cli.run("--input=" + input, "--output=" + full, "--full");

		assertThat(copied.exitCode()).as("%s: %s", step, copied).isEqualTo(readAll.exitCode())
			.isNotEqualTo(ExitCodes.FAILED);
		assertThat(copied.printed()).as(step)
			.contains("Input files: " + reused + " reused (unchanged since an earlier completed run staged them), "
					+ read + " read\n");
		assertThat(readAll.printed()).as(step)
			.contains("Input files: 0 reused (unchanged since an earlier completed run staged them), " + (reused + read)
					+ " read (--full: every file read again)\n");
		assertThat(readAll.printed()).as(step)
			.containsPattern("Constituencies: " + CONSTITUENCIES + " to reconcile, 0 carried over \\((--full|no previous"
					+ " completed run of this election)\\)\n");
		assertThat(copied.printed()).as(step)
			.containsPattern("Constituencies: " + (CONSTITUENCIES - carried) + " to reconcile, " + carried
					+ " carried over" + (carried > 0 ? " from run \\d+ \\(their inputs unchanged since\\)\n" : ""));
		// what reconcileStep wrote, row for row: figures, findings (explained or not), check counts
		try (StagingDatabase copies = StagingDatabase.open(incremental);
				StagingDatabase reads = StagingDatabase.open(full)) {
			assertSameOutcomes(copies, reads, step);
		}
		List<String> workbooks = workbooks(full);
		assertThat(workbooks(incremental)).as(step).isEqualTo(workbooks).isNotEmpty();
		int cells = 0;
		for (String workbook : workbooks) {
			WorkbookComparison.Result comparison = WorkbookComparison.compare(full.resolve(workbook),
					incremental.resolve(workbook));
			assertThat(comparison.differences()).as("%s, %s: %s", step, workbook, comparison.describe()).isEmpty();
			assertThat(comparison.cellsCompared()).as("%s, %s", step, workbook).isPositive();
			cells += comparison.cellsCompared();
		}
		assertThat(cells).as("%s: cells compared in all", step).isGreaterThan(1000);
		return step;
	}

	/** Asserts that the latest runs of two job databases have the same figures, findings and check counts, none empty. */
	private static void assertSameOutcomes(StagingDatabase carried, StagingDatabase reads, String label)
			throws java.sql.SQLException {
		Map<String, List<String>> carriedOver = carried.latestOutcomes();
		Map<String, List<String>> reconciled = reads.latestOutcomes();
		for (String table : StagingDatabase.OUTCOME_TABLES) {
			assertThat(carriedOver.get(table)).as("%s: %s", label, table).isEqualTo(reconciled.get(table)).isNotEmpty();
		}
	}

	/**
	 * Asserts that two job databases staged the same rows in every staging table, but for the note
	 * of where a copy came from and when its file was first received; returns the rows by table.
	 */
	private static Map<String, List<String>> assertSameStagedRows(StagingDatabase copies, StagingDatabase reads)
			throws java.sql.SQLException {
		Map<String, List<String>> copied = copies.contents(Set.of("REUSED_FROM_RUN", "RECEIVED_AT"));
		Map<String, List<String>> read = reads.contents(Set.of("REUSED_FROM_RUN", "RECEIVED_AT"));
		assertThat(copied.keySet()).isEqualTo(read.keySet());
		for (String table : read.keySet()) {
			assertThat(copied.get(table)).as(table).isEqualTo(read.get(table));
		}
		return copied;
	}

	/** Runs the job on the input into {@code output}, then with {@code --full} into {@code fullOutput}: both end with errors. */
	private static void runIncrementallyAndFully(Path input, Path output, Path fullOutput, String... options) {
		assertThat(Cli.run(arguments(input, output, options, false)).exitCode()).isEqualTo(ExitCodes.ERRORS);
		assertThat(Cli.run(arguments(input, fullOutput, options, true)).exitCode()).isEqualTo(ExitCodes.ERRORS);
	}

	/**
	 * Runs the job on the input again with {@code --full} into {@code fullOutput} and compares its
	 * workbook with {@code output}'s: no difference.
	 */
	private static WorkbookComparison.Result assertSameWorkbookAsAFullRun(Path input, Path output, Path fullOutput,
			String... options) throws Exception {
		assertThat(Cli.run(arguments(input, fullOutput, options, true)).exitCode()).isEqualTo(ExitCodes.ERRORS);
		WorkbookComparison.Result comparison = WorkbookComparison.compare(fullOutput.resolve(Cli.WORKBOOK),
				output.resolve(Cli.WORKBOOK));
		assertThat(comparison.differences()).as(comparison.describe()).isEmpty();
		return comparison;
	}

	/** The run command's arguments: {@code --input}, {@code --output}, the options, then {@code --full} if asked. */
	private static String[] arguments(Path input, Path output, String[] options, boolean full) {
		List<String> arguments = new ArrayList<>(List.of("--input=" + input, "--output=" + output));
		arguments.addAll(List.of(options));
		if (full) {
			arguments.add("--full");
		}
		return arguments.toArray(String[]::new);
	}

	private static void arrive(String file, Path input) throws IOException {
		Path target = input.resolve(file);
		Files.createDirectories(target.getParent());
		Files.copy(Cli.SAMPLE.resolve(file), target);
	}

	private static List<String> workbooks(Path output) throws IOException {
		try (Stream<Path> files = Files.list(output)) {
			return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".xlsx")).sorted().toList();
		}
	}

	private static List<Map<String, Object>> findings(Path output) throws Exception {
		try (ReportWorkbookReader report = new ReportWorkbookReader(output.resolve(Cli.WORKBOOK))) {
			return report.rows("Findings");
		}
	}
}
