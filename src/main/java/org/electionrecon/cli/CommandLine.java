package org.electionrecon.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The job's command line: {@code --name=value} options and an optional command word. Anything
 * else is a usage error with a one-line message, never a stack trace.
 */
public record CommandLine(String command, Map<String, String> options, List<String> springArguments) {

	public static final String RUN = "run";
	public static final String GENERATE = "generate";
	public static final String STATUS = "status";
	public static final String RESTART = "restart";
	public static final String RECOVER = "recover";
	public static final String REPORT = "report";
	public static final String BENCHMARK = "benchmark";
	public static final String WATCH = "watch";

	static final Set<String> COMMANDS = Set.of(RUN, WATCH, GENERATE, STATUS, RESTART, RECOVER, REPORT, BENCHMARK);

	/** Options that take no value. */
	static final Set<String> FLAGS = Set.of("rerun", "full", "help", "force");

	/** Options of the job itself; {@code spring.*} and {@code recon.*} settings pass through to Spring. */
	static final Set<String> OPTIONS = Set.of("input", "output", "election", "database-dir", "preset", "seed", "run",
			"rerun", "full", "help", "force", "settle", "poll", "stop-wait", "workload", "runs", "work", "heap", "jar", "jvm");

	public static final class UsageException extends Exception {
		public UsageException(String message) {
			super(message);
		}
	}

	public static CommandLine parse(String[] args) throws UsageException {
		String command = null;
		Map<String, String> options = new LinkedHashMap<>();
		List<String> spring = new ArrayList<>();
		for (String arg : args) {
			if (arg.equals("--help") || arg.equals("-h") || arg.equals("help")) {
				options.put("help", "true");
				continue;
			}
			if (arg.startsWith("--")) {
				int eq = arg.indexOf('=');
				String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
				String value = eq < 0 ? null : arg.substring(eq + 1);
				if (name.startsWith("spring.") || name.startsWith("recon.") || name.startsWith("logging.")) {
					if (value == null) {
						throw new UsageException("option --" + name + " needs a value: --" + name + "=VALUE");
					}
					spring.add(arg);
					continue;
				}
				if (!OPTIONS.contains(name)) {
					throw new UsageException("unknown option --" + name + " (see --help)");
				}
				if (FLAGS.contains(name)) {
					if (value != null) {
						throw new UsageException("option --" + name + " takes no value");
					}
					options.put(name, "true");
					continue;
				}
				// --jvm= (no options) is a value: the JVM's defaults rather than the recommended ones
				if (value == null || value.isBlank() && !name.equals("jvm")) {
					throw new UsageException("option --" + name + " needs a value: --" + name + "=VALUE");
				}
				options.put(name, value);
				continue;
			}
			if (command != null) {
				throw new UsageException("unexpected argument '" + arg + "' (see --help)");
			}
			if (!COMMANDS.contains(arg)) {
				throw new UsageException("unknown command '" + arg
						+ "' (commands: run, watch, status, restart, recover, report, generate, benchmark; see --help)");
			}
			command = arg;
		}
		return new CommandLine(command == null ? RUN : command, options, spring);
	}

	public boolean help() {
		return options.containsKey("help");
	}

	public String option(String name, String fallback) {
		return options.getOrDefault(name, fallback);
	}

	public boolean flag(String name) {
		return options.containsKey(name);
	}

	/** The --run=ID option, or {@code null}. */
	public Long runId() throws UsageException {
		String run = options.get("run");
		if (run == null) {
			return null;
		}
		try {
			return Long.valueOf(run);
		}
		catch (NumberFormatException ex) {
			throw new UsageException("--run must be a run number, as status lists them, not '" + run + "'");
		}
	}

	/**
	 * A duration option such as {@code --settle=2s}: a whole number of milliseconds ({@code 300ms}),
	 * seconds ({@code 2s}) or minutes ({@code 1m}), or the fallback when the option is not given.
	 */
	public java.time.Duration duration(String name, java.time.Duration fallback) throws UsageException {
		String value = options.get(name);
		if (value == null) {
			return fallback;
		}
		java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,9})(ms|s|m)").matcher(value.strip());
		if (!m.matches()) {
			throw new UsageException("--" + name + " must be a duration such as 300ms, 2s or 1m, not '" + value + "'");
		}
		long n = Long.parseLong(m.group(1));
		return switch (m.group(2)) {
			case "ms" -> java.time.Duration.ofMillis(n);
			case "s" -> java.time.Duration.ofSeconds(n);
			default -> java.time.Duration.ofMinutes(n);
		};
	}

	public static String usage() {
		return """
				election-recon: reconciles council verification statements with declared results and the
				2019 notional figures, and writes one report workbook per report area.

				Usage:
				  java -jar target/election-recon.jar [run] [--input=DIR] [--output=DIR] [--election=DATE] [--rerun]
				                                      [--full]
				  java -jar target/election-recon.jar watch [--input=DIR] [--output=DIR] [--election=DATE] [--full]
				                                      [--settle=2s] [--poll=500ms] [--stop-wait=60s]
				  java -jar target/election-recon.jar status|restart|recover|report [--run=N] [--output=DIR]
				  java -jar target/election-recon.jar generate --preset=sample|national|million --input=DIR [--seed=N]
				                                      [--force]
				  java -jar target/election-recon.jar benchmark [--workload=NAME] [--runs=N] [--seed=N] [--work=DIR]
				                                      [--heap=SIZE] [--jvm="OPTIONS"] [--jar=PATH]
				  java -jar target/election-recon.jar --help

				Commands:
				  run        (default) read the input folder, reconcile, write <area>-reconciliation.xlsx.
				             The same inputs restart a failed run and do not repeat a completed one
				             (its exit code is given again; --rerun runs them anew). A file that an
				             earlier completed run read is not read again: its staged rows are
				             copied (--full reads every file)
				  watch      count night: reconcile the input folder, then again each time a file
				             appears, changes or is removed and has settled (size and time unchanged
				             for --settle); one line per update. Each update is a run as above.
				             Ctrl-C or SIGTERM stops it between updates (a run in progress finishes,
				             or after --stop-wait is stopped to be resumed); the same command resumes
				             it. Exit code: the last update's (3 if none was made)
				  status     recent runs: inputs, start, end, status, findings, the failed step and why
				             (while another process holds the embedded database: its run, step and progress)
				  restart    resume the last failed run (or --run=N) from where it stopped
				  recover    mark a run left running by a process that died (kill -9, reboot) as failed
				  report     rebuild the workbooks of the last completed run (or --run=N) from the database
				  generate   build a synthetic input folder from the bundled real HoC and notional data:
				             sample (Staffordshire and Cheshire, as in input/), national (650 seats,
				             ~42,000 boxes) or million (650 seats, ~1,000,000 boxes). It writes
				             register/register.csv, declarations/ (2 HoC CSVs), notional/ (1 CSV),
				             verification/*.xlsx and .election-recon-generated (the list of those
				             files) into --input, and replaces only the files that list names: a
				             folder holding anything else is refused unless --force is given
				  benchmark  generate a workload, run the job on it as a whole process --runs times (each
				             with an empty database) and print wall time, box rows/s, peak RSS, each
				             step's share and the ratio to the floor (inflating and scanning the sheet
				             XML of the same files); see docs/performance.md

				Options:
				  --input=DIR         input folder with register/, verification/, declarations/, notional/
				                      (default: input; generate has no default)
				  --output=DIR        where the report workbooks go (default: output)
				  --election=DATE     the election reconciled, as YYYY-MM-DD (default: 2024-07-04)
				  --database-dir=DIR  where the embedded job database lives (default: OUTPUT/.election-recon-db)
				  --rerun             with run: reconcile inputs again although a completed run has them
				  --full              with run, watch: read every input file again; by default a file that an
				                      earlier completed run read (same name, bytes, reader version,
				                      register and settings) is copied from that run's staging
				  --settle=DURATION   with watch: how long the input files must stay unchanged before
				                      an update (default: 2s; 300ms, 2s, 1m)
				  --poll=DURATION     with watch: how often the input folder is listed (default: 500ms);
				                      also at once when the file system notifies a change
				  --stop-wait=DURATION
				                      with watch: how long a stop waits for the current run to finish
				                      before stopping it, restartable (default: 60s)
				  --run=N             with status, restart, recover, report: the run (as status lists it)
				  --preset=NAME       with generate: sample, national or million
				  --force             with generate: write beside files generate did not write, keeping
				                      them (one it would overwrite is still refused)
				  --seed=N            with generate, benchmark: the random seed (default: 20240704)
				  --workload=NAME     with benchmark: sample, national or million (default: national), or
				                      national-arrivals: the national files held back --runs council
				                      files at a time arriving into a watch (docs/performance.md)
				  --runs=N            with benchmark: runs of the job (default: 5)
				  --work=DIR          with benchmark: where workloads, outputs and logs go
				                      (default: target/benchmark)
				  --heap=SIZE         with benchmark: the job's -Xmx (default: 256m)
				  --jvm="OPTIONS"     with benchmark: the job's JVM options besides the heap
				                      (default: -XX:TieredStopAtLevel=1, as the README recommends;
				                      --jvm= for the JVM's defaults)
				  --jar=PATH          with benchmark: the jar to run (default: the one running)
				  --recon.checks.NAME=VALUE, --spring.datasource.url=URL, ...
				                      any setting of application.yml (thresholds, database)
				  -h, --help          show this help

				Exit codes:
				  0  completed; no open ERROR or WARNING finding
				  1  completed; open WARNINGs, no open ERROR
				  2  completed; at least one open ERROR
				  3  could not run or failed (bad arguments, database unavailable, a step failed)
				""";
	}
}
