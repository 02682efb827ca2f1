package org.electionrecon.ingest.table;

import java.io.IOException;

/** Pulls the rows of one sheet, one at a time, so memory does not grow with the sheet. */
public interface RowCursor {

	/** The next row that has a cell, or {@code null} at the end of the sheet. */
	SheetRow next() throws IOException;
}
