package org.electionrecon.ingest;

import java.util.Optional;

/**
 * Where a partition finds an earlier staging of its file that it may copy instead of reading the
 * file: the staging tables of the job database (the staging package's {@code StagedFiles}).
 */
@FunctionalInterface
public interface StagedFileLookup {

	/**
	 * The latest earlier completed run that staged a file of this name, these bytes and this read
	 * key; empty when there is none.
	 */
	Optional<ReusedFile> earlier(String fileName, String sha256, String readKey);
}
