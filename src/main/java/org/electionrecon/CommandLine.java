package org.electionrecon;

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

	/** Options of the job itself; {@code spring.*} and {@code recon.*} settings pass through to Spring. */
	static final Set<String> OPTIONS = Set.of("input", "output", "election", "database-dir", "preset", "seed", "help");

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
				if (value == null || value.isBlank()) {
					throw new UsageException("option --" + name + " needs a value: --" + name + "=VALUE");
				}
				options.put(name, value);
				continue;
			}
			if (command != null) {
				throw new UsageException("unexpected argument '" + arg + "' (see --help)");
			}
			if (!arg.equals(RUN) && !arg.equals(GENERATE)) {
				throw new UsageException("unknown command '" + arg + "' (commands: run, generate; see --help)");
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

	static String usage() {
		return """
				election-recon: reconciles council verification statements with declared results and the
				2019 notional figures, and writes one report workbook per report area.

				Usage:
				  java -jar target/election-recon.jar [run] [--input=DIR] [--output=DIR] [--election=DATE]
				  java -jar target/election-recon.jar generate --preset=sample|national|million [--seed=N] [--input=DIR]
				  java -jar target/election-recon.jar --help

				Commands:
				  run        (default) read the input folder, reconcile, write <area>-reconciliation.xlsx
				  generate   build a synthetic input folder from the bundled real HoC and notional data:
				             sample (Staffordshire and Cheshire, as in input/), national (650 seats,
				             ~45,000 boxes) or million (650 seats, ~1,000,000 boxes)

				Options:
				  --input=DIR         input folder with register/, verification/, declarations/, notional/
				                      (default: input)
				  --output=DIR        where the report workbooks go (default: output)
				  --election=DATE     the election reconciled, as YYYY-MM-DD (default: 2024-07-04)
				  --database-dir=DIR  where the embedded job database lives (default: OUTPUT/.election-recon-db)
				  --preset=NAME       with generate: sample, national or million
				  --seed=N            with generate: the random seed (default: 20240704)
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
