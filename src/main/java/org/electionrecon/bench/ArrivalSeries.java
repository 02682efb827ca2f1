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
import java.util.Objects;
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
 * settling (the rename plus the settle time) to its area's workbook being replaced (its
 * modification time or file key changed, looked at every 10 ms) and to the update's line, printed
 * once the workbooks are written, and the update's job time from the job repository; a full run of the whole folder
 * (every file read, its own database) gives the time an incremental run is compared with.
 */
final class ArrivalSeries {

	/** The settle time given to watch: the series measures from the end of it. */
	static final long SETTLE_MILLIS = 1000;

	/** How often watch lists the folder: the most an update can start after the file settled. */
	static final long POLL_MILLIS = 100;

	private static final long UPDATE_TIMEOUT_MILLIS = TimeUnit.MINUTES.toMillis(10);

	private static final Pattern UPDATE_SECONDS = Pattern.compile("; (\\d+\\.\\d) s$");

	/** How often the series looks at the watch's log and the arriving file's area workbook. */
	static final long LOOK_MILLIS = 10;

	/**
	 * One arrival: the file; from its settling to its area's workbook being replaced (NaN when the
	 * workbook was not replaced), and to the update's line; the update's own time; the run's job time.
	 */
	record Arrival(String file, double settleToAreaWorkbookSeconds, double settleToWorkbookSeconds, double updateSeconds,
			double jobSeconds, java.util.Map<String, Long> stepMillis, String line) {
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
			LogTail log = new LogTail(watchLog);
			String first = log.await(watch, "Update 1 ");
			out.println("benchmark: " + first);
			for (int i = 0; i < heldBack.size(); i++) {
				Path statement = heldBack.get(i);
				Path target = input.resolve(SampleInputGenerator.VERIFICATION).resolve(statement.getFileName());
				Path partial = target.resolveSibling(statement.getFileName() + ".part");
				Path areaWorkbook = areaWorkbook(output, statement.getFileName().toString());
				WorkbookStamp before = WorkbookStamp.of(areaWorkbook);
				Files.copy(statement, partial);
				Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
				long renamed = System.nanoTime();
				String prefix = "Update " + (i + 2) + " ";
				long replaced = 0;
				String line = null;
				long deadline = renamed + TimeUnit.MILLISECONDS.toNanos(UPDATE_TIMEOUT_MILLIS);
				while (line == null) {
					if (replaced == 0 && !Objects.equals(WorkbookStamp.of(areaWorkbook), before)) {
						replaced = System.nanoTime();
					}
					line = log.find(prefix);
					if (line == null) {
						if (!watch.isAlive()) {
							throw new IOException("watch exited (" + watch.exitValue() + ") before '" + prefix + "'; see " + watchLog);
						}
						if (System.nanoTime() > deadline) {
							throw new IOException("no '" + prefix + "' within 10 minutes; see " + watchLog);
						}
						Thread.sleep(LOOK_MILLIS);
					}
				}
				long lineSeen = System.nanoTime();
				if (replaced == 0 && !Objects.equals(WorkbookStamp.of(areaWorkbook), before)) {
					replaced = lineSeen; // replaced within the last look
				}
				double settleToWorkbook = (lineSeen - renamed) / 1e9 - SETTLE_MILLIS / 1e3;
				double settleToArea = replaced == 0 ? Double.NaN : (replaced - renamed) / 1e9 - SETTLE_MILLIS / 1e3;
				Matcher seconds = UPDATE_SECONDS.matcher(line);
				double update = seconds.find() ? Double.parseDouble(seconds.group(1)) : Double.NaN;
				series.add(new Arrival(statement.getFileName().toString(), settleToArea, settleToWorkbook, update, Double.NaN,
						java.util.Map.of(), line));
				out.printf(Locale.ROOT, "benchmark: arrival %d/%d: %.3f s from settle to %s replaced, %.3f s to the update's"
						+ " line | %s%n", i + 1, heldBack.size(), settleToArea,
						areaWorkbook == null ? "(no area workbook found)" : areaWorkbook.getFileName(), settleToWorkbook, line);
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
			timed.add(new Arrival(a.file(), a.settleToAreaWorkbookSeconds(), a.settleToWorkbookSeconds(), a.updateSeconds(),
					times == null || times.jobMillis() == null ? Double.NaN : times.jobMillis() / 1e3,
					times == null ? java.util.Map.of() : times.stepMillis(), a.line()));
		}
		report(timed, fullTimes.get(0), fullJob, runs.isEmpty() || runs.get(0).jobMillis() == null ? Double.NaN : runs.get(0).jobMillis() / 1e3);
		return timed.size() == arrivals && timed.stream().noneMatch(a -> Double.isNaN(a.jobSeconds()));
	}

	private void report(List<Arrival> arrivals, JobTimes full, double fullJob, double firstJob) {
		double settle = Benchmark.median(arrivals.stream().map(Arrival::settleToWorkbookSeconds).toList());
		List<Double> areaTimes = arrivals.stream().map(Arrival::settleToAreaWorkbookSeconds).filter(t -> !Double.isNaN(t)).toList();
		double area = areaTimes.isEmpty() ? Double.NaN : Benchmark.median(areaTimes);
		double update = Benchmark.median(arrivals.stream().map(Arrival::updateSeconds).toList());
		double job = Benchmark.median(arrivals.stream().map(Arrival::jobSeconds).toList());
		out.println();
		out.printf(Locale.ROOT, "arrivals           %d council files, one at a time, into a running watch%n", arrivals.size());
		out.printf(Locale.ROOT, "settle to workbook median %.3f s, min %.3f s, max %.3f s (from the file settling to the"
				+ " update's line, printed once the workbooks are written; includes up to %d ms of polling)%n", settle,
				arrivals.stream().mapToDouble(Arrival::settleToWorkbookSeconds).min().orElse(Double.NaN),
				arrivals.stream().mapToDouble(Arrival::settleToWorkbookSeconds).max().orElse(Double.NaN), POLL_MILLIS);
		out.printf(Locale.ROOT, "settle to area workbook median %.3f s, min %.3f s, max %.3f s (from the file settling to its"
				+ " area's workbook being replaced, looked at every %d ms; %d of %d arrivals replaced it)%n", area,
				areaTimes.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
				areaTimes.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN), LOOK_MILLIS, areaTimes.size(),
				arrivals.size());
		if (!arrivals.isEmpty()) {
			Arrival first = arrivals.get(0);
			Arrival last = arrivals.get(arrivals.size() - 1);
			int five = Math.min(5, arrivals.size());
			out.printf(Locale.ROOT, "over the night     first arrival: area workbook %.3f s, line %.3f s, job %.3f s; last (run %d):"
					+ " area workbook %.3f s, line %.3f s, job %.3f s%n", first.settleToAreaWorkbookSeconds(),
					first.settleToWorkbookSeconds(), first.jobSeconds(), arrivals.size() + 1,
					last.settleToAreaWorkbookSeconds(), last.settleToWorkbookSeconds(), last.jobSeconds());
			out.printf(Locale.ROOT, "                   median of the first %d: line %.3f s, job %.3f s; of the last %d: line"
					+ " %.3f s, job %.3f s%n", five,
					Benchmark.median(arrivals.subList(0, five).stream().map(Arrival::settleToWorkbookSeconds).toList()),
					Benchmark.median(arrivals.subList(0, five).stream().map(Arrival::jobSeconds).toList()), five,
					Benchmark.median(arrivals.subList(arrivals.size() - five, arrivals.size()).stream()
						.map(Arrival::settleToWorkbookSeconds).toList()),
					Benchmark.median(arrivals.subList(arrivals.size() - five, arrivals.size()).stream()
						.map(Arrival::jobSeconds).toList()));
		}
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

	/**
	 * The area workbook an arriving council file belongs to: the output's {@code AREA-reconciliation.xlsx}
	 * whose area slug the file's name starts with (the national workload names its files
	 * {@code AREA-count-NN.xlsx}); {@code null} when there is none.
	 */
	static Path areaWorkbook(Path output, String fileName) throws IOException {
		if (!Files.isDirectory(output)) {
			return null;
		}
		try (Stream<Path> files = Files.list(output)) {
			return files.filter(f -> f.getFileName().toString().endsWith(AREA_WORKBOOK))
				.filter(f -> fileName.startsWith(f.getFileName().toString().replace(AREA_WORKBOOK, "-")))
				.max(Comparator.comparingInt(f -> f.getFileName().toString().length()))
				.orElse(null);
		}
	}

	private static final String AREA_WORKBOOK = "-reconciliation.xlsx";

	/** A workbook's modification time and file key: a replaced workbook has another (written anew and moved in). */
	record WorkbookStamp(java.nio.file.attribute.FileTime modified, Object fileKey, long size) {

		static WorkbookStamp of(Path workbook) {
			if (workbook == null) {
				return null;
			}
			try {
				java.nio.file.attribute.BasicFileAttributes attributes = Files.readAttributes(workbook,
						java.nio.file.attribute.BasicFileAttributes.class);
				return new WorkbookStamp(attributes.lastModifiedTime(), attributes.fileKey(), attributes.size());
			}
			catch (IOException ex) {
				return null; // between a removal and its replacement's move
			}
		}
	}

	/** The watch's log, read on from where the last look stopped (it grows by every run's log over a night). */
	static final class LogTail {

		private final Path log;
		private long position;
		private final List<String> lines = new ArrayList<>();

		LogTail(Path log) {
			this.log = log;
		}

		/** The first line not yet returned that starts with the prefix, or {@code null}; earlier lines are passed over. */
		String find(String prefix) throws IOException {
			readOn();
			for (int i = 0; i < lines.size(); i++) {
				if (lines.get(i).startsWith(prefix)) {
					String line = lines.get(i);
					lines.subList(0, i + 1).clear();
					return line;
				}
			}
			lines.clear();
			return null;
		}

		/** Waits for a line starting with the prefix. */
		String await(Process watch, String prefix) throws IOException, InterruptedException {
			long deadline = System.currentTimeMillis() + UPDATE_TIMEOUT_MILLIS;
			while (System.currentTimeMillis() < deadline) {
				String line = find(prefix);
				if (line != null) {
					return line;
				}
				if (!watch.isAlive()) {
					throw new IOException("watch exited (" + watch.exitValue() + ") before '" + prefix + "'; see " + log);
				}
				Thread.sleep(LOOK_MILLIS);
			}
			throw new IOException("no '" + prefix + "' within 10 minutes; see " + log);
		}

		private void readOn() throws IOException {
			if (!Files.exists(log)) {
				return;
			}
			try (java.nio.channels.SeekableByteChannel channel = Files.newByteChannel(log)) {
				if (channel.size() <= position) {
					return;
				}
				channel.position(position);
				java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate((int) Math.min(channel.size() - position, 1 << 24));
				while (buffer.hasRemaining() && channel.read(buffer) > 0) {
				}
				buffer.flip();
				// whole lines only: a line's bytes are kept until its end arrives
				byte[] bytes = new byte[buffer.remaining()];
				buffer.get(bytes);
				int end = lastNewline(bytes);
				if (end < 0) {
					return;
				}
				position += end + 1;
				new String(bytes, 0, end + 1, StandardCharsets.UTF_8).lines().forEach(lines::add);
			}
		}

		private static int lastNewline(byte[] bytes) {
			for (int i = bytes.length - 1; i >= 0; i--) {
				if (bytes[i] == '\n') {
					return i;
				}
			}
			return -1;
		}
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
