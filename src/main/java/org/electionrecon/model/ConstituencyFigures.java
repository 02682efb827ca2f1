package org.electionrecon.model;

import java.math.BigDecimal;

/**
 * The derived figures of checks.md for one constituency: one row of the Constituencies sheet.
 * Percentages are numbers of percent (65.39). Nullable where the source is missing.
 *
 * @param turnoutBasis {@code verified} (ballot papers verified / electorate) or {@code declared}
 *     ((valid + rejected) / electorate, when there is no verification statement)
 * @param sources where the figures come from, for the Constituencies sheet's source columns
 */
public record ConstituencyFigures(String code, String name, String area, Long electorate, Long verified,
		Long validVotes, Long rejected, BigDecimal turnout, String turnoutBasis, BigDecimal validVoteTurnout,
		BigDecimal notionalTurnout, BigDecimal turnoutChange, String winner, String party, Long winnerVotes,
		BigDecimal share, String runnerUpParty, Long majority, BigDecimal majorityPercent, String result,
		String notionalWinner, BigDecimal swing, int boxes, int errors, int warnings, int infos,
		FigureSources sources) {

	public ConstituencyFigures {
		sources = sources == null ? FigureSources.NONE : sources;
	}

	/** Figures without their sources. */
	public ConstituencyFigures(String code, String name, String area, Long electorate, Long verified,
			Long validVotes, Long rejected, BigDecimal turnout, String turnoutBasis, BigDecimal validVoteTurnout,
			BigDecimal notionalTurnout, BigDecimal turnoutChange, String winner, String party, Long winnerVotes,
			BigDecimal share, String runnerUpParty, Long majority, BigDecimal majorityPercent, String result,
			String notionalWinner, BigDecimal swing, int boxes, int errors, int warnings, int infos) {
		this(code, name, area, electorate, verified, validVotes, rejected, turnout, turnoutBasis, validVoteTurnout,
				notionalTurnout, turnoutChange, winner, party, winnerVotes, share, runnerUpParty, majority,
				majorityPercent, result, notionalWinner, swing, boxes, errors, warnings, infos, FigureSources.NONE);
	}
}
