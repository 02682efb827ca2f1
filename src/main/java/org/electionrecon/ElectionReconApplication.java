package org.electionrecon;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.electionrecon.bench.Benchmark;
import org.electionrecon.cli.CommandLine;
import javax.sql.DataSource;

import org.electionrecon.operate.DatabaseLock;
import org.electionrecon.operate.InputWatch;
import org.electionrecon.operate.OperatorCommands;
import org.electionrecon.operate.OutputPaths;
import org.electionrecon.operate.ReconciliationRunner;
import org.electionrecon.run.ExitCodes;
import org.electionrecon.run.LiveStatus;
import org.electionrecon.sample.ForeignFileException;
import org.electionrecon.sample.SampleInputGenerator;
import org.electionrecon.settings.SettingsCheck;
import org.electionrecon.settings.SettingsFailures;
import org.electionrecon.staging.StagingSchemaConfiguration;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchJdbcAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionManagerCustomizationAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The command-line entry point: parses the arguments, runs the reconciliation job (or the sample
 * generator) and exits with the code the README documents.
 * <p>
 * The context is built from the job's two classes and only the auto-configurations the job uses
 * (data source, transactions, JDBC, the Batch job repository): evaluating
 * every auto-configuration on the class path took about a second of each run's start-up.
 */
@SpringBootConfiguration
@Import({ ReconciliationJobConfiguration.class, ReconciliationRunner.class, StagingSchemaConfiguration.class })
@ImportAutoConfiguration({ PropertyPlaceholderAutoConfiguration.class, DataSourceAutoConfiguration.class,
		DataSourceTransactionManagerAutoConfiguration.class, TransactionManagerCustomizationAutoConfiguration.class,
		TransactionAutoConfiguration.class, JdbcTemplateAutoConfiguration.class, BatchJdbcAutoConfiguration.class })
public class ElectionReconApplication {

	public static void main(String[] args) {
		int code;
		try {
			code = run(args);
		}
		catch (Throwable fatal) {
			// an OutOfMemoryError, say: the run did not complete, whatever the JVM would otherwise exit with
			System.err.println("election-recon: the run failed: " + fatal);
			code = ExitCodes.FAILED;
		}
		System.exit(code);
	}

	/** Runs the command line and returns the exit code. */
	public static int run(String[] args) {
		CommandLine line;
		try {
			line = CommandLine.parse(args);
		}
		catch (CommandLine.UsageException ex) {
			System.err.println("election-recon: " + ex.getMessage());
			return ExitCodes.FAILED;
		}
		if (line.help()) {
			System.out.print(CommandLine.usage());
			return ExitCodes.CLEAN;
		}
		if (CommandLine.BENCHMARK.equals(line.command())) {
			return Benchmark.run(args, ElectionReconApplication.class); // starts no Spring context: the job runs in child processes
		}
		try {
			if (CommandLine.GENERATE.equals(line.command())) {
				return generate(line);
			}
			if (CommandLine.RUN.equals(line.command()) || CommandLine.WATCH.equals(line.command())) {
				return reconcile(line);
			}
			return operate(line);
		}
		catch (CommandLine.UsageException ex) {
			System.err.println("election-recon: " + ex.getMessage());
			return ExitCodes.FAILED;
		}
		catch (RuntimeException ex) {
			System.err.println("election-recon: " + describe(ex));
			return ExitCodes.FAILED;
		}
	}

	/** A failure to start, on one line: the database in use by another run is the common one. */
	static String describe(Throwable ex) {
		java.util.Optional<String> setting = SettingsFailures.describe(ex);
		if (setting.isPresent()) {
			return setting.get();
		}
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			String message = String.valueOf(cause.getMessage());
			if (message.contains("lockFile") || message.contains("Database lock acquisition failure")) {
				return "the job database is in use by another run of election-recon; wait for it to finish"
						+ " (status shows it). If no such process exists, try again in a minute: a stale lock expires";
			}
		}
		return "could not start: " + ExitCodes.oneLine(ex);
	}

	private static int generate(CommandLine line) {
		String preset = line.option("preset", null);
		if (preset == null) {
			System.err.println("election-recon: generate needs --preset=sample, national or million");
			return ExitCodes.FAILED;
		}
		long seed;
		try {
			seed = Long.parseLong(line.option("seed", Long.toString(SampleInputGenerator.DEFAULT_SEED)));
		}
		catch (NumberFormatException ex) {
			System.err.println("election-recon: --seed must be a whole number");
			return ExitCodes.FAILED;
		}
		// never the job's own input folder by default: generate replaces what it finds of its earlier output
		String inputOption = line.option("input", null);
		if (inputOption == null) {
			System.err.println("election-recon: generate needs --input=DIR, the folder to write the generated input into");
			return ExitCodes.FAILED;
		}
		Path input = Path.of(inputOption).toAbsolutePath().normalize();
		if (Files.exists(input) && !Files.isDirectory(input)) {
			System.err.println("election-recon: --input=" + input + " is a file, not a folder");
			return ExitCodes.FAILED;
		}
		try {
			new SampleInputGenerator().generate(SampleInputGenerator.Spec.preset(preset, seed), input, line.flag("force"));
		}
		catch (ForeignFileException ex) {
			System.err.println("election-recon: " + ex.getMessage() + (ex.clash()
					? " (move it away or give another --input)"
					: " (give an empty or new folder, or add --force to write beside such files, which are kept)"));
			return ExitCodes.FAILED;
		}
		catch (IllegalArgumentException ex) {
			System.err.println("election-recon: " + ex.getMessage());
			return ExitCodes.FAILED;
		}
		catch (java.io.IOException ex) {
			System.err.println("election-recon: cannot write " + input + ": " + ex.getMessage());
			return ExitCodes.FAILED;
		}
		System.out.println("Generated the " + preset + " input in " + input.toAbsolutePath().normalize());
		return ExitCodes.CLEAN;
	}

	/** The run command, or watch: the same folders and checks, then one run or a run per change. */
	private static int reconcile(CommandLine line) throws CommandLine.UsageException {
		Path input = Path.of(line.option("input", "input")).toAbsolutePath().normalize();
		Path output = Path.of(line.option("output", "output")).toAbsolutePath().normalize();
		String election = line.option("election", "2024-07-04");
		if (!Files.isDirectory(input)) {
			System.err.println("election-recon: the input folder " + input + " does not exist");
			return ExitCodes.FAILED;
		}
		Optional<String> overlap = OutputPaths.apart(input, output);
		if (overlap.isPresent()) {
			System.err.println("election-recon: " + overlap.get());
			return ExitCodes.FAILED;
		}
		try {
			java.time.LocalDate.parse(election);
		}
		catch (java.time.format.DateTimeParseException ex) {
			System.err.println("election-recon: --election must be a date such as 2024-07-04, not '" + election + "'");
			return ExitCodes.FAILED;
		}
		if (!pathsUsable(line, OutputPaths.Use.RUN, output)) {
			return ExitCodes.FAILED;
		}
		if (CommandLine.WATCH.equals(line.command())) {
			if (line.flag("rerun")) {
				System.err.println("election-recon: --rerun does not apply to watch: each update is a run of the folder as"
						+ " it is then (use the run command with --rerun)");
				return ExitCodes.FAILED;
			}
			InputWatch.Options options = new InputWatch.Options(input, output, election, line.flag("full"),
					line.duration("settle", java.time.Duration.ofSeconds(2)),
					line.duration("poll", java.time.Duration.ofMillis(500)),
					line.duration("stop-wait", java.time.Duration.ofSeconds(60)));
			if (options.poll().isZero()) {
				System.err.println("election-recon: --poll must be more than 0");
				return ExitCodes.FAILED;
			}
			return withJobDatabase(line, output, springArgs -> watch(line, output, springArgs, options));
		}
		return withJobDatabase(line, output, springArgs -> {
			try (ConfigurableApplicationContext context = context(line, output, springArgs)) {
				return context.getBean(ReconciliationRunner.class).run(input, output, election, line.flag("rerun"),
						line.flag("full"));
			}
		});
	}

	/**
	 * Watches the input folder until SIGINT or SIGTERM, with the job database to itself all night.
	 * The console gets the update lines and the warnings and errors; each run's own lines go to the
	 * log file (OUTPUT/logs/), unless {@code --logging.threshold.console} says otherwise.
	 */
	private static int watch(CommandLine line, Path output, List<String> springArgs, InputWatch.Options options) {
		List<String> args = new ArrayList<>(springArgs);
		if (args.stream().noneMatch(arg -> arg.startsWith("--logging.threshold.console="))) {
			args.add(0, "--logging.threshold.console=WARN");
		}
		try (ConfigurableApplicationContext context = context(line, output, args)) {
			InputWatch watch = new InputWatch(context.getBean(ReconciliationRunner.class),
					context.getBean(OperatorCommands.class), context.getBean(JobRepository.class),
					context.getBean(JobOperator.class), new JdbcTemplate(context.getBean(DataSource.class)),
					context.getBean(LiveStatus.class).holdsJobDatabase(), options, System.out,
					java.time.Clock.systemDefaultZone());
			watch.stopOnSignals();
			return watch.watch();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return ExitCodes.FAILED;
		}
	}

	private static int operate(CommandLine line) throws CommandLine.UsageException {
		Path output = Path.of(line.option("output", "output")).toAbsolutePath().normalize();
		Long runId = line.runId();
		if (!pathsUsable(line, CommandLine.REPORT.equals(line.command()) ? OutputPaths.Use.REPORT : OutputPaths.Use.READ,
				output)) {
			return ExitCodes.FAILED;
		}
		return withJobDatabase(line, output, springArgs -> {
			try (ConfigurableApplicationContext context = context(line, output, springArgs)) {
				OperatorCommands commands = context.getBean(OperatorCommands.class);
				return switch (line.command()) {
					case CommandLine.STATUS -> commands.status(runId, System.out);
					case CommandLine.RESTART -> commands.restart(runId);
					case CommandLine.RECOVER -> commands.recover(runId);
					default -> commands.report(runId, output);
				};
			}
		});
	}

	/**
	 * Runs the command with the job database to itself, before any Spring context is built: on the
	 * embedded database, a command that finds another process holding it answers at once (status
	 * with that process's live status, exit 0; the others with one line naming it, exit 3) rather
	 * than wait for the database.
	 */
	private static int withJobDatabase(CommandLine line, Path output,
			java.util.function.ToIntFunction<List<String>> command) {
		Path databaseDir = Path.of(line.option("database-dir", output.resolve(".election-recon-db").toString()))
			.toAbsolutePath();
		List<String> springArgs = new ArrayList<>(line.springArguments());
		springArgs.add("--recon.database-dir=" + databaseDir);
		if (!DatabaseLock.guardsDatabaseOf(line.springArguments(), System.getenv(), System.getProperties())) {
			return command.applyAsInt(springArgs);
		}
		DatabaseLock.Attempt attempt;
		try {
			attempt = DatabaseLock.tryAcquire(databaseDir, line.command());
		}
		catch (java.io.IOException | RuntimeException ex) {
			System.err.println("election-recon: cannot lock the job database " + databaseDir + ": " + ExitCodes.oneLine(ex));
			return ExitCodes.FAILED;
		}
		if (!attempt.acquired()) {
			if (CommandLine.STATUS.equals(line.command())) {
				System.out.print(attempt.holder().map(holder -> holder.report(java.time.Instant.now()))
					.orElse("Another process is using the job database " + databaseDir
							+ " and has not said what it is doing yet.\n"));
				return ExitCodes.CLEAN;
			}
			System.err.println("election-recon: " + attempt.holder().map(org.electionrecon.run.RunStatus::busyMessage)
				.orElse("another process is using the job database " + databaseDir + "; wait for it to finish"));
			return ExitCodes.FAILED;
		}
		try (DatabaseLock lock = attempt.lock()) {
			springArgs.add("--recon.status-file=" + lock.statusFile());
			return command.applyAsInt(springArgs);
		}
	}

	/** Checks the output and database folders before a context (and an embedded database) is made; says why not. */
	private static boolean pathsUsable(CommandLine line, OutputPaths.Use use, Path output) {
		Optional<String> problem = OutputPaths.check(use, output, line.option("database-dir", null),
				line.springArguments());
		problem.ifPresent(message -> System.err.println("election-recon: " + message));
		return problem.isEmpty();
	}

	private static ConfigurableApplicationContext context(CommandLine line, Path output, List<String> springArgs) {
		List<String> args = new ArrayList<>(springArgs);
		org.electionrecon.operate.RunLog.file(line.command(), output, java.time.LocalDateTime.now())
			.ifPresent(log -> args.add("--logging.file.name=" + log));
		SpringApplication application = new SpringApplication(ElectionReconApplication.class);
		application.addListeners(new SettingsCheck());
		return application.run(args.toArray(String[]::new));
	}
}
