package org.electionrecon.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What one run's console log says of how it ended, for a run that failed: the exit code the job
 * gave, the last step it started, how far it read and the error. Its times come from the job
 * repository ({@link JobTimes}), not from here. Lines start with {@code yyyy-MM-dd HH:mm:ss.SSS+hh:mm}
 * (application.yml's console pattern; older logs {@code HH:mm:ss.SSS}); the run ends with
 * {@code Run N completed with exit code C: ...} (older logs {@code Run N completed: ...; exit code C}).
 *
 * @param runExitCode  the exit code in the "Run N completed" line, or {@code null}
 * @param lastStep     the last step that started, or {@code null}
 * @param verificationRows rows the job read from verification files (boxes and total rows), by its
 *                     "Read verification/...: N rows" lines: how far a failed run got
 * @param failure      for a failed run, the first {@code java.lang...Error} line, or else the last
 *                     ERROR line; {@code null} when there is neither
 * @param tail         the last lines of the log, for a failed run
 */
record JobLog(Integer runExitCode, String lastStep, long verificationRows, String failure, List<String> tail) {

	// the date and the offset are optional: logs written before application.yml's pattern carried them have neither
	private static final Pattern TIME = Pattern
		.compile("^(?:\\d{4}-\\d{2}-\\d{2} )?(\\d{2}):(\\d{2}):(\\d{2})\\.(\\d{3})(?:Z|[+-]\\d{2}:\\d{2})?\\s");
	private static final Pattern STEP_START = Pattern.compile("\\sExecuting step: \\[([^\\]]+)\\]");
	private static final Pattern RUN_DONE = Pattern.compile("\\sRun \\d+ completed\\b(?:.*\\bexit code (\\d+))?");
	private static final Pattern VERIFICATION_READ = Pattern.compile("\\sRead verification/.*: (\\d+) rows \\(");
	private static final Pattern JVM_ERROR = Pattern.compile("\\bjava\\.lang\\.\\w*Error\\b.*");
	private static final int TAIL_LINES = 15;

	static JobLog read(Path log) throws IOException {
		return parse(Files.readAllLines(log, StandardCharsets.UTF_8));
	}

	static JobLog parse(List<String> lines) {
		Integer exitCode = null;
		Deque<String> tail = new ArrayDeque<>();
		String lastStep = null;
		long verificationRows = 0;
		String jvmError = null;
		String lastError = null;
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
			Matcher started = STEP_START.matcher(line);
			if (started.find()) {
				lastStep = started.group(1);
				continue;
			}
			Matcher read = VERIFICATION_READ.matcher(line);
			if (read.find()) {
				verificationRows += Long.parseLong(read.group(1));
				continue;
			}
			Matcher run = RUN_DONE.matcher(line);
			if (run.find()) {
				exitCode = run.group(1) == null ? null : Integer.valueOf(run.group(1));
			}
		}
		return new JobLog(exitCode, lastStep, verificationRows,
				jvmError != null ? jvmError : lastError, List.copyOf(tail));
	}
}
