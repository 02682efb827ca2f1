package org.electionrecon.model;

/**
 * One input file as the Provenance sheet lists it. Conservation: {@code rowsRead == rowsAccepted +
 * rowsRejected + rowsOutOfScope}.
 *
 * @param kind the source folder ({@code verification}, {@code declarations}, ...), or {@code ignored}
 */
public record SourceFile(String file, String kind, String sha256, long bytes, long rowsRead, long rowsAccepted,
		long rowsRejected, long rowsOutOfScope, String notes) implements Staged {
}
