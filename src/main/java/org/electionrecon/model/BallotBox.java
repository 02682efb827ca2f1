package org.electionrecon.model;

/**
 * One line of a verification statement: the papers a ballot paper account says were issued, and
 * the papers found in the box at verification.
 */
public record BallotBox(String constituencyCode, String box, String station, BoxType type, long issued,
		long verified, SourceRef issuedSource, SourceRef verifiedSource) {

	public long difference() {
		return verified - issued;
	}
}
