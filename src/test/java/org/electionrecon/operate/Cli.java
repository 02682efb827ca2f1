package org.electionrecon.operate;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.electionrecon.ElectionReconApplication;

/**
 * Runs the command line in this JVM as an operator would type it, with what it prints (its own
 * output and its log, which goes to the console) captured and still echoed to the test log.
 */
final class Cli {

	/** The sample input every run of these tests reconciles. */
	static final Path SAMPLE = Path.of("input");

	/** The sample's one report area. */
	static final String WORKBOOK = "staffordshire-and-cheshire-reconciliation.xlsx";

	/** The run's index workbook, beside the area's. */
	static final String INDEX = org.electionrecon.report.IndexWorkbookWriter.FILE_NAME;

	private Cli() {
	}

	record Result(int exitCode, String printed) {

		@Override
		public String toString() {
			return "exit code " + exitCode + ", printed:\n" + printed;
		}
	}

	static Result run(String... args) {
		PrintStream out = System.out;
		PrintStream err = System.err;
		ByteArrayOutputStream printed = new ByteArrayOutputStream();
		PrintStream capture = new PrintStream(new Tee(printed, out), true, StandardCharsets.UTF_8);
		System.setOut(capture);
		System.setErr(new PrintStream(new Tee(printed, err), true, StandardCharsets.UTF_8));
		int code;
		try {
			code = ElectionReconApplication.run(args);
		}
		finally {
			System.out.flush();
			System.err.flush();
			System.setOut(out);
			System.setErr(err);
		}
		return new Result(code, printed.toString(StandardCharsets.UTF_8));
	}

	/** A copy of the sample input folder. */
	static Path copySample(Path target) throws IOException {
		return org.electionrecon.InputFolders.copyFolder(SAMPLE, target);
	}

	/** The names directly inside a folder, sorted. */
	static List<String> names(Path folder) {
		try (Stream<Path> entries = Files.list(folder)) {
			return new ArrayList<>(entries.map(p -> p.getFileName().toString()).sorted().toList());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static final class Tee extends OutputStream {

		private final OutputStream first;
		private final OutputStream second;

		Tee(OutputStream first, OutputStream second) {
			this.first = first;
			this.second = second;
		}

		@Override
		public void write(int b) throws IOException {
			first.write(b);
			second.write(b);
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			first.write(b, off, len);
			second.write(b, off, len);
		}

		@Override
		public void flush() throws IOException {
			first.flush();
			second.flush();
		}
	}
}
