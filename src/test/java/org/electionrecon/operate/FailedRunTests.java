package org.electionrecon.operate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.electionrecon.run.ExitCodes;
import org.electionrecon.run.FaultInjection;
import org.electionrecon.ReportWorkbookReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that fails inside a step, as an operator meets it: the exit code 3, {@code status} saying
 * which step failed and why, the previous report left as it was while the run is failed, and
 * {@code restart} finishing the run once the cause is fixed, with the workbook an uninterrupted
 * run of the same inputs writes.
 *
 * <p>Each test first reconciles the sample (run 0, whose workbook is the "previous report"), then
 * changes the inputs the way a desk does overnight (an operator's note explaining the Congleton
 * postal box variance, so the fingerprint changes and the new report differs from the previous one
 * in one finding's status and note) and runs again with the fault.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class FailedRunTests {

	private static final String NOTE = "Postal vote opening: three envelopes were counted twice";

	private static final List<String> CHUNKS = List.of("--recon.chunk-size=100");

	/** The uninterrupted run of the changed inputs, in a database of its own. */
	@TempDir
	static Path reference;

	private static Path referenceWorkbook;
	private static long referenceIngested;

	@BeforeAll
	static void reconcileTheChangedInputsWithoutFault() throws Exception {
		Path input = Cli.copySample(reference.resolve("input"));
		explainTheCongletonPostalBox(input);
		Path output = reference.resolve("output");
		Cli.Result run = Cli.run(arguments(input, output));
		assertThat(run.exitCode()).as("the uninterrupted run of the changed inputs: %s", run).isEqualTo(ExitCodes.ERRORS);
		referenceWorkbook = output.resolve(Cli.WORKBOOK);
		try (StagingDatabase database = StagingDatabase.open(output)) {
			referenceIngested = database.stepExecutions().stream().filter(s -> s.step().equals("ingestStep"))
				.mapToLong(StagingDatabase.StepRun::writeCount).sum();
		}
		// the sample's 848 records and the operator's note
		assertThat(referenceIngested).isEqualTo(849);
		try (ReportWorkbookReader report = new ReportWorkbookReader(referenceWorkbook)) {
			assertThat(report.rows("Findings")).filteredOn(f -> "PV04".equals(f.get("Box")))
				.extracting(f -> f.get("Status"), f -> f.get("Note"))
				.containsExactly(org.assertj.core.api.Assertions.tuple("EXPLAINED", NOTE + " (Count supervisor)"));
		}
	}

	@Test
	void shouldKeepThePreviousReportWhenTheDiskIsFullAndFinishTheRunOnRestart(@TempDir Path temp) throws Exception {
		Path input = Cli.copySample(temp.resolve("input"));
		Path output = temp.resolve("output");
		Path workbook = output.resolve(Cli.WORKBOOK);
		assertThat(Cli.run(arguments(input, output)).exitCode()).isEqualTo(ExitCodes.ERRORS);
		byte[] previous = Files.readAllBytes(workbook);
		Path previousCopy = Files.copy(workbook, temp.resolve("previous-" + Cli.WORKBOOK));

		explainTheCongletonPostalBox(input);
		Cli.Result failed;
		System.setProperty(FaultInjection.FAIL_PROPERTY, "report-write");
		try {
			failed = Cli.run(arguments(input, output));
		}
		finally {
			System.clearProperty(FaultInjection.FAIL_PROPERTY);
		}
		assertThat(failed.exitCode()).as("the run with a full disk: %s", failed).isEqualTo(ExitCodes.FAILED);
		assertThat(failed.printed()).contains("No space left on device");
		assertPreviousReportUntouched(output, previous);

		Cli.Result status = Cli.run("status", "--output=" + output);
		assertThat(status.exitCode()).isEqualTo(ExitCodes.CLEAN);
		assertThat(status.printed()).as("status").containsPattern("(?m)^0\\s+COMPLETED\\s")
			.containsPattern("(?m)^1\\s+FAILED\\s")
			.containsPattern("(?m)^\\s+failed in reportStep: (java\\.io\\.IOException: )?No space left on device$");

		// the disk has room again
		Cli.Result restart = Cli.run("restart", "--output=" + output);
		assertThat(restart.exitCode()).as("restart: %s", restart).isEqualTo(ExitCodes.ERRORS);
		assertThat(Files.readAllBytes(workbook)).as("the report after the restart").isNotEqualTo(previous);
		assertSameAsUninterrupted(workbook);
		// and the comparison does see what the operator's note changed
		assertThat(WorkbookComparison.compare(previousCopy, workbook).differences())
			.anySatisfy(d -> assertThat(d).startsWith("Findings!C").contains("'OPEN'").contains("'EXPLAINED'"))
			.anySatisfy(d -> assertThat(d).startsWith("Findings!L").contains(NOTE))
			.anySatisfy(d -> assertThat(d).startsWith("Provenance!"));
		assertThat(Cli.names(output)).containsExactly(".election-recon-db", RunLog.FOLDER, Cli.INDEX, Cli.WORKBOOK);
		assertThat(Cli.run("status", "--output=" + output).printed()).containsPattern("(?m)^1\\s+COMPLETED\\s")
			.doesNotContain("failed in");

		try (StagingDatabase database = StagingDatabase.open(output)) {
			assertThat(database.duplicates()).isEmpty();
			assertThat(database.jobExecutionStatuses()).containsExactly("COMPLETED", "FAILED", "COMPLETED");
			List<StagingDatabase.StepRun> restarted = database.stepExecutions().stream()
				.filter(s -> s.jobExecutionId() == 2)
				.toList();
			assertThat(restarted).extracting(StagingDatabase.StepRun::step).as("the restart runs only the failed step")
				.containsExactly("reportStep");
		}
	}

	/** The sample reconciled, then the changed inputs run with one source vanishing while the ingest step reads them. */
	private record VanishedSource(Path input, Path output, byte[] previous, Cli.Result failed, Path aside) {

		static final String SOURCE = "verification/stafford.xlsx";

		static VanishedSource run(Path temp) throws Exception {
			Path input = Cli.copySample(temp.resolve("input"));
			Path output = temp.resolve("output");
			assertThat(Cli.run(arguments(input, output)).exitCode()).isEqualTo(ExitCodes.ERRORS);
			byte[] previous = Files.readAllBytes(output.resolve(Cli.WORKBOOK));

			explainTheCongletonPostalBox(input);
			Path aside = temp.resolve("stafford.xlsx.being-replaced");
			List<String> withVanishingSource = new ArrayList<>(List.of(arguments(input, output)));
			withVanishingSource.add("--logging.config=" + VanishingSource.logbackConfig(temp.resolve("logging")));
			// every file read, as in the reference run, so that the records the two executions wrote add up
			// to the reference's (an incremental run would copy the files run 0 staged, one record each)
			withVanishingSource.add("--full");
			Cli.Result failed;
			VanishingSource.arm(input, SOURCE, aside);
			try {
				failed = Cli.run(withVanishingSource.toArray(String[]::new));
			}
			finally {
				VanishingSource.disarm();
			}
			assertThat(aside).as("the source vanished while the run read the input folder").isRegularFile();
			assertThat(failed.exitCode()).as("the run whose source vanished: %s", failed).isEqualTo(ExitCodes.FAILED);
			assertThat(failed.printed()).contains("NoSuchFileException", SOURCE);
			return new VanishedSource(input, output, previous, failed, aside);
		}

		Cli.Result status() {
			Cli.Result status = Cli.run("status", "--output=" + output);
			assertThat(status.exitCode()).isEqualTo(ExitCodes.CLEAN);
			return status;
		}
	}

	/**
	 * A source file that vanishes after the ingest step listed the input folder and before it read
	 * the file (a council's re-upload through a sync client deletes the old file first) makes the
	 * step throw: the run fails rather than report a file that was there when its inputs were
	 * fingerprinted as unreadable. Once the file is back, restart resumes the ingest step after its
	 * last commit.
	 */
	@Test
	void shouldFailTheIngestStepWhenASourceVanishesAndFinishTheRunOnRestartOnceItIsBack(@TempDir Path temp)
			throws Exception {
		VanishedSource run = VanishedSource.run(temp);
		Path output = run.output();
		Path workbook = output.resolve(Cli.WORKBOOK);
		assertPreviousReportUntouched(output, run.previous());

		Cli.Result status = run.status();
		assertThat(status.printed()).as("status").containsPattern("(?m)^0\\s+COMPLETED\\s")
			.containsPattern("(?m)^1\\s+FAILED\\s")
			.containsPattern("(?m)^\\s+failed in ingestStep: ");

		// the new file has arrived
		VanishingSource.restore(run.input(), VanishedSource.SOURCE, run.aside());
		Cli.Result restart = Cli.run("restart", "--output=" + output);
		assertThat(restart.exitCode()).as("restart: %s", restart).isEqualTo(ExitCodes.ERRORS);
		assertThat(Files.readAllBytes(workbook)).as("the report after the restart").isNotEqualTo(run.previous());
		assertSameAsUninterrupted(workbook);
		assertThat(Cli.names(output)).containsExactly(".election-recon-db", RunLog.FOLDER, Cli.INDEX, Cli.WORKBOOK);
		assertThat(Cli.run("status", "--output=" + output).printed()).containsPattern("(?m)^1\\s+COMPLETED\\s")
			.doesNotContain("failed in");

		try (StagingDatabase database = StagingDatabase.open(output)) {
			assertThat(database.duplicates()).isEmpty();
			assertThat(database.jobExecutionStatuses()).containsExactly("COMPLETED", "FAILED", "COMPLETED");
			Map<Long, Long> ingested = new java.util.TreeMap<>();
			database.stepExecutions().stream().filter(s -> s.step().equals("ingestStep"))
				.forEach(s -> ingested.put(s.jobExecutionId(), s.writeCount()));
			assertThat(ingested).as("records the ingest step wrote, by job execution").containsOnlyKeys(0L, 1L, 2L);
			assertThat(ingested.get(1L)).as("committed before the source vanished").isPositive();
			assertThat(ingested.get(1L) + ingested.get(2L)).as("the restart resumed after the last commit")
				.isEqualTo(referenceIngested);
			assertThat(database.single("SELECT SUM(BOXES) FROM RECON_BOX_BLOCK WHERE RUN_ID = 1")).isEqualTo(435);
		}
	}

	/** {@code status} says why the step failed: the file that could not be read, not the step's wrapper exception. */
	@Test
	void shouldSayInStatusWhichFileTheIngestStepCouldNotRead(@TempDir Path temp) throws Exception {
		VanishedSource run = VanishedSource.run(temp);
		assertThat(run.status().printed()).as("status").containsPattern("(?m)^\\s+failed in ingestStep: "
				+ "(java\\.nio\\.file\\.NoSuchFileException: )?.*" + java.util.regex.Pattern.quote(VanishedSource.SOURCE) + "$");
	}

	private static String[] arguments(Path input, Path output) {
		List<String> args = new ArrayList<>(List.of("--input=" + input, "--output=" + output));
		args.addAll(CHUNKS);
		return args.toArray(String[]::new);
	}

	private static void explainTheCongletonPostalBox(Path input) throws Exception {
		Path notes = input.resolve("explanations/operator-notes.csv");
		String text = Files.readString(notes, StandardCharsets.UTF_8);
		Files.writeString(notes, (text.endsWith("\n") ? "" : "\n") + "Congleton,BOX_VARIANCE,PV04," + NOTE
				+ ",Count supervisor\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
	}

	/** The failed run neither touched the last report nor left a temporary file beside it. */
	private static void assertPreviousReportUntouched(Path output, byte[] previous) throws Exception {
		assertThat(Files.readAllBytes(output.resolve(Cli.WORKBOOK))).as("the previous report").isEqualTo(previous);
		assertThat(Cli.names(output)).as("the output folder").containsExactly(".election-recon-db", RunLog.FOLDER, Cli.INDEX, Cli.WORKBOOK);
	}

	/**
	 * The restarted run is the second of its output folder and the reference the first of its own:
	 * only the restarted one had a previous completed run to compare its inputs with, so its Checks
	 * sheet rightly shows INPUT_REVISED evaluated (and passed) for the 14 constituencies, where the
	 * reference's says there was no previous run. Every other cell must be the same.
	 */
	private static void assertSameAsUninterrupted(Path workbook) throws Exception {
		WorkbookComparison.Result comparison = WorkbookComparison.compare(referenceWorkbook, workbook);
		int inputRevised = org.electionrecon.model.CheckCode.INPUT_REVISED.ordinal() + 2;
		assertThat(comparison.differences()).as("the restarted run's workbook against an uninterrupted run's: %s",
				comparison.describe()).containsExactly(
						"Checks!E" + inputRevised + ": expected number 0.0 [#,##0] but was number 14.0 [#,##0]",
						"Checks!F" + inputRevised + ": expected number 0.0 [#,##0] but was number 14.0 [#,##0]",
						"Checks!I" + inputRevised
								+ ": expected text 'no previous completed run of this election for 14 constituencies' [@]"
								+ " but was (none)");
		assertThat(comparison.cellsCompared()).isGreaterThan(4000);
	}
}
