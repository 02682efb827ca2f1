package org.electionrecon.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

import org.electionrecon.sample.ForeignFileException;
import org.electionrecon.sample.SampleInputGenerator;

/**
 * A generated input folder the benchmark runs the job on, {@code WORK/<preset>-<seed>/input}, with
 * {@code workload.properties} next to it recording what the generator wrote. The file is written
 * only once the generator has finished, so a folder with it is whole and is reused; one without it
 * is generated again.
 *
 * @param generatedSeconds how long the generator took, when it was this benchmark that ran it
 * @param reused           whether an earlier benchmark's folder was reused
 */
record Workload(String preset, long seed, Path input, int constituencies, int workbooks, long boxes,
		double generatedSeconds, boolean reused) {

	static final String MARKER = "workload.properties";

	static Workload prepare(String preset, long seed, Path work, PrintStream out) throws IOException {
		Path home = work.resolve(preset + "-" + seed).toAbsolutePath().normalize();
		Path input = home.resolve("input");
		Path marker = home.resolve(MARKER);
		Workload existing = read(marker, preset, seed, input);
		if (existing != null) {
			out.printf(Locale.ROOT, "benchmark: reusing the %s input (seed %d, %,d boxes) in %s%n", preset, seed,
					existing.boxes(), input);
			return existing;
		}
		Files.createDirectories(home);
		Files.deleteIfExists(marker);
		out.printf(Locale.ROOT, "benchmark: generating the %s input (seed %d) in %s ...%n", preset, seed, input);
		long start = System.nanoTime();
		SampleInputGenerator.Summary summary;
		try {
			summary = new SampleInputGenerator().generate(SampleInputGenerator.Spec.preset(preset, seed), input);
		}
		catch (ForeignFileException ex) {
			// the benchmark's own work folder, but the generator still never removes what it did not write
			// (no cause: the one-line message is the innermost one)
			throw new IOException(ex.getMessage() + "; delete " + input + " to have it generated again");
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		Properties p = new Properties();
		p.setProperty("preset", preset);
		p.setProperty("seed", Long.toString(seed));
		p.setProperty("constituencies", Integer.toString(summary.constituencies()));
		p.setProperty("workbooks", Integer.toString(summary.workbooks()));
		p.setProperty("boxes", Long.toString(summary.boxes()));
		p.setProperty("papersVerified", Long.toString(summary.papersVerified()));
		p.setProperty("generatedSeconds", String.format(Locale.ROOT, "%.3f", seconds));
		try (Writer w = Files.newBufferedWriter(marker, StandardCharsets.UTF_8)) {
			p.store(w, "written by the election-recon benchmark once the generator finished");
		}
		out.printf(Locale.ROOT, "benchmark: generated %,d boxes of %d constituencies in %d workbooks in %.1f s%n",
				summary.boxes(), summary.constituencies(), summary.workbooks(), seconds);
		return new Workload(preset, seed, input, summary.constituencies(), summary.workbooks(), summary.boxes(),
				seconds, false);
	}

	private static Workload read(Path marker, String preset, long seed, Path input) {
		if (!Files.isRegularFile(marker) || !Files.isDirectory(input.resolve(SampleInputGenerator.VERIFICATION))) {
			return null;
		}
		Properties p = new Properties();
		try (Reader r = Files.newBufferedReader(marker, StandardCharsets.UTF_8)) {
			p.load(r);
			if (!preset.equals(p.getProperty("preset")) || !Long.toString(seed).equals(p.getProperty("seed"))) {
				return null;
			}
			return new Workload(preset, seed, input, Integer.parseInt(p.getProperty("constituencies")),
					Integer.parseInt(p.getProperty("workbooks")), Long.parseLong(p.getProperty("boxes")),
					Double.parseDouble(p.getProperty("generatedSeconds", "0")), true);
		}
		catch (IOException | RuntimeException ex) {
			return null; // unreadable or incomplete: generate again
		}
	}
}
