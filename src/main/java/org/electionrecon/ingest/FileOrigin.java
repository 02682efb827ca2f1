package org.electionrecon.ingest;

/**
 * The input file a staged record came from, and how that file was read: every record of a file
 * carries the same one.
 *
 * @param firstSeq the sequence number of the file's first record ({@link SourceFilePartitioner}),
 *     which stands for the file in the staging tables ({@code FILE_SEQ})
 * @param readerVersion the version of the reader that read it ({@link SourceKind#readerVersion()})
 * @param readKey what the reading depended on besides the file's bytes, as a SHA-256
 *     ({@link RunParseContexts}); {@code null} where the file could not be read whole, or where the
 *     reader was given no key: such a file's rows are never copied into a later run
 */
public record FileOrigin(long firstSeq, String readerVersion, String readKey) {

	/** The same file, with no key: what it staged is not to be reused. */
	public FileOrigin notReusable() {
		return readKey == null ? this : new FileOrigin(firstSeq, readerVersion, null);
	}
}
