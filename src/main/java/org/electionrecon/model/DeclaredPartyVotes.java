package org.electionrecon.model;

/**
 * A party's votes as a constituency-level column states them (the HoC file's {@code Con},
 * {@code Lab}, ...); {@code party} is {@link #OTHERS} for "All other candidates".
 */
public record DeclaredPartyVotes(String constituencyCode, String party, long votes, String source)
		implements Staged {

	public static final String OTHERS = "Other";
}
