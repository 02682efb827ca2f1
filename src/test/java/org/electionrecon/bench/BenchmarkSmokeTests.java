package org.electionrecon.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.electionrecon.ElectionReconApplication;
import org.electionrecon.run.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;

/**
 * The benchmark at the smallest scale, as CI runs it: the sample workload, one run of the job in a
 * child JVM on this test's class path (no jar exists during {@code mvn test}). It checks that the
 * report is there and plausible, not how fast anything is.
 */
class BenchmarkSmokeTests {

	@Test
	void shouldReportTheSampleWorkload(@TempDir Path work) {
		ByteArrayOutputStream captured = new ByteArrayOutputStream();
		PrintStream original = System.out;
		int exit;
		System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
		try {
			exit = Benchmark.run(new String[] { "benchmark", "--workload=sample", "--runs=1", "--work=" + work },
					ElectionReconApplication.class);
		}
		finally {
			System.setOut(original);
		}
		String report = captured.toString(StandardCharsets.UTF_8);
		System.out.print(report);

		assertThat(exit).as(report).isEqualTo(ExitCodes.CLEAN);
		assertThat(report).contains("election-recon benchmark", "-cp", ElectionReconApplication.class.getName());
		assertThat(value(report, "boxes")).isEqualTo("435");
		assertThat(value(report, "runs")).matches("1 of 1 completed; job exit codes \\[[012]\\]");
		assertThat(seconds(report, "wall time", "median")).isPositive();
		double job = seconds(report, "job time", "median");
		assertThat(job).isPositive().isLessThan(seconds(report, "wall time", "median"));
		assertThat(seconds(report, "floor", "median")).isPositive();
		assertThat(value(report, "box rows/s")).matches("[0-9,]+ \\(boxes / median job time\\).*");
		assertThat(value(report, "ratio job/floor")).matches("[0-9.]+ \\(median job time / median floor time\\)");
		assertThat(value(report, "peak RSS")).matches("(\\d+ MiB|n/a) .*");
		for (String step : List.of("registerStep", "ingestStep", "reconcileStep", "areaChecksStep", "reportStep")) {
			assertThat(report).containsPattern("\\n    " + step + " +[0-9.]+ +[0-9.]+%");
		}
		assertThat(value(report, "bottleneck")).matches("\\w+Step \\([0-9.]+% of the job time\\)");
	}

	private static final LocalDateTime NIGHT = LocalDateTime.of(2026, 12, 4, 23, 59, 58, 500_000_000);

	private static JobExecution execution(BatchStatus status, Object... steps) {
		JobExecution execution = new JobExecution(7L, new JobInstance(7L, "reconciliationJob"), new JobParameters());
		execution.setStatus(status);
		// the job's own end, which the report step's run-end bookkeeping can set early: never used
		execution.setStartTime(NIGHT.minusSeconds(5));
		execution.setEndTime(NIGHT.plusSeconds(1));
		long id = 1;
		for (int i = 0; i < steps.length; i += 3) {
			StepExecution step = new StepExecution(id++, (String) steps[i], execution);
			step.setStartTime((LocalDateTime) steps[i + 1]);
			step.setEndTime((LocalDateTime) steps[i + 2]);
			execution.addStepExecution(step);
		}
		return execution;
	}

	/** Job time: the first step's start to the last step's end, across midnight; partition workers are not steps of their own. */
	@Test
	void shouldTakeTheStepTimesAndTheJobTimeFromTheStepExecutions() {
		JobTimes times = JobTimes.of(execution(BatchStatus.COMPLETED,
				"registerStep", NIGHT, NIGHT.plusNanos(403_000_000),
				"ingestStep", NIGHT.plusNanos(600_000_000), NIGHT.plusSeconds(62).plusNanos(798_000_000),
				"ingestStep:partition0", NIGHT.plusSeconds(1), NIGHT.plusSeconds(60),
				"reportStep", NIGHT.plusSeconds(62).plusNanos(800_000_000), NIGHT.plusSeconds(62).plusNanos(800_000_000),
				"areaChecksStep", NIGHT.plusSeconds(62).plusNanos(900_000_000), NIGHT.plusSeconds(63)));

		assertThat(times.status()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(times.firstStepStart()).isEqualTo(NIGHT);
		assertThat(times.jobMillis()).isEqualTo(63_000L);
		assertThat(times.stepMillis()).containsExactly(Map.entry("registerStep", 403L),
				Map.entry("ingestStep", 62_198L), Map.entry("reportStep", 0L), Map.entry("areaChecksStep", 100L));
		assertThat(times.lastStep()).isEqualTo("areaChecksStep");
	}

	@Test
	void shouldHaveNoJobTimeWhileAStepHasNotEnded() {
		JobTimes times = JobTimes.of(execution(BatchStatus.FAILED, "registerStep", NIGHT, NIGHT.plusSeconds(1),
				"ingestStep", NIGHT.plusSeconds(2), null));

		assertThat(times.jobMillis()).isNull();
		assertThat(times.stepMillis()).containsExactly(Map.entry("registerStep", 1_000L));
		assertThat(times.lastStep()).isEqualTo("ingestStep");
		assertThat(JobTimes.of(execution(BatchStatus.FAILED))).isEqualTo(
				new JobTimes(BatchStatus.FAILED, null, null, Map.of(), null));
	}

	@Test
	void shouldReadTheExitCodeFromTheLogWithTheDateTheOffsetAndTheLastWord() {
		JobLog log = JobLog.parse(List.of(
				"2026-12-04 23:59:58.500+00:00 INFO  Executing step: [registerStep]",
				"2026-12-04 23:59:59.100+00:00 INFO  Executing step: [reportStep]",
				"2026-12-05 00:01:01.400+00:00 INFO  Run 7 findings: 1 ERROR (1 open, 0 explained), 5 WARNING (5 open, 0 explained), 0 INFO (0 open, 0 explained)",
				"2026-12-05 00:01:01.500+00:00 INFO  Run 7 completed with exit code 2: 1 open errors, 5 open warnings, 0 open INFO"));
		assertThat(log.runExitCode()).isEqualTo(2);
		assertThat(log.lastStep()).isEqualTo("reportStep");
		assertThat(log.failure()).isNull();
	}

	@Test
	void shouldSayHowAFailedRunEnded() {
		JobLog log = JobLog.parse(List.of(
				"23:11:48.005 INFO  Executing step: [ingestStep]",
				"23:12:19.935 INFO  Read verification/north-west-count-33.xlsx: 1508 rows (1508 accepted, 0 rejected, 0 out of scope)",
				"23:12:31.496 INFO  Read verification/north-west-count-34.xlsx: 4612 rows (4612 accepted, 0 rejected, 0 out of scope)",
				"23:12:53.268 ERROR Encountered an error executing step ingestStep in job reconciliationJob",
				"java.lang.OutOfMemoryError: Java heap space",
				"\tat org.electionrecon.staging.StagingTables.insert(StagingTables.java:51)",
				"23:12:53.275 INFO  Step: [ingestStep] executed in 1m5s275ms",
				"23:12:53.601 ERROR Run 0 FAILED: Java heap space. Fix the cause, then run the same command again"));
		assertThat(log.lastStep()).isEqualTo("ingestStep");
		assertThat(log.verificationRows()).isEqualTo(6120);
		assertThat(log.failure()).isEqualTo("java.lang.OutOfMemoryError: Java heap space");
	}

	@Test
	void shouldTakeTheArrivalSeriesAsAWorkload() throws Exception {
		org.assertj.core.api.Assertions
			.assertThat(Benchmark.parse(new String[] { "benchmark", "--workload=national-arrivals", "--runs=3" }))
			.extracting(Benchmark.Options::workload, Benchmark.Options::runs)
			.containsExactly("national-arrivals", 3);
		org.assertj.core.api.Assertions
			.assertThatThrownBy(() -> Benchmark.parse(new String[] { "benchmark", "--workload=arrivals" }))
			.hasMessage("--workload must be sample, national, million or national-arrivals, not 'arrivals'");
	}

	@Test
	void shouldPassExtraJvmOptionsToTheJobAndRefuseAnythingElse() throws Exception {
		Benchmark.Options options = Benchmark.parse(
				new String[] { "benchmark", "--jvm=-XX:TieredStopAtLevel=1  -Dfile.encoding=UTF-8", "--heap=512m" });

		org.assertj.core.api.Assertions.assertThat(options.jvmOptions())
			.containsExactly("-XX:TieredStopAtLevel=1", "-Dfile.encoding=UTF-8");
		org.assertj.core.api.Assertions.assertThat(options.heap()).isEqualTo("512m");
		// by default the README's recommended option; an empty --jvm measures the JVM's defaults
		org.assertj.core.api.Assertions.assertThat(Benchmark.parse(new String[] { "benchmark" }).jvmOptions())
			.containsExactly("-XX:TieredStopAtLevel=1");
		org.assertj.core.api.Assertions.assertThat(Benchmark.parse(new String[] { "benchmark", "--jvm=" }).jvmOptions())
			.isEmpty();
		org.assertj.core.api.Assertions
			.assertThatThrownBy(() -> Benchmark.parse(new String[] { "benchmark", "--jvm=--rerun" }))
			.isInstanceOf(org.electionrecon.cli.CommandLine.UsageException.class)
			.hasMessage("--jvm takes JVM options such as -XX:TieredStopAtLevel=1, not '--rerun'");
		org.assertj.core.api.Assertions
			.assertThatThrownBy(() -> Benchmark.parse(new String[] { "benchmark", "--jvm=-Xmx2g" }))
			.hasMessage("--jvm: give the heap with --heap, not -Xmx2g");
	}

	@Test
	void shouldCountRowElementsOnly() throws Exception {
		byte[] xml = "<sheetData><row r=\"1\"><c/></row><row>x</row><row/></sheetData><rowBreaks/>"
			.getBytes(StandardCharsets.UTF_8);
		long[] counted = SheetScan.countRows(new java.io.ByteArrayInputStream(xml), new byte[3]);
		assertThat(counted[0]).isEqualTo(3);
		assertThat(counted[1]).isEqualTo(xml.length);
	}

	@Test
	void shouldFindTheJarInASpringBootLocation(@TempDir Path dir) throws Exception {
		Path jar = java.nio.file.Files.createFile(dir.resolve("election recon.jar"));
		String url = jar.toUri().toString();
		assertThat(Benchmark.jarOf(url)).isEqualTo(jar);
		assertThat(Benchmark.jarOf("jar:nested:" + jar.toUri().getRawPath() + "/!BOOT-INF/classes/!/")).isEqualTo(jar);
		assertThat(Benchmark.jarOf(dir.toUri().toString())).isNull();
	}

	private static String value(String report, String key) {
		Matcher m = Pattern.compile("(?m)^  " + Pattern.quote(key + ":") + " +(.*)$").matcher(report);
		assertThat(m.find()).as("a line '%s:' in%n%s", key, report).isTrue();
		return m.group(1).strip();
	}

	private static double seconds(String report, String key, String word) {
		Matcher m = Pattern.compile(Pattern.quote(word) + " ([0-9.]+) s").matcher(value(report, key));
		assertThat(m.find()).as("'%s <seconds> s' in the line '%s:'", word, key).isTrue();
		return Double.parseDouble(m.group(1));
	}
}
