package org.electionrecon.model;

/**
 * One candidate's declared votes.
 *
 * @param party the party in the HoC Library's abbreviations ({@code Con}, {@code Lab}, {@code Ind})
 * @param elected the source's Elected flag, {@code null} when it has none
 */
public record CandidateVotes(String constituencyCode, String firstName, String surname, String party, long votes,
		Boolean elected, String source) implements Staged {

	public String fullName() {
		if (firstName == null || firstName.isBlank()) {
			return surname;
		}
		return firstName + " " + surname;
	}
}
