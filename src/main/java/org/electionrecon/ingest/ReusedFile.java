package org.electionrecon.ingest;

/**
 * A file of this run that an earlier completed run of the same job database staged from the same
 * bytes, under the same name, read with the same reader and the same {@link FileOrigin#readKey()
 * read key}: its rows are copied from that run ({@link EarlierStaging#copy}) instead of being read
 * from the file again.
 *
 * @param file the file's name in the input folder ({@code verification/stafford.xlsx})
 * @param fromRun the run whose rows are copied
 * @param fromFirstSeq the file's {@link FileOrigin#firstSeq() first sequence number} in that run
 * @param firstSeq the file's first sequence number in this run (its place in this run's order,
 *     {@link SourceFilePartitioner}); the copies' sequence numbers are moved by the difference, so
 *     that the rows sort exactly as a full read of the file in this run would have put them
 */
public record ReusedFile(String file, long fromRun, long fromFirstSeq, long firstSeq) {

	/** How far the copies' sequence numbers move. */
	public long shift() {
		return firstSeq - fromFirstSeq;
	}
}
