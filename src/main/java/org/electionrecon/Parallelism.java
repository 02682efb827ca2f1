package org.electionrecon;

/**
 * How many threads the steps that work side by side use (reconciliation, report writing): one per
 * core, but never more than the connection pool can serve beside the step's own transaction, so
 * that no worker waits for a connection (the pool holds 4 by default).
 */
public final class Parallelism {

	/** Connections a worker may hold at once, with one left for the step's transaction. */
	private static final int CONNECTIONS_FOR_WORKERS = 3;

	private Parallelism() {
	}

	public static int workers() {
		return Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), CONNECTIONS_FOR_WORKERS));
	}
}
