package org.electionrecon.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.electionrecon.run.ExitCodes;
import org.electionrecon.sample.SampleInputGenerator;

/**
 * The {@code national-arrivals} workload: count night on the national input. A {@code watch}
 * process reconciles the national folder with its last few council files held back, then those
 * files arrive one at a time (each copied under a partial-download name and renamed, as a browser
 * does, so it settles from the rename). For each arrival it measures the time from the file
 * settling (the rename plus the settle time) to the update's line, printed once the workbooks are
 * written, and the update's job time from the job repository; a full run of the whole folder
 * (every file read, its own database) gives the time an incremental run is compared with.
 */
final class ArrivalSeries {

	/** The settle time given to watch: the series measures from the end of it. */
	static final long SETTLE_MILLIS = 1000;

	/** How often watch lists the folder: the most an update can start after the file settled. */
	static final long POLL_MILLIS = 100;

	private static final long UPDATE_TIMEOUT_MILLIS = TimeUnit.MINUTES.toMillis(10);

	private static final Pattern UPDATE_SECONDS = Pattern.compile("; (\\d+\\.\\d) s$");

	/** One arrival: the file, from its settling to the update's line, the update's own time, the run's job time. */
	record Arrival(String file, double settleToWorkbookSeconds, double updateSeconds, double jobSeconds,
			java.util.Map<String, Long> stepMillis, String line) {
	}

	private final List<String> launcher;
	private final PrintStream out;

	ArrivalSeries(List<String> launcher, PrintStream out) {
		this.launcher = launcher;
		this.out = out;
	}

	/** Runs the series with {@code arrivals} council files held back; true when every update completed. */
	boolean run(Workload workload, int arrivals) throws IOException, InterruptedException {
		Path home = workload.input().getParent().resolve("arrivals");
		Benchmark.deleteRecursively(home);
		Path input = home.resolve("input");
		Path output = home.resolve("output");
		Path fullOutput = home.resolve("full-output");
		Path logs = Files.createDirectories(home.resolve("logs"));

		List<Path> statements = new ArrayList<>(SheetScan.workbooks(workload.input().resolve(SampleInputGenerator.VERIFICATION)));
		statements.sort(Comparator.comparing(p -> p.getFileName().toString()));
		if (statements.size() <= arrivals) {
			throw new IOException("the workload has " + statements.size() + " verification workbooks; " + arrivals
					+ " arrivals need more");
		}
		List<Path> heldBack = statements.subList(statements.size() - arrivals, statements.size());
		copyExcept(workload.input(), input, heldBack);

		out.println("benchmark: a full run of the whole national folder (every file read), for comparison ...");
		Process full = new ProcessBuilder(command(List.of("--input=" + workload.input(), "--output=" + fullOutput)))
			.redirectErrorStream(true).redirectOutput(logs.resolve("full-run.log").toFile()).start();
		int fullExit = full.waitFor();
		List<JobTimes> fullTimes = JobTimes.readAll(fullOutput.resolve(".election-recon-db"));
		if (fullExit > ExitCodes.ERRORS || fullTimes.isEmpty() || fullTimes.get(0).jobMillis() == null) {
			out.println("benchmark: the full run failed (exit code " + fullExit + "); see " + logs.resolve("full-run.log"));
			return false;
		}
		double fullJob = fullTimes.get(0).jobMillis() / 1e3;
		out.printf(Locale.ROOT, "benchmark: full run: job %.3f s%n", fullJob);

		Path watchLog = logs.resolve("watch.log");
		out.printf(Locale.ROOT, "benchmark: watch with %d council files held back (settle %d ms, poll %d ms) ...%n",
				arrivals, SETTLE_MILLIS, POLL_MILLIS);
		Process watch = new ProcessBuilder(command(List.of("watch", "--input=" + input, "--output=" + output,
				"--settle=" + SETTLE_MILLIS + "ms", "--poll=" + POLL_MILLIS + "ms")))
			.redirectErrorStream(true).redirectOutput(watchLog.toFile()).start();
		List<Arrival> series = new ArrayList<>();
		try {
			String first = awaitLine(watch, watchLog, "Update 1 ");
			out.println("benchmark: " + first);
			for (int i = 0; i < heldBack.size(); i++) {
				Path statement = heldBack.get(i);
				Path target = input.resolve(SampleInputGenerator.VERIFICATION).resolve(statement.getFileName());
				Path partial = target.resolveSibling(statement.getFileName() + ".part");
				Files.copy(statement, partial);
				Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
				long renamed = System.nanoTime();
				String line = awaitLine(watch, watchLog, "Update " + (i + 2) + " ");
				double settleToWorkbook = (System.nanoTime() - renamed) / 1e9 - SETTLE_MILLIS / 1e3;
				Matcher seconds = UPDATE_SECONDS.matcher(line);
				double update = seconds.find() ? Double.parseDouble(seconds.group(1)) : Double.NaN;
				series.add(new Arrival(statement.getFileName().toString(), settleToWorkbook, update, Double.NaN,
						java.util.Map.of(), line));
				out.printf(Locale.ROOT, "benchmark: arrival %d/%d: %.3f s from settle to workbooks | %s%n", i + 1,
						heldBack.size(), settleToWorkbook, line);
			}
		}
		finally {
			new ProcessBuilder("kill", "-TERM", Long.toString(watch.pid())).start().waitFor();
			if (!watch.waitFor(2, TimeUnit.MINUTES)) {
				watch.destroyForcibly();
			}
		}
		List<JobTimes> runs = JobTimes.readAll(output.resolve(".election-recon-db"));
		List<Arrival> timed = new ArrayList<>();
		for (int i = 0; i < series.size(); i++) {
			// run 0 is the folder with the files held back; run i + 1 the i-th arrival's
			JobTimes times = i + 1 < runs.size() ? runs.get(i + 1) : null;
			Arrival a = series.get(i);
			timed.add(new Arrival(a.file(), a.settleToWorkbookSeconds(), a.updateSeconds(),
					times == null || times.jobMillis() == null ? Double.NaN : times.jobMillis() / 1e3,
					times == null ? java.util.Map.of() : times.stepMillis(), a.line()));
		}
		report(timed, fullTimes.get(0), fullJob, runs.isEmpty() || runs.get(0).jobMillis() == null ? Double.NaN : runs.get(0).jobMillis() / 1e3);
		return timed.size() == arrivals && timed.stream().noneMatch(a -> Double.isNaN(a.jobSeconds()));
	}

	private void report(List<Arrival> arrivals, JobTimes full, double fullJob, double firstJob) {
		double settle = Benchmark.median(arrivals.stream().map(Arrival::settleToWorkbookSeconds).toList());
		double update = Benchmark.median(arrivals.stream().map(Arrival::updateSeconds).toList());
		double job = Benchmark.median(arrivals.stream().map(Arrival::jobSeconds).toList());
		out.println();
		out.printf(Locale.ROOT, "arrivals           %d council files, one at a time, into a running watch%n", arrivals.size());
		out.printf(Locale.ROOT, "settle to workbook median %.3f s, min %.3f s, max %.3f s (from the file settling to the"
				+ " update's line, printed once the workbooks are written; includes up to %d ms of polling)%n", settle,
				arrivals.stream().mapToDouble(Arrival::settleToWorkbookSeconds).min().orElse(Double.NaN),
				arrivals.stream().mapToDouble(Arrival::settleToWorkbookSeconds).max().orElse(Double.NaN), POLL_MILLIS);
		out.printf(Locale.ROOT, "update             median %.1f s (as the update line says: the run, from the"
				+ " fingerprint to the workbooks)%n", update);
		out.printf(Locale.ROOT, "incremental job    median %.3f s (first step start to last step end, one file read)%n", job);
		out.printf(Locale.ROOT, "full job           %.3f s (every file read, an empty database); watch's first run,"
				+ " every file but the held-back ones read: %.3f s%n", fullJob, firstJob);
		out.printf(Locale.ROOT, "incremental / full %.2f%n", job / fullJob);
		out.println("step               incremental (median)   full");
		for (String step : full.stepMillis().keySet()) {
			double incremental = Benchmark.median(arrivals.stream()
				.map(a -> a.stepMillis().getOrDefault(step, 0L) / 1e3)
				.toList());
			out.printf(Locale.ROOT, "  %-16s %8.3f s             %8.3f s%n", step, incremental,
					full.stepMillis().get(step) / 1e3);
		}
	}

	private List<String> command(List<String> args) {
		List<String> command = new ArrayList<>(launcher);
		command.addAll(args);
		return command;
	}

	/** Waits for the watch's log to hold a line starting with the prefix; that line. */
	private static String awaitLine(Process watch, Path log, String prefix) throws IOException, InterruptedException {
		long deadline = System.currentTimeMillis() + UPDATE_TIMEOUT_MILLIS;
		while (System.currentTimeMillis() < deadline) {
			if (Files.exists(log)) {
				for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
					if (line.startsWith(prefix)) {
						return line;
					}
				}
			}
			if (!watch.isAlive()) {
				throw new IOException("watch exited (" + watch.exitValue() + ") before '" + prefix + "'; see " + log);
			}
			Thread.sleep(10);
		}
		throw new IOException("no '" + prefix + "' within 10 minutes; see " + log);
	}

	/** Copies the input folder but the held-back files. */
	private static void copyExcept(Path from, Path to, List<Path> heldBack) throws IOException {
		try (Stream<Path> files = Files.walk(from)) {
			for (Path file : files.toList()) {
				Path target = to.resolve(from.relativize(file).toString());
				if (Files.isDirectory(file)) {
					Files.createDirectories(target);
				}
				else if (heldBack.stream().noneMatch(held -> held.toAbsolutePath().normalize()
					.equals(file.toAbsolutePath().normalize()))) {
					Files.copy(file, target);
				}
			}
		}
	}
}
