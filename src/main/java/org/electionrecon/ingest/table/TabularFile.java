package org.electionrecon.ingest.table;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;

/** A readable spreadsheet or CSV file: its sheets, each read as a stream of rows. */
public interface TabularFile extends Closeable {

	List<SheetInfo> sheets();

	/** Opens a cursor over the sheet's rows; the previous cursor of this file must be finished. */
	RowCursor rows(SheetInfo sheet) throws IOException;

	/** Whether this is a CSV file (sources are then {@code file:line:column}). */
	boolean isCsv();
}
