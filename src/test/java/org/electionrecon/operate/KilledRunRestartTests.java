package org.electionrecon.operate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.electionrecon.run.ExitCodes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The job's JVM killed (SIGKILL, not an exception) in the middle of each step in turn, recovered
 * and run again: the run resumes where its last commit left it, and ends with the workbook an
 * uninterrupted run of the same inputs writes (every sheet and cell but the run's own id, folders
 * and times) and with staging tables that hold every row once, exactly as the uninterrupted run's.
 *
 * <p>The job runs in a JVM of its own with {@code -Drecon.testing.pause-at=STEP:N}, which makes it
 * stop for good after the writes of the step's N-th chunk and before their commit (the tasklets:
 * after their work, before its commit), print {@code RECON-TEST-PAUSED STEP} and wait to be killed.
 * Small chunks give every chunked step several: 6 staged records (the register's 15 records make
 * 3 chunks, the 848 of the other sources 142) and 4 constituencies (14 make 4 chunks).
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class KilledRunRestartTests {

	private static final List<String> CHUNKS = List.of("--recon.chunk-size=6", "--recon.reconcile-chunk-size=4");

	private static final List<String> CHUNKED_STEPS = List.of("registerStep", "ingestStep", "reconcileStep");

	private static final List<String> STEPS = List.of("registerStep", "ingestStep", "reconcileStep", "areaChecksStep",
			"reportStep");

	/** Four times HSQLDB's default write delay (500 ms): every commit made before the pause is in the log file. */
	private static final Duration WRITE_DELAY_PASSED = Duration.ofSeconds(2);

	@TempDir
	static Path uninterrupted;

	private static Path expectedWorkbook;
	private static Map<String, Long> expectedCounts;
	private static Map<String, List<String>> expectedRows;
	private static Map<String, Long> expectedWrites;

	@BeforeAll
	static void runTheSampleWithoutInterruption() throws Exception {
		Path input = Cli.copySample(uninterrupted.resolve("input"));
		Path output = uninterrupted.resolve("output");
		Cli.Result run = Cli.run(arguments(input, output));
		assertThat(run.exitCode()).as("the uninterrupted run: %s", run).isEqualTo(ExitCodes.ERRORS);
		expectedWorkbook = output.resolve(Cli.WORKBOOK);
		try (StagingDatabase database = StagingDatabase.open(output)) {
			assertThat(database.duplicates()).as("duplicates in the uninterrupted run's staging tables").isEmpty();
			expectedCounts = database.rowCounts();
			assertThat(database.single("SELECT SUM(BOXES) FROM RECON_BOX_BLOCK")).isEqualTo(435);
			expectedRows = database.contents();
			expectedWrites = new java.util.HashMap<>();
			database.stepExecutions().forEach(s -> expectedWrites.put(s.step(), s.writeCount()));
		}
		assertThat(expectedCounts).containsEntry("RECON_FIGURES", 14L);
		assertThat(expectedWrites).containsEntry("registerStep", 15L).containsEntry("reconcileStep", 14L);
	}

	private static String[] arguments(Path input, Path output) {
		List<String> args = new ArrayList<>(List.of("--input=" + input, "--output=" + output));
		args.addAll(CHUNKS);
		return args.toArray(String[]::new);
	}

	@ParameterizedTest(name = "killed in {0} at chunk {1}")
	@CsvSource({ "registerStep, 2", "ingestStep, 60", "reconcileStep, 2", "areaChecksStep, 1", "reportStep, 1" })
	void shouldFinishARunKilledMidStepAsIfItHadNeverStopped(String step, int chunk, @TempDir Path temp)
			throws Exception {
		Path input = Cli.copySample(temp.resolve("input"));
		Path output = temp.resolve("output");
		String[] command = arguments(input, output);

		String killed;
		try (JobProcess job = JobProcess.startPausingAt(step, chunk, List.of(command))) {
			String pausedAt = job.awaitPause(Duration.ofSeconds(120));
			assertThat(pausedAt).as("the job's JVM should have paused in %s at chunk %d%n%s", step, chunk, job.output())
				.isEqualTo(step);
			// HSQLDB writes its log every 500 ms (its default write delay): let the chunks committed before
			// the pause reach the file, so the kill lands exactly between the last commit and the next one.
			// (Killing at once can lose them: shouldKeepTheChunksCommittedJustBeforeAKill.)
			Thread.sleep(WRITE_DELAY_PASSED.toMillis());
			int exitValue = job.kill();
			killed = job.output();
			if (!System.getProperty("os.name").toLowerCase().contains("win")) {
				assertThat(exitValue).as("the job's JVM should die of SIGKILL (128 + 9)%n%s", killed).isEqualTo(137);
			}
		}

		Cli.Result status = Cli.run("status", "--output=" + output);
		assertThat(status.printed()).as("status after the kill%n%s", killed).containsPattern("(?m)^\\d+\\s+STARTED\\s");

		Cli.Result beforeRecover = Cli.run(command);
		assertThat(beforeRecover.exitCode()).as("the same command before recover: %s", beforeRecover)
			.isEqualTo(ExitCodes.FAILED);
		assertThat(beforeRecover.printed()).contains(", but its process is gone (killed, or the machine rebooted: no other"
				+ " process holds the job database). Mark it failed with the recover command, then run the same command"
				+ " again to resume it.");

		Cli.Result recover = Cli.run("recover", "--output=" + output);
		assertThat(recover.exitCode()).as("recover: %s", recover).isEqualTo(ExitCodes.CLEAN);
		assertThat(recover.printed()).contains("marked FAILED");
		assertThat(Cli.run("status", "--output=" + output).printed()).as("status after recover")
			.containsPattern("(?m)^\\d+\\s+FAILED\\s")
			.containsPattern("(?m)^\\s+failed in " + step + ": ");

		Cli.Result restarted = Cli.run(command);
		assertThat(restarted.exitCode()).as("the same command after recover: %s%n%s", restarted, killed)
			.isEqualTo(ExitCodes.ERRORS);
		assertThat(restarted.printed()).contains("where it stopped");

		WorkbookComparison.Result comparison = WorkbookComparison.compare(expectedWorkbook, output.resolve(Cli.WORKBOOK));
		assertThat(comparison.differences()).as("the restarted run's workbook against the uninterrupted run's: %s",
				comparison.describe()).isEmpty();
		assertThat(comparison.cellsCompared()).isGreaterThan(4000);
		// run, start and end on Summary and Provenance, and the input and output folders; the 14
		// constituencies' received times on Summary (another database received the files at another time)
		assertThat(comparison.cellsExcluded()).isEqualTo(8 + 14 * 2);
		assertThat(Cli.names(output)).as("no temporary file left in the output folder")
			.containsExactly(".election-recon-db", RunLog.FOLDER, Cli.INDEX, Cli.WORKBOOK);

		// the JVMs that used the database have all closed it (shutdown=true), so it can be opened here
		try (StagingDatabase database = StagingDatabase.open(output)) {
			assertThat(database.duplicates()).as("duplicates in the staging tables").isEmpty();
			assertThat(database.rowCounts()).as("rows per staging table").isEqualTo(expectedCounts);
			Map<String, List<String>> rows = database.contents();
			for (String table : expectedRows.keySet()) {
				assertThat(rows.get(table)).as("the rows of %s", table).isEqualTo(expectedRows.get(table));
			}
			assertResumedWhereItStopped(database, step);
		}
	}

	/**
	 * A chunk that committed is in the database even if the JVM is killed a moment later: the restart
	 * then resumes after it, and {@code status} lists the run. The kill comes as soon as the job
	 * pauses in the register step's second chunk, so the first chunk (6 constituencies) has
	 * committed a few milliseconds before.
	 */
	@Test
	void shouldKeepTheChunksCommittedJustBeforeAKill(@TempDir Path temp) throws Exception {
		Path input = Cli.copySample(temp.resolve("input"));
		Path output = temp.resolve("output");
		try (JobProcess job = JobProcess.startPausingAt("registerStep", 2, List.of(arguments(input, output)))) {
			assertThat(job.awaitPause(Duration.ofSeconds(120))).as("the job's JVM should have paused%n%s", job.output())
				.isEqualTo("registerStep");
			job.kill();
		}
		try (StagingDatabase database = StagingDatabase.open(output)) {
			assertThat(database.single("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE")).as("runs").isEqualTo(1);
			assertThat(database.stepExecutions()).extracting(StagingDatabase.StepRun::step, StagingDatabase.StepRun::status,
					StagingDatabase.StepRun::writeCount)
				.containsExactly(org.assertj.core.api.Assertions.tuple("registerStep", "STARTED", 6L));
			assertThat(database.single("SELECT COUNT(*) FROM RECON_CONSTITUENCY")).isEqualTo(6);
		}
	}

	/**
	 * One run, two executions: the killed one (marked FAILED by recover) and the restart, which ran
	 * only the killed step and those after it, and for a chunked step only the chunks not committed.
	 */
	private static void assertResumedWhereItStopped(StagingDatabase database, String step) throws Exception {
		assertThat(database.single("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE")).as("runs").isEqualTo(1);
		assertThat(database.jobExecutionStatuses()).containsExactly("FAILED", "COMPLETED");
		List<StagingDatabase.StepRun> steps = database.stepExecutions();
		long first = steps.get(0).jobExecutionId();
		List<StagingDatabase.StepRun> killedRun = steps.stream().filter(s -> s.jobExecutionId() == first).toList();
		List<StagingDatabase.StepRun> restart = steps.stream().filter(s -> s.jobExecutionId() != first).toList();
		int at = STEPS.indexOf(step);
		assertThat(killedRun).extracting(StagingDatabase.StepRun::step).containsExactlyElementsOf(STEPS.subList(0, at + 1));
		assertThat(killedRun.get(at).status()).as("the killed step after recover").isEqualTo("FAILED");
		assertThat(killedRun.subList(0, at)).allSatisfy(s -> assertThat(s.status()).isEqualTo("COMPLETED"));
		assertThat(restart).extracting(StagingDatabase.StepRun::step)
			.as("the restart runs the killed step and those after it, not the completed ones")
			.containsExactlyElementsOf(STEPS.subList(at, STEPS.size()));
		assertThat(restart).allSatisfy(s -> assertThat(s.status()).isEqualTo("COMPLETED"));
		if (CHUNKED_STEPS.contains(step)) {
			long committed = killedRun.get(at).writeCount();
			long resumed = restart.get(0).writeCount();
			assertThat(committed).as("records the killed %s committed", step).isPositive();
			assertThat(committed + resumed).as("records %s wrote before the kill (%d) and after the restart (%d)", step,
					committed, resumed).isEqualTo(expectedWrites.get(step));
		}
	}
}
