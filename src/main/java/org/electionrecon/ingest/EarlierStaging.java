package org.electionrecon.ingest;

import java.util.List;
import java.util.Map;

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
	 * Of these files of run {@code runId}, those that a completed run other than {@code runId}
	 * staged under the same name, from the same bytes and with the same read key, each with the
	 * latest such run and the file's first sequence number there; with a few set-based queries for
	 * all of them, whatever their number.
	 *
	 * @param files the files, at most one of each name
	 * @return by file name, those of the files with an earlier staging, as a {@link ReusedFile}
	 *     whose {@code firstSeq} is the file's {@link StagedFileIdentity#firstSeq()}
	 */
	Map<String, ReusedFile> earlier(long runId, List<StagedFileIdentity> files);

	/**
	 * Copies every row those runs staged from those files into run {@code runId}, in the caller's
	 * transaction, with a few set-based statements for all of them.
	 *
	 * @return the rows copied
	 */
	long copy(long runId, List<ReusedFile> files);
}
