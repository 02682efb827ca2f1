package org.electionrecon.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.electionrecon.ElectionReconApplication;
import org.electionrecon.run.ExitCodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTests {

	@Nested
	class Parsing {

		@Test
		void shouldReadTheWatchCommandsDurations() throws Exception {
			CommandLine line = CommandLine.parse(new String[] { "watch", "--settle=300ms", "--poll=2s", "--stop-wait=1m" });
			assertThat(line.command()).isEqualTo(CommandLine.WATCH);
			assertThat(line.duration("settle", java.time.Duration.ofSeconds(2))).isEqualTo(java.time.Duration.ofMillis(300));
			assertThat(line.duration("poll", java.time.Duration.ZERO)).isEqualTo(java.time.Duration.ofSeconds(2));
			assertThat(line.duration("stop-wait", java.time.Duration.ZERO)).isEqualTo(java.time.Duration.ofMinutes(1));
			CommandLine defaults = CommandLine.parse(new String[] { "watch" });
			assertThat(defaults.duration("settle", java.time.Duration.ofSeconds(2))).isEqualTo(java.time.Duration.ofSeconds(2));
			assertThatThrownBy(() -> CommandLine.parse(new String[] { "watch", "--settle=2" }).duration("settle",
					java.time.Duration.ZERO)).hasMessage("--settle must be a duration such as 300ms, 2s or 1m, not '2'");
			assertThatThrownBy(() -> CommandLine.parse(new String[] { "watch", "--poll=-1s" }).duration("poll",
					java.time.Duration.ZERO)).hasMessage("--poll must be a duration such as 300ms, 2s or 1m, not '-1s'");
		}

		@Test
		void shouldDefaultToTheRunCommand() throws Exception {
			CommandLine line = CommandLine.parse(new String[] { "--input=in", "--output=out" });
			assertThat(line.command()).isEqualTo("run");
			assertThat(line.option("input", null)).isEqualTo("in");
			assertThat(line.option("election", "2024-07-04")).isEqualTo("2024-07-04");
		}

		@Test
		void shouldPassSettingsThroughToSpring() throws Exception {
			CommandLine line = CommandLine.parse(new String[] { "--recon.checks.box-variance-error-at=3" });
			assertThat(line.springArguments()).containsExactly("--recon.checks.box-variance-error-at=3");
		}

		@Test
		void shouldRefuseAnUnknownOption() {
			assertThatThrownBy(() -> CommandLine.parse(new String[] { "--inptu=x" }))
				.hasMessage("unknown option --inptu (see --help)");
		}

		@Test
		void shouldRefuseAnOptionWithoutValue() {
			assertThatThrownBy(() -> CommandLine.parse(new String[] { "--input" }))
				.hasMessage("option --input needs a value: --input=VALUE");
		}

		@Test
		void shouldRefuseAnUnknownCommand() {
			assertThatThrownBy(() -> CommandLine.parse(new String[] { "frobnicate" }))
				.hasMessage("unknown command 'frobnicate' (commands: run, watch, status, restart, recover, report, generate, benchmark; see --help)");
		}
	}

	@Nested
	class ExitCodesOfTheEntryPoint {

		private final ByteArrayOutputStream out = new ByteArrayOutputStream();
		private final ByteArrayOutputStream err = new ByteArrayOutputStream();
		private PrintStream originalOut;
		private PrintStream originalErr;

		@BeforeEach
		void capture() {
			originalOut = System.out;
			originalErr = System.err;
			System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
			System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
		}

		@AfterEach
		void restore() {
			System.setOut(originalOut);
			System.setErr(originalErr);
		}

		@Test
		void shouldExplainEveryOptionWithHelp() {
			assertThat(ElectionReconApplication.run(new String[] { "--help" })).isZero();
			String help = out.toString(StandardCharsets.UTF_8);
			assertThat(help).contains("--input=DIR", "--output=DIR", "--election=DATE", "--database-dir=DIR",
					"--preset=NAME", "--seed=N", "--force", "Exit codes:");
			assertThat(help).contains("""
					  generate   build a synthetic input folder from the bundled real HoC and notional data:
					             sample (Staffordshire and Cheshire, as in input/), national (650 seats,
					             ~42,000 boxes) or million (650 seats, ~1,000,000 boxes). It writes
					             register/register.csv, declarations/ (2 HoC CSVs), notional/ (1 CSV),
					             verification/*.xlsx and .election-recon-generated (the list of those
					             files) into --input, and replaces only the files that list names: a
					             folder holding anything else is refused unless --force is given
					""");
		}

		@Test
		void shouldExitThreeWithOneLineForAUsageError() {
			assertThat(ElectionReconApplication.run(new String[] { "--nope=1" })).isEqualTo(ExitCodes.FAILED);
			assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("election-recon: unknown option --nope (see --help)"
					+ System.lineSeparator());
		}

		@Test
		void shouldExitThreeWhenTheInputFolderIsMissing(@TempDir Path temp) {
			Path missing = temp.resolve("absent");
			assertThat(ElectionReconApplication.run(new String[] { "--input=" + missing, "--output=" + temp }))
				.isEqualTo(ExitCodes.FAILED);
			assertThat(err.toString(StandardCharsets.UTF_8).lines()).containsExactly(
					"election-recon: the input folder " + missing.toAbsolutePath() + " does not exist");
		}

		@Test
		void shouldExitThreeForAnElectionThatIsNotADate(@TempDir Path temp) {
			assertThat(ElectionReconApplication.run(new String[] { "--input=" + temp, "--election=July" }))
				.isEqualTo(ExitCodes.FAILED);
			assertThat(err.toString(StandardCharsets.UTF_8).lines())
				.containsExactly("election-recon: --election must be a date such as 2024-07-04, not 'July'");
		}

		@Test
		void shouldExitThreeWhenThereIsNothingToReport(@TempDir Path temp) throws Exception {
			Path input = Files.createDirectories(temp.resolve("input"));
			assertThat(ElectionReconApplication.run(new String[] { "--input=" + input, "--output=" + temp.resolve("out") }))
				.isEqualTo(ExitCodes.FAILED);
			assertThat(Files.list(temp.resolve("out")).filter(p -> p.toString().endsWith(".xlsx"))).isEmpty();
		}
	}
}
