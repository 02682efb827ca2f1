package org.electionrecon.ingest;

import java.util.List;
import java.util.Optional;

/**
 * The staging tables as an incremental run's file steps use them (the staging package's
 * {@code StagedFiles}): where an earlier completed run staged a file the same way, and the copy of
 * such files' rows into this run.
 */
public interface EarlierStaging {

	/**
	 * Whether a completed run other than {@code runId} is in the job database at all: without one,
	 * no file has an earlier staging, and none need be hashed to find out.
	 */
	boolean anyCompletedRun(long runId);

	/**
	 * The latest completed run other than {@code runId} that staged a file of this name, these
	 * bytes and this read key, and the file's first sequence number there; empty when there is none.
	 *
	 * @return the earlier staging, as a {@link ReusedFile} whose {@code firstSeq} is
	 *     {@code firstSeq}
	 */
	Optional<ReusedFile> earlier(long runId, String fileName, String sha256, String readKey, long firstSeq);

	/**
	 * Copies every row those runs staged from those files into run {@code runId}, in the caller's
	 * transaction, with a few set-based statements for all of them.
	 *
	 * @return the rows copied
	 */
	long copy(long runId, List<ReusedFile> files);
}
