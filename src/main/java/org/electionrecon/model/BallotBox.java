package org.electionrecon.model;

/**
 * One line of a verification statement: the papers a ballot paper account says were issued, and
 * the papers found in the box at verification. Sources are in {@link SourceRef} text form.
 */
public record BallotBox(String constituencyCode, String box, String station, BoxType type, long issued,
		long verified, String issuedSource, String verifiedSource) implements Staged {

	public long difference() {
		return verified - issued;
	}
}
