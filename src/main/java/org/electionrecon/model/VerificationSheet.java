package org.electionrecon.model;

/** Marks that a constituency has a verification statement, and where it is. */
public record VerificationSheet(String constituencyCode, String source) implements Staged {
}
