package org.electionrecon.ingest;

import java.time.LocalDate;
import java.util.function.LongFunction;

/**
 * The parse contexts of a run's partitions: the register's files are read knowing no
 * constituency, the other sources knowing the register the run staged. That one is built once per
 * run and election (it reads the staged register), not once per file, and shared by the
 * partitions whichever thread reads them.
 */
public final class RunParseContexts {

	private final ParseContext beforeRegister;
	private final LongFunction<ParseContext> afterRegister;
	private Built last;

	private record Built(long runId, LocalDate election, ParseContext context) {
	}

	/**
	 * @param beforeRegister the register files' context
	 * @param afterRegister the other files' context for a run (by its id), from its staged register
	 */
	public RunParseContexts(ParseContext beforeRegister, LongFunction<ParseContext> afterRegister) {
		this.beforeRegister = beforeRegister;
		this.afterRegister = afterRegister;
	}

	/** The context a file of the run is read with, for that election. */
	public ParseContext context(boolean registerFile, long runId, LocalDate election) {
		if (registerFile) {
			return beforeRegister.withElection(election);
		}
		synchronized (this) {
			if (last == null || last.runId() != runId || !last.election().equals(election)) {
				last = new Built(runId, election, afterRegister.apply(runId).withElection(election));
			}
			return last.context();
		}
	}
}
