package org.electionrecon.ingest.table;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The contract the fuzz targets hold each reader to: any bytes either read to the end, every sheet
 * and every row, or end in {@link UnreadableSourceException}, the file's SOURCE_UNREADABLE finding.
 * Any other exception or error (out of memory, a stack overflow, a runtime exception) escapes and is
 * Jazzer's finding.
 */
final class ReaderFuzzing {

	private static Path folder;

	private ReaderFuzzing() {
	}

	/** Writes {@code bytes} to a file named {@code fuzz<suffix>} and reads all of it through {@link TabularFiles#open}. */
	static void readsOrIsUnreadable(byte[] bytes, String suffix) {
		Path file = fileFor(suffix);
		try {
			Files.write(file, bytes);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot write the fuzz input to " + file, ex);
		}
		try (TabularFile tabular = TabularFiles.open(file)) {
			for (SheetInfo sheet : tabular.sheets()) {
				RowCursor rows = tabular.rows(sheet);
				while (rows.next() != null) {
					// every row, as the ingest step reads them
				}
			}
		}
		catch (UnreadableSourceException unreadable) {
			// the outcome the contract allows for bytes that are not a readable table
		}
		catch (IOException other) {
			throw new AssertionError("an IOException that is not an UnreadableSourceException: " + other, other);
		}
	}

	private static synchronized Path fileFor(String suffix) {
		try {
			if (folder == null) {
				folder = Files.createTempDirectory("reader-fuzzing-");
				folder.toFile().deleteOnExit();
			}
			Path file = folder.resolve("fuzz" + suffix);
			file.toFile().deleteOnExit();
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
