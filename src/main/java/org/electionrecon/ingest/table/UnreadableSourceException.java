package org.electionrecon.ingest.table;

import java.io.IOException;

/** A source that cannot be read at all; the message is the reason a person reads in the finding. */
public class UnreadableSourceException extends IOException {

	public UnreadableSourceException(String reason) {
		super(reason);
	}

	public UnreadableSourceException(String reason, Throwable cause) {
		super(reason, cause);
	}
}
