package org.electionrecon.bench;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.CodeSource;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.electionrecon.cli.CommandLine;
import org.electionrecon.run.ExitCodes;
import org.electionrecon.sample.SampleInputGenerator;
import org.springframework.batch.core.BatchStatus;

/**
 * {@code java -jar election-recon.jar benchmark}: generates a workload, runs the job on it as a whole
 * process several times (each run with an empty output folder, so an empty embedded database), and
 * prints wall time, the job's own time, box rows per second, peak resident memory, each step's
 * share, and the job's time against the floor: inflating and scanning the same workbooks' sheet XML
 * in this process.
 *
 * <p>A benchmark, not a test: it asserts nothing about speed. It exits 0 when every run completed
 * (the job's exit code 0, 1 or 2) and 3 when a run failed or the arguments are wrong. It never
 * starts Spring itself; the job runs in child JVMs.
 */
public final class Benchmark {

	static final List<String> WORKLOADS = List.of("sample", "national", "million", "national-arrivals");
	/** Count night on the national input: see {@link ArrivalSeries}. */
	static final String ARRIVALS = "national-arrivals";
	static final String DEFAULT_WORKLOAD = "national";
	static final int DEFAULT_RUNS = 5;
	static final String DEFAULT_WORK = "target/benchmark";
	static final String DEFAULT_HEAP = "256m";
	/**
	 * The JVM options the README recommends for the job, so that the benchmark measures the command a
	 * desk runs: the first-tier JIT alone (measured faster on two cores for both the national and the
	 * million workloads, docs/performance.md). {@code --jvm=} measures the JVM's defaults.
	 */
	static final String DEFAULT_JVM = "-XX:TieredStopAtLevel=1";
	static final int FLOOR_PASSES = 3;
	static final long POLL_MILLIS = 20;

	/** The options the benchmark takes; anything else is a usage error. */
	private static final Set<String> OWN_OPTIONS = Set.of("workload", "runs", "seed", "work", "heap", "jar", "jvm");
	private static final Pattern HEAP = Pattern.compile("\\d+[kKmMgG]?");

	/** What the command line asked for; {@code springArguments} are passed on to the job. */
	record Options(String workload, int runs, long seed, Path work, String heap, Path jar, List<String> jvmOptions,
			List<String> springArguments) {
	}

	/** One run of the job. */
	record Run(int index, int exitCode, long wallNanos, long peakKib, Long startupMillis, JobLog log, JobTimes times,
			Path logFile) {

		/** The job's exit code is one of a run that completed, and the job repository has it completed. */
		boolean completed() {
			return exitCode >= ExitCodes.CLEAN && exitCode <= ExitCodes.ERRORS && times != null
					&& times.status() == BatchStatus.COMPLETED && times.jobMillis() != null;
		}
	}

	private final Options options;
	private final PrintStream out;
	/** The class whose main method runs the job in a child JVM when no jar is given (the application, which calls this). */
	private final String mainClass;

	private Benchmark(Options options, PrintStream out, String mainClass) {
		this.options = options;
		this.out = out;
		this.mainClass = mainClass;
	}

	/** Runs the benchmark the arguments describe (the word {@code benchmark} may be among them); the exit code. */
	public static int run(String[] args, Class<?> mainClass) {
		PrintStream out = System.out;
		Options options;
		try {
			options = parse(args);
		}
		catch (CommandLine.UsageException ex) {
			System.err.println("election-recon: " + ex.getMessage());
			return ExitCodes.FAILED;
		}
		try {
			return new Benchmark(options, out, mainClass.getName()).execute();
		}
		catch (IOException | RuntimeException ex) {
			System.err.println("election-recon: benchmark failed: " + ExitCodes.oneLine(ex));
			return ExitCodes.FAILED;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			System.err.println("election-recon: benchmark interrupted");
			return ExitCodes.FAILED;
		}
	}

	static Options parse(String[] args) throws CommandLine.UsageException {
		CommandLine line = CommandLine.parse(args);
		if (!CommandLine.BENCHMARK.equals(line.command()) && !CommandLine.RUN.equals(line.command())) {
			throw new CommandLine.UsageException("benchmark cannot be combined with " + line.command());
		}
		for (String name : line.options().keySet()) {
			if (!OWN_OPTIONS.contains(name)) {
				throw new CommandLine.UsageException("option --" + name + " does not apply to benchmark (see --help)");
			}
		}
		String workload = line.option("workload", DEFAULT_WORKLOAD).trim().toLowerCase(Locale.ROOT);
		if (!WORKLOADS.contains(workload)) {
			throw new CommandLine.UsageException("--workload must be sample, national, million or national-arrivals, not '" + workload + "'");
		}
		int runs;
		long seed;
		try {
			runs = Integer.parseInt(line.option("runs", Integer.toString(DEFAULT_RUNS)));
			seed = Long.parseLong(line.option("seed", Long.toString(SampleInputGenerator.DEFAULT_SEED)));
		}
		catch (NumberFormatException ex) {
			throw new CommandLine.UsageException("--runs and --seed must be whole numbers");
		}
		if (runs < 1) {
			throw new CommandLine.UsageException("--runs must be at least 1");
		}
		String heap = line.option("heap", DEFAULT_HEAP);
		if (!HEAP.matcher(heap).matches()) {
			throw new CommandLine.UsageException("--heap must be a size as -Xmx takes it, such as 256m or 2g, not '"
					+ heap + "'");
		}
		Path jar = null;
		if (line.options().containsKey("jar")) {
			jar = Path.of(line.option("jar", null)).toAbsolutePath().normalize();
			if (!Files.isRegularFile(jar)) {
				throw new CommandLine.UsageException("--jar: no such file " + jar);
			}
		}
		List<String> jvmOptions = List.of(line.option("jvm", DEFAULT_JVM).trim().split("\\s+")).stream()
			.filter(option -> !option.isEmpty())
			.toList();
		for (String option : jvmOptions) {
			if (!option.startsWith("-X") && !option.startsWith("-D")) {
				throw new CommandLine.UsageException("--jvm takes JVM options such as -XX:TieredStopAtLevel=1, not '"
						+ option + "'");
			}
			if (option.startsWith("-Xmx")) {
				throw new CommandLine.UsageException("--jvm: give the heap with --heap, not " + option);
			}
		}
		return new Options(workload, runs, seed, Path.of(line.option("work", DEFAULT_WORK)), heap, jar, jvmOptions,
				line.springArguments());
	}

	private int execute() throws IOException, InterruptedException {
		String loadAtStart = Machine.loadAverage();
		out.printf(Locale.ROOT, "benchmark: %s workload, %d run%s, -Xmx%s; machine: %s; load average %s%n",
				options.workload(), options.runs(), options.runs() == 1 ? "" : "s", options.heap(), Machine.describe(),
				loadAtStart);

		if (ARRIVALS.equals(options.workload())) {
			Workload national = Workload.prepare("national", options.seed(), options.work(), out);
			return new ArrivalSeries(launcher(), out).run(national, options.runs()) ? ExitCodes.CLEAN : ExitCodes.FAILED;
		}
		Workload workload = Workload.prepare(options.workload(), options.seed(), options.work(), out);
		Path home = workload.input().getParent();
		Path output = home.resolve("output");
		Path logs = Files.createDirectories(home.resolve("logs"));

		List<String> launcher = launcher();
		out.println("benchmark: the job runs as: " + describe(launcher) + " --input=" + workload.input() + " --output="
				+ output);

		List<Run> runs = new ArrayList<>();
		for (int i = 1; i <= options.runs(); i++) {
			Run run = runOnce(i, launcher, workload, output, logs);
			runs.add(run);
			if (!run.completed()) {
				out.printf(Locale.ROOT, "benchmark: run %d/%d FAILED: %s; its log is %s; its last lines:%n", i,
						options.runs(), failure(run), run.logFile());
				run.log().tail().forEach(l -> out.println("    | " + l));
				if (i < options.runs()) {
					out.println("benchmark: the remaining runs are skipped");
				}
				break;
			}
			out.printf(Locale.ROOT, "benchmark: run %d/%d: wall %.3f s, job %.3f s, peak RSS %s, exit code %d%n", i,
					options.runs(), run.wallNanos() / 1e9, run.times().jobMillis() / 1e3, mib(run.peakKib()),
					run.exitCode());
		}

		List<SheetScan.Result> floor = new ArrayList<>();
		List<Path> workbooks = SheetScan.workbooks(workload.input().resolve(SampleInputGenerator.VERIFICATION));
		for (int i = 1; i <= FLOOR_PASSES; i++) {
			SheetScan.Result pass = SheetScan.scan(workbooks);
			floor.add(pass);
			out.printf(Locale.ROOT, "benchmark: floor pass %d/%d: %.3f s (%,d rows in %d sheets)%n", i, FLOOR_PASSES,
					pass.nanos() / 1e9, pass.rows(), pass.sheets());
		}

		report(workload, launcher, runs, floor, loadAtStart, Machine.loadAverage());
		boolean allCompleted = runs.size() == options.runs() && runs.stream().allMatch(Run::completed);
		return allCompleted ? ExitCodes.CLEAN : ExitCodes.FAILED;
	}

	/** Runs the job once in a fresh JVM on a fresh output folder, polling its peak RSS every 20 ms. */
	private Run runOnce(int index, List<String> launcher, Workload workload, Path output, Path logs)
			throws IOException, InterruptedException {
		deleteRecursively(output);
		Path logFile = logs.resolve("run-" + index + ".log");
		List<String> command = new ArrayList<>(launcher);
		command.add("--input=" + workload.input());
		command.add("--output=" + output);
		command.addAll(options.springArguments());
		out.printf(Locale.ROOT, "benchmark: run %d/%d ...%n", index, options.runs());
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(logFile.toFile());
		LocalDateTime launchedAt = LocalDateTime.now();
		long start = System.nanoTime();
		Process process = builder.start();
		long peak = -1;
		while (!process.waitFor(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
			peak = Math.max(peak, PeakMemory.highWaterMarkKib(process.pid()));
		}
		long wall = System.nanoTime() - start;
		JobLog log = JobLog.read(logFile);
		JobTimes times;
		try {
			times = JobTimes.read(databaseDir(output)).orElse(null);
		}
		catch (Exception ex) {
			out.println("benchmark: cannot read the run's job repository: " + ex);
			times = null;
		}
		Long startup = times == null || times.firstStepStart() == null ? null
				: Duration.between(launchedAt, times.firstStepStart()).toMillis();
		return new Run(index, process.exitValue(), wall, peak, startup, log, times, logFile);
	}

	/** Where the job keeps its embedded database: as the job places it, from its --output or a setting passed on. */
	private Path databaseDir(Path output) {
		for (String argument : options.springArguments()) {
			for (String option : List.of("--recon.database-dir=", "--database-dir=")) {
				if (argument.startsWith(option)) {
					return Path.of(argument.substring(option.length()));
				}
			}
		}
		return output.resolve(".election-recon-db");
	}

	/**
	 * {@code java -Xmx<heap> [--jvm options] -jar <jar>}, or {@code java -Xmx<heap> [--jvm options] -cp <class path>
	 * <main class>} without a jar.
	 */
	private List<String> launcher() {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xmx" + options.heap());
		command.addAll(options.jvmOptions());
		Path jar = options.jar() != null ? options.jar() : ownJar();
		if (jar != null) {
			command.add("-jar");
			command.add(jar.toString());
		}
		else {
			command.add("-cp");
			command.add(System.getProperty("java.class.path"));
			command.add(mainClass);
		}
		return command;
	}

	/**
	 * The jar this class was loaded from: {@code file:/x/election-recon.jar} for a plain jar,
	 * {@code jar:nested:/x/election-recon.jar/!BOOT-INF/classes/!/} inside Spring Boot's executable
	 * jar; {@code null} for a classes folder (tests, an IDE).
	 */
	static Path ownJar() {
		CodeSource source = Benchmark.class.getProtectionDomain().getCodeSource();
		if (source == null || source.getLocation() == null) {
			return null;
		}
		return jarOf(source.getLocation().toString());
	}

	static Path jarOf(String location) {
		String s = location;
		boolean stripped;
		do {
			stripped = false;
			for (String prefix : List.of("jar:", "nested:", "file:")) {
				if (s.startsWith(prefix)) {
					s = s.substring(prefix.length());
					stripped = true;
				}
			}
		}
		while (stripped);
		int bang = s.indexOf('!');
		if (bang >= 0) {
			s = s.substring(0, bang);
		}
		while (s.endsWith("/")) {
			s = s.substring(0, s.length() - 1);
		}
		s = percentDecode(s);
		if (!s.toLowerCase(Locale.ROOT).endsWith(".jar")) {
			return null;
		}
		try {
			Path jar = Path.of(s);
			return Files.isRegularFile(jar) ? jar.toAbsolutePath().normalize() : null;
		}
		catch (InvalidPathException ex) {
			return null;
		}
	}

	/** %XX sequences as UTF-8; a '+' stays a '+' (URLDecoder would make it a space). */
	private static String percentDecode(String s) {
		if (s.indexOf('%') < 0) {
			return s;
		}
		java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
		for (int i = 0; i < s.length(); i++) {
			char c = s.charAt(i);
			if (c == '%' && i + 2 < s.length()) {
				try {
					bytes.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
					i += 2;
					continue;
				}
				catch (NumberFormatException ex) {
					// a literal '%'
				}
			}
			byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
			bytes.write(b, 0, b.length);
		}
		return bytes.toString(StandardCharsets.UTF_8);
	}

	private static String describe(List<String> launcher) {
		int cp = launcher.indexOf("-cp");
		if (cp < 0) {
			return String.join(" ", launcher);
		}
		List<String> shown = new ArrayList<>(launcher);
		int entries = launcher.get(cp + 1).split(File.pathSeparator).length;
		shown.set(cp + 1, "<this JVM's class path: " + entries + " entries>");
		return String.join(" ", shown);
	}

	private void report(Workload workload, List<String> launcher, List<Run> runs, List<SheetScan.Result> floor,
			String loadAtStart, String loadAtEnd) {
		List<Run> completed = runs.stream().filter(Run::completed).toList();
		double wall = median(completed.stream().map(r -> r.wallNanos() / 1e9).toList());
		double job = median(completed.stream().map(r -> r.times().jobMillis() / 1e3).toList());
		double floorSeconds = median(floor.stream().map(f -> f.nanos() / 1e9).toList());
		SheetScan.Result scanned = floor.get(0);

		out.println();
		out.println("election-recon benchmark");
		line("machine", Machine.describe());
		line("load average", loadAtStart + " at the start, " + loadAtEnd + " at the end (1, 5, 15 min)");
		line("JDK", Machine.jdk());
		line("job command", describe(launcher));
		line("workload", String.format(Locale.ROOT, "%s (seed %d): %d constituencies in %d verification workbooks, %s",
				workload.preset(), workload.seed(), workload.constituencies(), workload.workbooks(),
				workload.reused() ? "reused from an earlier benchmark"
						: String.format(Locale.ROOT, "generated in %.1f s", workload.generatedSeconds())));
		line("input", workload.input().toString());
		line("boxes", String.format(Locale.ROOT, "%,d", workload.boxes()));
		line("runs", String.format(Locale.ROOT, "%d of %d completed; job exit codes %s", completed.size(),
				options.runs(), runs.stream().map(r -> Integer.toString(r.exitCode())).toList()));
		if (completed.isEmpty()) {
			line("wall time", "n/a (no run completed)");
		}
		else {
			line("wall time", String.format(Locale.ROOT,
					"median %.3f s, min %.3f s, max %.3f s (the whole process: JVM start to exit)", wall,
					completed.stream().mapToDouble(r -> r.wallNanos() / 1e9).min().orElseThrow(),
					completed.stream().mapToDouble(r -> r.wallNanos() / 1e9).max().orElseThrow()));
			line("job time", String.format(Locale.ROOT,
					"median %.3f s (the job repository's first step start to last step end; JVM and Spring start excluded)",
					job));
			List<Double> startups = completed.stream()
				.filter(r -> r.startupMillis() != null)
				.map(r -> r.startupMillis() / 1e3)
				.toList();
			double startup = median(startups);
			line("outside the job", String.format(Locale.ROOT,
					"median %.3f s: %s s from launch to the first step (JVM, Spring context, database), the rest"
							+ " after the run completed (shutdown)",
					median(completed.stream().map(r -> r.wallNanos() / 1e9 - r.times().jobMillis() / 1e3).toList()),
					startups.isEmpty() ? "n/a" : String.format(Locale.ROOT, "%.3f", startup)));
			line("box rows/s", String.format(Locale.ROOT,
					"%,.0f (boxes / median job time); %,.0f for the whole process (boxes / median wall time)",
					workload.boxes() / job, workload.boxes() / wall));
		}
		if (!PeakMemory.supported()) {
			line("peak RSS", "n/a (no /proc/<pid>/status on this system)");
		}
		else {
			long max = runs.stream().mapToLong(Run::peakKib).max().orElse(-1);
			line("peak RSS", String.format(Locale.ROOT, "%s (max VmHWM over the runs; per run: %s; -Xmx%s)", mib(max),
					runs.stream().map(r -> mib(r.peakKib())).toList(), options.heap()));
		}
		line("floor", String.format(Locale.ROOT,
				"median %.3f s of %d passes: inflate %d workbooks' %d sheets (%.1f MiB zipped, %.1f MiB of XML) and"
						+ " count their %,d <row> elements",
				floorSeconds, floor.size(), scanned.workbooks(), scanned.sheets(), scanned.compressedBytes() / 1048576.0,
				scanned.inflatedBytes() / 1048576.0, scanned.rows()));
		line("floor rows/s", String.format(Locale.ROOT, "%,.0f <row> elements/s; %,.0f boxes/s",
				scanned.rows() / floorSeconds, workload.boxes() / floorSeconds));
		line("ratio job/floor",
				completed.isEmpty() ? "n/a (no run completed)"
						: String.format(Locale.ROOT, "%.1f (median job time / median floor time)", job / floorSeconds));
		if (!completed.isEmpty()) {
			stepTable(completed, job);
		}
		for (Run r : runs) {
			if (!r.completed()) {
				line("run " + r.index() + " FAILED", failure(r));
			}
		}
		for (Run r : runs) {
			line("log of run " + r.index(), r.logFile().toString());
		}
	}

	private void stepTable(List<Run> completed, double job) {
		Set<String> names = new LinkedHashSet<>();
		completed.forEach(r -> names.addAll(r.times().stepMillis().keySet()));
		out.println("  steps (median of the completed runs):");
		out.printf(Locale.ROOT, "    %-22s %10s %8s%n", "step", "seconds", "share");
		String bottleneck = null;
		double slowest = -1;
		for (String name : names) {
			double seconds = median(completed.stream()
				.filter(r -> r.times().stepMillis().containsKey(name))
				.map(r -> r.times().stepMillis().get(name) / 1e3)
				.toList());
			if (seconds > slowest) {
				slowest = seconds;
				bottleneck = name;
			}
			out.printf(Locale.ROOT, "    %-22s %10.3f %7.1f%%%n", name, seconds, 100 * seconds / job);
		}
		double between = median(completed.stream()
			.map(r -> (r.times().jobMillis() - r.times().stepMillis().values().stream().mapToLong(Long::longValue).sum())
					/ 1e3)
			.toList());
		out.printf(Locale.ROOT, "    %-22s %10.3f %7.1f%%%n", "between the steps", between, 100 * between / job);
		out.printf(Locale.ROOT, "    %-22s %10.3f %7.1f%%%n", "job", job, 100.0);
		if (completed.size() > 1) {
			out.println("    (each row is the median over the runs, so the rows need not add up to the job's median)");
		}
		if (bottleneck != null) {
			line("bottleneck", String.format(Locale.ROOT, "%s (%.1f%% of the job time)", bottleneck,
					100 * slowest / job));
		}
	}

	/** How a failed run ended, on one line: wall time, exit code, the step, the error, how far it read. */
	private static String failure(Run run) {
		JobLog log = run.log();
		StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "exit code %d after %.3f s wall, peak RSS %s",
				run.exitCode(), run.wallNanos() / 1e9, mib(run.peakKib())));
		String lastStep = run.times() != null && run.times().lastStep() != null ? run.times().lastStep() : log.lastStep();
		if (lastStep != null) {
			s.append("; in ").append(lastStep);
			Long stepMillis = run.times() == null ? null : run.times().stepMillis().get(lastStep);
			if (stepMillis != null) {
				s.append(String.format(Locale.ROOT, " after %.3f s", stepMillis / 1e3));
			}
		}
		if (log.failure() != null) {
			s.append(": ").append(log.failure());
		}
		s.append(String.format(Locale.ROOT, "; %,d verification rows read before it ended", log.verificationRows()));
		return s.toString();
	}

	private void line(String key, String value) {
		out.printf(Locale.ROOT, "  %-17s %s%n", key + ":", value);
	}

	private static String mib(long kib) {
		return kib < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f MiB", kib / 1024.0);
	}

	static double median(List<Double> values) {
		if (values.isEmpty()) {
			return Double.NaN;
		}
		List<Double> sorted = new ArrayList<>(values);
		sorted.sort(null);
		int n = sorted.size();
		return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
	}

	static void deleteRecursively(Path dir) throws IOException {
		if (!Files.exists(dir)) {
			return;
		}
		Files.walkFileTree(dir, new SimpleFileVisitor<>() {
			@Override
			public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
				Files.delete(file);
				return FileVisitResult.CONTINUE;
			}

			@Override
			public FileVisitResult postVisitDirectory(Path d, IOException ex) throws IOException {
				if (ex != null) {
					throw ex;
				}
				Files.delete(d);
				return FileVisitResult.CONTINUE;
			}
		});
	}
}
