package org.electionrecon.model;

import java.math.BigDecimal;

/**
 * A figure a newsroom published on the night, to be checked against the official one.
 *
 * @param figure {@code verified}, {@code turnout}, {@code electorate}, {@code rejected},
 *     {@code turnout_2019} or {@code votes:<party>} (party in HoC abbreviations)
 * @param decimals the decimals written, for turnouts
 * @param outlet who published it ("BBC live")
 */
public record ReportedFigure(String constituencyCode, String figure, BigDecimal value, int decimals, String reportedAt,
		String outlet, String source) implements Staged {

	public static final String VOTES_PREFIX = "votes:";

	public boolean isVotes() {
		return figure.startsWith(VOTES_PREFIX);
	}

	public String party() {
		return isVotes() ? figure.substring(VOTES_PREFIX.length()) : null;
	}
}
