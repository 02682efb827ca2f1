package org.electionrecon.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The floor the job is compared with: the least work any reader of the same input must do, which is
 * to inflate every worksheet of every verification workbook and find its rows. Each
 * {@code xl/worksheets/*.xml} entry is inflated with {@link java.util.zip} and scanned for
 * {@code <row} elements; nothing is parsed or kept.
 */
final class SheetScan {

	private static final byte[] ROW = { '<', 'r', 'o', 'w' };

	/** One pass over the verification folder. */
	record Result(int workbooks, int sheets, long rows, long compressedBytes, long inflatedBytes, long nanos) {
	}

	private SheetScan() {
	}

	/** The .xlsx and .xlsm workbooks directly in {@code dir}, by name. */
	static List<Path> workbooks(Path dir) throws IOException {
		List<Path> files = new ArrayList<>();
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
			for (Path f : entries) {
				String name = f.getFileName().toString().toLowerCase(Locale.ROOT);
				if (Files.isRegularFile(f) && !name.startsWith(".") && (name.endsWith(".xlsx") || name.endsWith(".xlsm"))) {
					files.add(f);
				}
			}
		}
		files.sort(null);
		return files;
	}

	/** Inflates and scans every worksheet of every workbook, timed as a whole. */
	static Result scan(List<Path> workbooks) throws IOException {
		byte[] buffer = new byte[64 * 1024];
		int sheets = 0;
		long rows = 0;
		long compressed = 0;
		long inflated = 0;
		long start = System.nanoTime();
		for (Path file : workbooks) {
			try (ZipFile zip = new ZipFile(file.toFile())) {
				Enumeration<? extends ZipEntry> entries = zip.entries();
				while (entries.hasMoreElements()) {
					ZipEntry entry = entries.nextElement();
					if (!isWorksheet(entry.getName())) {
						continue;
					}
					sheets++;
					compressed += Math.max(0, entry.getCompressedSize());
					try (InputStream in = zip.getInputStream(entry)) {
						long[] counted = countRows(in, buffer);
						rows += counted[0];
						inflated += counted[1];
					}
				}
			}
		}
		long nanos = System.nanoTime() - start;
		return new Result(workbooks.size(), sheets, rows, compressed, inflated, nanos);
	}

	static boolean isWorksheet(String entryName) {
		return entryName.startsWith("xl/worksheets/") && entryName.endsWith(".xml")
				&& entryName.indexOf('/', "xl/worksheets/".length()) < 0;
	}

	/**
	 * Counts {@code <row} element starts ({@code <row} followed by whitespace, {@code >} or {@code /},
	 * so {@code <rowBreaks} is not one) across buffer boundaries.
	 *
	 * @return the row count and the number of bytes read
	 */
	static long[] countRows(InputStream in, byte[] buffer) throws IOException {
		long rows = 0;
		long bytes = 0;
		int matched = 0;
		int n;
		while ((n = in.read(buffer)) > 0) {
			bytes += n;
			for (int i = 0; i < n; i++) {
				byte b = buffer[i];
				if (matched == ROW.length) {
					if (b == ' ' || b == '>' || b == '/' || b == '\t' || b == '\n' || b == '\r') {
						rows++;
					}
					matched = b == '<' ? 1 : 0;
				}
				else if (b == ROW[matched]) {
					matched++;
				}
				else {
					matched = b == '<' ? 1 : 0;
				}
			}
		}
		return new long[] { rows, bytes };
	}
}
