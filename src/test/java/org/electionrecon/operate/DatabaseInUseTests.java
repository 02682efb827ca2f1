package org.electionrecon.operate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.electionrecon.run.ExitCodes;
import org.electionrecon.ingest.InputFolder;
import org.electionrecon.ingest.SourceKind;
import org.electionrecon.run.LiveStatus;
import org.electionrecon.run.RunStatus;
import org.electionrecon.sample.SampleInputGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real run on the national workload (650 seats), held in its ingest step in a JVM of its own,
 * and real second JVMs beside it: a second run exits 3 at once with one line naming the running
 * run, and {@code status} answers at once with its live step and progress, without opening the
 * database the run holds. Before the job had its own lock the second run waited silently for the
 * database (40 s, then ran) and {@code status} gave up after 21 s.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class DatabaseInUseTests {

	/**
	 * An upper bound, not a benchmark: each answer is a JVM starting and reading two small files,
	 * about 0.3 s on a 2-core machine. 10 s leaves room for that machine busy with other builds
	 * and still fails the 21 to 40 s waits on the database this replaces.
	 */
	private static final Duration AT_ONCE = Duration.ofSeconds(10);

	private static final List<SourceKind> INGESTED = List.of(SourceKind.VERIFICATION, SourceKind.DECLARATIONS,
			SourceKind.NOTIONAL, SourceKind.REPORTED, SourceKind.EXPLANATIONS);

	record Answer(int exitCode, Duration took, String stdout, String stderr) {
	}

	private static Answer inSecondJvm(String... args) throws Exception {
		long start = System.nanoTime();
		try (JobProcess second = JobProcess.start(List.of(args))) {
			int code = second.awaitExit(Duration.ofMinutes(2));
			// the JVM's own warnings (a class-data-sharing note, say) are not the job's answer
			String stderr = second.stderr().lines().filter(line -> !line.contains("VM warning:"))
				.map(line -> line + "\n").collect(java.util.stream.Collectors.joining());
			return new Answer(code, Duration.ofNanos(System.nanoTime() - start), second.stdout(), stderr);
		}
	}

	@Test
	void shouldAnswerAtOnceWhileANationalRunIsGoing(@TempDir Path temp) throws Exception {
		Path input = temp.resolve("input");
		new SampleInputGenerator().generate(SampleInputGenerator.Spec.national(SampleInputGenerator.DEFAULT_SEED), input);
		Path output = temp.resolve("output");
		Path database = output.resolve(".election-recon-db").toAbsolutePath();
		List<String> command = List.of("--input=" + input, "--output=" + output);
		long files = 0;
		long bytes = 0;
		for (SourceKind kind : INGESTED) {
			for (InputFolder.InputFile file : new InputFolder(input).files(kind)) {
				files++;
				bytes += Files.isRegularFile(file.path()) ? Files.size(file.path()) : 0;
			}
		}
		String totals = files + " files, [0-9]+\\.[0-9] of " + String.format(Locale.ROOT, "%.1f", bytes / 1e6) + " MB";

		try (JobProcess running = JobProcess.startPausingAt("ingestStep", 2, command)) {
			assertThat(running.awaitPause(Duration.ofSeconds(120))).as("the run should pause in ingestStep%n%s",
					running.output()).isEqualTo("ingestStep");
			RunStatus holder = RunStatus.read(database.resolve(DatabaseLock.STATUS_FILE)).orElseThrow();
			assertThat(holder).extracting(RunStatus::command, RunStatus::pid, RunStatus::run, RunStatus::step)
				.containsExactly("run", running.pid(), 0L, "ingestStep");
			String who = "un 0 (process " + running.pid() + " on " + RunStatus.hostName() + ", started "
					+ RunStatus.TIME.format(holder.started()) + ") is using the job database " + database;

			Answer secondRun = inSecondJvm(command.toArray(String[]::new));
			assertThat(secondRun.exitCode()).as("a second run: %s", secondRun).isEqualTo(ExitCodes.FAILED);
			assertThat(secondRun.stderr()).isEqualTo("election-recon: r" + who
					+ "; wait for it to finish (status shows its progress)\n");
			assertThat(secondRun.stdout()).isEmpty();
			assertThat(secondRun.took()).as("the second run's JVM, start to exit").isLessThan(AT_ONCE);

			Answer status = inSecondJvm("status", "--output=" + output);
			assertThat(status.exitCode()).as("status: %s", status).isEqualTo(ExitCodes.CLEAN);
			assertThat(status.stdout()).matches(Pattern.quote("R" + who + "\n") + "  ingestStep: [0-9]+ of " + totals
					+ "(, [0-9]+\\.[0-9] MB/s, about [0-9]+ (s|min) left)? \\([0-9]+ s ago\\)\n"
					+ Pattern.quote("The list of runs shows again when it has finished.\n"));
			assertThat(status.stderr()).isEmpty();
			assertThat(status.took()).as("status's JVM, start to exit").isLessThan(AT_ONCE);

			for (String operatorCommand : List.of("recover", "restart", "report")) {
				Cli.Result refused = Cli.run(operatorCommand, "--output=" + output);
				assertThat(refused.exitCode()).as("%s: %s", operatorCommand, refused).isEqualTo(ExitCodes.FAILED);
				assertThat(refused.printed()).as(operatorCommand)
					.isEqualTo("election-recon: r" + who + "; wait for it to finish (status shows its progress)\n");
			}
			assertThat(RunStatus.read(database.resolve(DatabaseLock.STATUS_FILE))).as("the running run's status file")
				.get().extracting(RunStatus::pid, RunStatus::step).containsExactly(running.pid(), "ingestStep");
			assertThat(running.alive()).as("the run's JVM, untouched by the others").isTrue();
		}
	}
}
