package org.electionrecon.model;

/** An input row that could not be read, with where it was and why: nothing is dropped silently. */
public record RejectedRow(String file, String sheet, int row, String cell, String value, String reason) implements Staged {

	public static RejectedRow at(SourceRef source, String value, String reason) {
		return new RejectedRow(source.file(), source.sheet(), source.row(), source.cell(), value, reason);
	}
}
