package org.electionrecon.ingest;

/**
 * A file of this run as an earlier staging of it would be found ({@link EarlierStaging#earlier}):
 * its name in the input folder, the SHA-256 of its bytes, the read key it would be read with now
 * ({@link RunParseContexts#readKey}) and its first sequence number in this run.
 *
 * @param fileName the file's name in the input folder ({@code verification/stafford.xlsx})
 * @param sha256 the SHA-256 of the file's bytes, hexadecimal
 * @param readKey the file's read key in this run
 * @param firstSeq the file's first sequence number in this run ({@link SourceFilePartitioner})
 */
public record StagedFileIdentity(String fileName, String sha256, String readKey, long firstSeq) {
}
