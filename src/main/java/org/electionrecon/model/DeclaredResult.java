package org.electionrecon.model;

/**
 * A constituency's declared totals from one declarations file. Any figure may be missing; each
 * source is in {@link SourceRef} text form.
 *
 * @param result the stated result label, e.g. "Lab gain from Con"
 * @param firstParty the stated winning party
 */
public record DeclaredResult(String constituencyCode, String file, Long electorate, String electorateSource,
		Long validVotes, String validVotesSource, Long rejected, String rejectedSource, Long majority,
		String majoritySource, String result, String resultSource, String firstParty, String firstPartySource,
		String memberFirstName, String memberSurname, String memberSource) implements Staged {
}
