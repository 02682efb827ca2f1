package org.electionrecon.model;

import java.math.BigDecimal;

/**
 * The derived figures of checks.md for one constituency: one row of the Constituencies sheet.
 * Percentages are numbers of percent (65.39). Nullable where the source is missing.
 *
 * @param turnoutBasis {@code verified} (ballot papers verified / electorate) or {@code declared}
 *     ((valid + rejected) / electorate, when there is no verification statement)
 */
public record ConstituencyFigures(String code, String name, String area, Long electorate, Long verified,
		Long validVotes, Long rejected, BigDecimal turnout, String turnoutBasis, BigDecimal validVoteTurnout,
		BigDecimal notionalTurnout, BigDecimal turnoutChange, String winner, String party, Long winnerVotes,
		BigDecimal share, String runnerUpParty, Long majority, BigDecimal majorityPercent, String result,
		String notionalWinner, BigDecimal swing, int boxes, int errors, int warnings, int infos) {
}
