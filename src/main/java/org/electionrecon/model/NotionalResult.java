package org.electionrecon.model;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Rallings and Thrasher's 2019 notional result on the 2024 boundaries.
 *
 * @param turnout the published turnout in percent (one decimal), or total votes / electorate when absent
 * @param partyVotes votes by party, in the HoC Library's abbreviations
 * @param winner the notional 2019 winner, in HoC abbreviations ({@code Brx} becomes {@code RUK})
 * @param source the turnout's cell (the electorate's when the file gives no turnout)
 * @param electorateSource the electorate's cell
 * @param winnerSource the notional winner's cell, or {@code null} when the file names no winner
 */
public record NotionalResult(String constituencyCode, long electorate, BigDecimal turnout, long totalVotes,
		Map<String, Long> partyVotes, String winner, String second, String source, String electorateSource,
		String winnerSource) implements Staged {

	/** A result whose winner's cell is not known. */
	public NotionalResult(String constituencyCode, long electorate, BigDecimal turnout, long totalVotes,
			Map<String, Long> partyVotes, String winner, String second, String source, String electorateSource) {
		this(constituencyCode, electorate, turnout, totalVotes, partyVotes, winner, second, source, electorateSource,
				null);
	}

	/** A result whose electorate's cell is not known. */
	public NotionalResult(String constituencyCode, long electorate, BigDecimal turnout, long totalVotes,
			Map<String, Long> partyVotes, String winner, String second, String source) {
		this(constituencyCode, electorate, turnout, totalVotes, partyVotes, winner, second, source, null, null);
	}

	public NotionalResult {
		// insertion order kept (Map.copyOf would not), so staged text is the same in every JVM
		partyVotes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(partyVotes));
	}
}
