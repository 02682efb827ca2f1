package org.electionrecon.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one run's console log says: when the first step started, when the run completed, how long
 * each step took and the exit code the job gave. Lines start with {@code yyyy-MM-dd HH:mm:ss.SSS+hh:mm}
 * (application.yml's console pattern; older logs {@code HH:mm:ss.SSS}); steps end with Spring Batch's
 * {@code Step: [name] executed in 1m2s345ms}; the run ends with
 * {@code Run N completed with exit code C: ...} (older logs {@code Run N completed: ...; exit code C}).
 *
 * @param firstStepAt  the time of day of the first "Executing step" line, or {@code null}
 * @param jobMillis    first "Executing step" line to the "Run N completed" line, or {@code null}
 * @param stepMillis   each step's "executed in" time, in the order the steps ran
 * @param runExitCode  the exit code in the "Run N completed" line, or {@code null}
 * @param lastStep     the last step that started, or {@code null}
 * @param verificationRows rows the job read from verification files (boxes and total rows), by its
 *                     "Read verification/...: N rows" lines: how far a failed run got
 * @param failure      for a failed run, the first {@code java.lang...Error} line, or else the last
 *                     ERROR line; {@code null} when there is neither
 * @param tail         the last lines of the log, for a failed run
 */
record JobLog(LocalTime firstStepAt, Long jobMillis, Map<String, Long> stepMillis, Integer runExitCode,
		String lastStep, long verificationRows, String failure, List<String> tail) {

	// the date and the offset are optional: logs written before application.yml's pattern carried them have neither
	private static final Pattern TIME = Pattern
		.compile("^(?:\\d{4}-\\d{2}-\\d{2} )?(\\d{2}):(\\d{2}):(\\d{2})\\.(\\d{3})(?:Z|[+-]\\d{2}:\\d{2})?\\s");
	private static final Pattern STEP_START = Pattern.compile("\\sExecuting step: \\[([^\\]]+)\\]");
	private static final Pattern STEP_DONE = Pattern.compile("\\sStep: \\[([^\\]]+)\\] executed in (\\S*)");
	private static final Pattern RUN_DONE = Pattern.compile("\\sRun \\d+ completed\\b(?:.*\\bexit code (\\d+))?");
	private static final Pattern VERIFICATION_READ = Pattern.compile("\\sRead verification/.*: (\\d+) rows \\(");
	private static final Pattern JVM_ERROR = Pattern.compile("\\bjava\\.lang\\.\\w*Error\\b.*");
	private static final Pattern DURATION_PART = Pattern.compile("(\\d+)(ms|h|m|s)");
	private static final long DAY_MILLIS = 24L * 3600 * 1000;
	private static final int TAIL_LINES = 15;

	static JobLog read(Path log) throws IOException {
		return parse(Files.readAllLines(log, StandardCharsets.UTF_8));
	}

	static JobLog parse(List<String> lines) {
		LocalTime firstStepAt = null;
		Long firstStep = null;
		Long completed = null;
		Integer exitCode = null;
		Map<String, Long> steps = new LinkedHashMap<>();
		Deque<String> tail = new ArrayDeque<>();
		String lastStep = null;
		long verificationRows = 0;
		String jvmError = null;
		String lastError = null;
		long previous = -1;
		long dayOffset = 0;
		for (String line : lines) {
			tail.addLast(line);
			if (tail.size() > TAIL_LINES) {
				tail.removeFirst();
			}
			Matcher error = JVM_ERROR.matcher(line);
			if (jvmError == null && error.find()) {
				jvmError = error.group().strip();
			}
			Matcher time = TIME.matcher(line);
			if (!time.find()) {
				continue; // a stack trace or a line of the JVM's own
			}
			if (line.regionMatches(time.end(), "ERROR", 0, 5)) {
				lastError = line.substring(time.end() + 5).strip();
			}
			long ofDay = ((Long.parseLong(time.group(1)) * 60 + Long.parseLong(time.group(2))) * 60
					+ Long.parseLong(time.group(3))) * 1000 + Long.parseLong(time.group(4));
			if (previous >= 0 && ofDay + DAY_MILLIS / 2 < previous) {
				dayOffset += DAY_MILLIS; // the run went past midnight
			}
			previous = ofDay;
			long at = dayOffset + ofDay;
			Matcher started = STEP_START.matcher(line);
			if (started.find()) {
				lastStep = started.group(1);
				if (firstStep == null) {
					firstStep = at;
					firstStepAt = LocalTime.ofNanoOfDay(ofDay * 1_000_000L);
				}
				continue;
			}
			Matcher read = VERIFICATION_READ.matcher(line);
			if (read.find()) {
				verificationRows += Long.parseLong(read.group(1));
				continue;
			}
			Matcher step = STEP_DONE.matcher(line);
			if (step.find()) {
				steps.merge(step.group(1), durationMillis(step.group(2)), Long::sum);
				continue;
			}
			Matcher run = RUN_DONE.matcher(line);
			if (run.find()) {
				completed = at;
				exitCode = run.group(1) == null ? null : Integer.valueOf(run.group(1));
			}
		}
		Long job = firstStep != null && completed != null ? completed - firstStep : null;
		return new JobLog(firstStepAt, job, steps, exitCode, lastStep, verificationRows,
				jvmError != null ? jvmError : lastError, List.copyOf(tail));
	}

	/** Spring Batch's duration format: {@code 1h2m3s45ms}, {@code 1s198ms}, {@code 403ms}; empty for zero. */
	static long durationMillis(String text) {
		long millis = 0;
		Matcher part = DURATION_PART.matcher(text);
		while (part.find()) {
			long n = Long.parseLong(part.group(1));
			millis += switch (part.group(2)) {
				case "h" -> n * 3_600_000L;
				case "m" -> n * 60_000L;
				case "s" -> n * 1_000L;
				default -> n;
			};
		}
		return millis;
	}
}
