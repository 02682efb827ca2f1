package org.electionrecon.reconcile;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.electionrecon.model.CandidateVotes;

/**
 * The result as the candidates' votes make it, never copied from a declared winner. When two
 * candidates tie for first place there is no winner, majority or label.
 *
 * @param winner the first candidate, {@code null} on a tie or with no candidates
 * @param runnerUp the second candidate, {@code null} with fewer than two
 */
public record ComputedResult(CandidateVotes winner, CandidateVotes runnerUp, boolean tie, long candidateVotes) {

	public static ComputedResult of(List<CandidateVotes> candidates) {
		List<CandidateVotes> ranked = new ArrayList<>(candidates);
		ranked.sort(Comparator.comparingLong(CandidateVotes::votes).reversed());
		long total = ranked.stream().mapToLong(CandidateVotes::votes).sum();
		if (ranked.isEmpty()) {
			return new ComputedResult(null, null, false, 0);
		}
		CandidateVotes first = ranked.get(0);
		CandidateVotes second = ranked.size() > 1 ? ranked.get(1) : null;
		boolean tie = second != null && second.votes() == first.votes();
		return new ComputedResult(tie ? null : first, second, tie, total);
	}

	public boolean hasWinner() {
		return winner != null;
	}

	public String winnerParty() {
		return winner == null ? null : winner.party();
	}

	public String runnerUpParty() {
		return runnerUp == null ? null : runnerUp.party();
	}

	public Long majority() {
		if (winner == null) {
			return null;
		}
		return runnerUp == null ? winner.votes() : winner.votes() - runnerUp.votes();
	}

	/**
	 * "Lab gain from Con" or "Con hold", from the 2024 winner and the notional 2019 winner;
	 * {@code null} on a tie or without a baseline winner.
	 */
	public String label(String notionalWinner) {
		if (winner == null || notionalWinner == null) {
			return null;
		}
		return Objects.equals(winner.party(), notionalWinner) ? winner.party() + " hold"
				: winner.party() + " gain from " + notionalWinner;
	}

	/** Votes by party, summed over candidates (several independents share {@code Ind}). */
	public static Map<String, Long> votesByParty(List<CandidateVotes> candidates) {
		Map<String, Long> byParty = new java.util.LinkedHashMap<>();
		for (CandidateVotes c : candidates) {
			byParty.merge(c.party(), c.votes(), Long::sum);
		}
		return byParty;
	}
}
