package org.electionrecon.operate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.electionrecon.run.ExitCodes;
import org.electionrecon.run.FaultInjection;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a run is, as an operator meets it: settings checked before anything is opened, settings
 * that change findings as part of a run's identity, the first line saying what the run will do,
 * and stale runs that may never overwrite a newer run's workbooks.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class RunIdentityTests {

	/** The digest of the default settings for 2024-07-04, as the first line and status show it. */
	private static final String DEFAULTS = "9be47138fbce (defaults)";

	@Nested
	class SettingsAreChecked {

		private Cli.Result refused(Path temp, String... settings) {
			Path output = temp.resolve("output");
			List<String> args = new java.util.ArrayList<>(List.of("--input=input", "--output=" + output));
			args.addAll(List.of(settings));
			Cli.Result run = Cli.run(args.toArray(String[]::new));
			assertThat(run.exitCode()).as("%s", run).isEqualTo(ExitCodes.FAILED);
			assertThat(output.resolve(".election-recon-db/recon.properties"))
				.as("no database is opened for a run that cannot start")
				.doesNotExist();
			return run;
		}

		@Test
		void shouldRefuseAnUnknownSettingNamingTheNearestKnownOne(@TempDir Path temp) {
			assertThat(refused(temp, "--recon.checks.box-varience-error-at=3").printed().strip())
				.isEqualTo("election-recon: unknown setting recon.checks.box-varience-error-at (did you mean"
						+ " recon.checks.box-variance-error-at?); application.yml lists every setting");
		}

		@Test
		void shouldRefuseAProfileThatDoesNotExist(@TempDir Path temp) {
			assertThat(refused(temp, "--spring.profiles.active=postgress").printed().strip())
				.isEqualTo("election-recon: there is no profile 'postgress' (did you mean 'postgres'?); the job has:"
						+ " postgres (or an application-NAME.yml beside the jar)");
		}

		@Test
		void shouldRefuseAValueThatIsNotANumberNamingWhatIsExpected(@TempDir Path temp) {
			assertThat(refused(temp, "--recon.checks.box-variance-error-at=five").printed().strip())
				.isEqualTo("election-recon: recon.checks.box-variance-error-at=five is not valid: expected a whole number,"
						+ " e.g. 5");
			assertThat(refused(temp, "--recon.checks.rejected-rate-max-percent=1%").printed().strip())
				.isEqualTo("election-recon: recon.checks.rejected-rate-max-percent=1% is not valid: expected a number,"
						+ " e.g. 1.5");
		}

		@Test
		void shouldRefuseAValueOutOfRangeNamingThePropertyAndTheValue(@TempDir Path temp) {
			assertThat(refused(temp, "--recon.checks.box-variance-error-at=-1").printed().strip())
				.isEqualTo("election-recon: recon.checks.box-variance-error-at must be zero or more, not -1");
			assertThat(refused(temp, "--recon.chunk-size=0").printed().strip())
				.isEqualTo("election-recon: recon.chunk-size must be 1 or more, not 0");
		}

		@Test
		void shouldTakeASettingInAnotherOfSpringsSpellings(@TempDir Path temp) throws Exception {
			Path input = Cli.copySample(temp.resolve("input"));
			Cli.Result run = Cli.run("--input=" + input, "--output=" + temp.resolve("output"),
					"--recon.checks.boxVarianceErrorAt=7");
			assertThat(run.exitCode()).as("%s", run).isEqualTo(ExitCodes.ERRORS);
			assertThat(run.printed()).contains("settings 9973cf0f5879 (recon.checks.box-variance-error-at=7)");
		}
	}

	@Test
	void shouldStateWhatTheRunWillDoInItsFirstLine(@TempDir Path temp) throws Exception {
		Path input = Cli.copySample(temp.resolve("input")).toAbsolutePath();
		Path output = temp.resolve("output").toAbsolutePath();

		Cli.Result run = Cli.run("--input=" + input, "--output=" + output);

		assertThat(run.exitCode()).isEqualTo(ExitCodes.ERRORS);
		assertThat(run.printed().lines().findFirst().orElseThrow()).endsWith("Reconciling the election of 2024-07-04:"
				+ " input " + input + " (register/ 1 file, 1.3 KB; verification/ 11 files, 64 KB; declarations/ 2 files,"
				+ " 17 KB; notional/ 1 file, 5.2 KB; reported/ 1 file, 1.2 KB; explanations/ 1 file, 161 bytes;"
				+ " 17 files, 88 KB in all), output " + output + ", database jdbc:hsqldb:file:" + output
				+ "/.election-recon-db/recon, settings " + DEFAULTS);
	}

	@Test
	void shouldMakeANewRunForOtherSettingsAndSayWhichDiffer(@TempDir Path temp) throws Exception {
		Path input = Cli.copySample(temp.resolve("input"));
		Path output = temp.resolve("output");
		String[] defaults = { "--input=" + input, "--output=" + output };
		String[] stricter = { "--input=" + input, "--output=" + output, "--recon.checks.box-variance-error-at=7" };
		assertThat(Cli.run(defaults).exitCode()).isEqualTo(ExitCodes.ERRORS);

		// Stoke-on-Trent Central's box B021 (+6) is a WARNING at 7: one open ERROR fewer, one WARNING more
		Cli.Result other = Cli.run(stricter);
		assertThat(other.exitCode()).as("%s", other).isEqualTo(ExitCodes.ERRORS);
		assertThat(other.printed()).contains("These inputs were reconciled by run 0 with other settings:"
				+ " recon.checks.box-variance-error-at=7 (run 0: 5). This is a new run.")
			.contains("Run 1 completed");

		Cli.Result again = Cli.run(defaults);
		assertThat(again.exitCode()).isEqualTo(ExitCodes.ERRORS);
		assertThat(again.printed()).contains("Run 0 already reconciled these inputs with these settings (completed ")
			.contains("Run 1 is the latest completed run of 2024-07-04, with the same inputs and other settings"
					+ " (recon.checks.box-variance-error-at=5 (run 1: 7)): the workbooks in " + output.toAbsolutePath()
					+ " are its own unless rebuilt (report --run=0).")
			.doesNotContain("Executing step");
		assertThat(Cli.run(stricter).printed()).contains("Run 1 already reconciled these inputs with these settings")
			.doesNotContain("latest completed run");

		Cli.Result status = Cli.run("status", "--output=" + output);
		assertThat(status.printed())
			.containsPattern("(?m)^0\\s+COMPLETED\\s.*\\s3\\s+4\\s+6\\s+.*, settings " + java.util.regex.Pattern.quote(DEFAULTS) + "$")
			.containsPattern("(?m)^1\\s+COMPLETED\\s.*\\s2\\s+5\\s+6\\s+.*, settings 9973cf0f5879"
					+ " \\(recon\\.checks\\.box-variance-error-at=7\\)$");
	}

	@Test
	void shouldRefuseToRestartARunWithOtherSettingsThanItWasStartedWith(@TempDir Path temp) throws Exception {
		Path input = Cli.copySample(temp.resolve("input"));
		Path output = temp.resolve("output");
		Cli.Result failed;
		System.setProperty(FaultInjection.FAIL_PROPERTY, "report-write");
		try {
			failed = Cli.run("--input=" + input, "--output=" + output, "--recon.checks.box-variance-error-at=7");
		}
		finally {
			System.clearProperty(FaultInjection.FAIL_PROPERTY);
		}
		assertThat(failed.exitCode()).as("%s", failed).isEqualTo(ExitCodes.FAILED);

		Cli.Result restart = Cli.run("restart", "--output=" + output);
		assertThat(restart.exitCode()).isEqualTo(ExitCodes.FAILED);
		assertThat(restart.printed()).contains("Run 0 was started with other settings than these:"
				+ " recon.checks.box-variance-error-at=5 (run 0: 7). Restart it with the settings it was started with,"
				+ " or reconcile with these settings as a new run (the run command).");

		Cli.Result same = Cli.run("restart", "--output=" + output, "--recon.checks.box-variance-error-at=7");
		assertThat(same.exitCode()).as("%s", same).isEqualTo(ExitCodes.ERRORS);
		assertThat(Files.exists(output.resolve(Cli.WORKBOOK))).isTrue();
	}

	/**
	 * A run killed mid-step stays STARTED. A --rerun must not go past it, and once recovered it is
	 * older than the rerun that completed after it: restarting it would put its workbooks over the
	 * newer run's.
	 */
	@Test
	void shouldNeverLetAStaleRunGoPastOrOverwriteANewerOne(@TempDir Path temp) throws Exception {
		Path input = Cli.copySample(temp.resolve("input")).toAbsolutePath();
		Path output = temp.resolve("output").toAbsolutePath();
		List<String> command = List.of("--input=" + input, "--output=" + output);
		try (JobProcess job = JobProcess.startPausingAt("ingestStep", 1, command)) {
			assertThat(job.awaitPause(Duration.ofMinutes(3))).as(job.output()).isEqualTo("ingestStep");
			job.kill();
		}

		Cli.Result rerun = Cli.run("--input=" + input, "--output=" + output, "--rerun");
		assertThat(rerun.exitCode()).isEqualTo(ExitCodes.FAILED);
		assertThat(rerun.printed()).containsPattern("Run 0 of these inputs is marked STARTED since \\d{4}-\\d\\d-\\d\\d"
				+ " \\d\\d:\\d\\d:\\d\\d, but its process is gone \\(killed, or the machine rebooted: no other process"
				+ " holds the job database\\)\\. Mark it failed with the recover command, then run the same command again"
				+ " to resume it\\.");
		assertThat(Cli.run("status", "--output=" + output).printed()).contains("      left running in ingestStep by a"
				+ " process that is gone (no process holds the job database): use recover, then run the same command again");
		assertThat(output.resolve(Cli.WORKBOOK)).doesNotExist();

		assertThat(Cli.run("recover", "--output=" + output).exitCode()).isEqualTo(ExitCodes.CLEAN);
		assertThat(Cli.run("--input=" + input, "--output=" + output, "--rerun").exitCode()).isEqualTo(ExitCodes.ERRORS);
		byte[] newer = Files.readAllBytes(output.resolve(Cli.WORKBOOK));

		Cli.Result restart = Cli.run("restart", "--output=" + output);
		assertThat(restart.exitCode()).isEqualTo(ExitCodes.FAILED);
		assertThat(restart.printed()).contains("Run 0 is older than run 1, the latest completed run of 2024-07-04:"
				+ " restarting it would write its workbooks over run 1's. Reconcile the current inputs as a new run"
				+ " instead (the run command; --rerun if a completed run already has them).");
		assertThat(Files.readAllBytes(output.resolve(Cli.WORKBOOK))).isEqualTo(newer);

		// the plain command names the latest completed run of these inputs, not the failed one it was first given
		Cli.Result again = Cli.run(command.toArray(String[]::new));
		assertThat(again.exitCode()).isEqualTo(ExitCodes.ERRORS);
		assertThat(again.printed()).contains("Run 1 already reconciled these inputs with these settings");
		assertThat(Files.readAllBytes(output.resolve(Cli.WORKBOOK))).isEqualTo(newer);
	}

	@Test
	void shouldRefuseToRestartAFailedRunOnceANewerRunOfOtherInputsCompleted(@TempDir Path temp) throws Exception {
		Path input = Cli.copySample(temp.resolve("input"));
		Path output = temp.resolve("output");
		String[] command = { "--input=" + input, "--output=" + output };
		System.setProperty(FaultInjection.FAIL_PROPERTY, "report-write");
		try {
			assertThat(Cli.run(command).exitCode()).isEqualTo(ExitCodes.FAILED);
		}
		finally {
			System.clearProperty(FaultInjection.FAIL_PROPERTY);
		}
		Path note = input.resolve("explanations/late-note.csv");
		Files.writeString(note, "constituency,check,box,note,by\n");
		assertThat(Cli.run(command).exitCode()).isEqualTo(ExitCodes.ERRORS);
		byte[] newer = Files.readAllBytes(output.resolve(Cli.WORKBOOK));
		Files.delete(note);

		// the inputs are those of the failed run 0 again, but run 1 completed after it
		Cli.Result run = Cli.run(command);
		assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
		assertThat(run.printed()).contains("Run 0 of these inputs FAILED before run 1 completed: restarting it would"
				+ " write its workbooks over run 1's, with revisions counted from an older run. Give --rerun to reconcile"
				+ " these inputs as a new run.");
		assertThat(Files.readAllBytes(output.resolve(Cli.WORKBOOK))).isEqualTo(newer);
		assertThat(Cli.run("--input=" + input, "--output=" + output, "--rerun").exitCode()).isEqualTo(ExitCodes.ERRORS);
	}
}
