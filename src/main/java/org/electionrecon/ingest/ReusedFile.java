package org.electionrecon.ingest;

import org.electionrecon.model.Staged;

/**
 * A file that an earlier completed run of the same job database staged from the same bytes, read
 * with the same reader and the same {@link FileOrigin#readKey() read key}: the one record its
 * partition hands out instead of the file's own, telling the writer to copy that run's rows of
 * the file into this run (in the partition's one transaction, so a copy is whole or absent).
 *
 * @param file the file's name in the input folder ({@code verification/stafford.xlsx})
 * @param fromRun the run whose rows are copied
 * @param fromFirstSeq the file's {@link FileOrigin#firstSeq() first sequence number} in that run;
 *     the copies' sequence numbers are moved by the difference to this run's, so that the rows
 *     sort exactly as a full read of the file would have put them
 */
public record ReusedFile(String file, long fromRun, long fromFirstSeq) implements Staged {
}
