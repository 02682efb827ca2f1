package org.electionrecon.ingest.table;

import java.io.IOException;
import java.util.List;

/**
 * The seam's one rule for every reader: whatever goes wrong while a file's rows are read is that
 * file's {@link UnreadableSourceException}, with the innermost reason, never another exception that
 * a caller must know about. A reader's own reasons (limits, damaged parts) pass through unchanged.
 */
final class UnreadableOnDamage implements TabularFile {

	private final TabularFile file;

	private UnreadableOnDamage(TabularFile file) {
		this.file = file;
	}

	static TabularFile of(TabularFile file) {
		return new UnreadableOnDamage(file);
	}

	/** The reader inside, for the tests of which reader a file's bytes choose. */
	static TabularFile readerOf(TabularFile file) {
		return file instanceof UnreadableOnDamage wrapped ? wrapped.file : file;
	}

	@Override
	public List<SheetInfo> sheets() {
		return file.sheets();
	}

	@Override
	public RowCursor rows(SheetInfo sheet) throws IOException {
		RowCursor rows;
		try {
			rows = file.rows(sheet);
		}
		catch (IOException | RuntimeException | LinkageError ex) {
			throw unreadable(ex);
		}
		return () -> {
			try {
				return rows.next();
			}
			catch (IOException | RuntimeException | LinkageError ex) {
				throw unreadable(ex);
			}
		};
	}

	@Override
	public boolean isCsv() {
		return file.isCsv();
	}

	@Override
	public void close() throws IOException {
		file.close();
	}

	/**
	 * The reason a failure gives. A {@link LinkageError} is a zip entry compressed by a method whose
	 * optional decoder is not on the class path (Zstandard, XZ...: never used by spreadsheet
	 * programs), found by the fuzzer.
	 */
	static UnreadableSourceException unreadable(Throwable ex) {
		if (ex instanceof UnreadableSourceException unreadable) {
			return unreadable;
		}
		if (ex instanceof LinkageError) {
			return new UnreadableSourceException("a part is compressed by a method this reader does not support ("
					+ TabularFiles.rootMessage(ex) + ")", ex);
		}
		String reason = ex instanceof IOException && ex.getMessage() != null ? ex.getMessage()
				: TabularFiles.rootMessage(ex);
		return new UnreadableSourceException(reason, ex);
	}
}
