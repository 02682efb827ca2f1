package org.electionrecon.reconcile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.electionrecon.ingest.Names;
import org.electionrecon.model.CandidateVotes;
import org.electionrecon.model.CheckCode;
import org.electionrecon.model.DeclaredPartyVotes;
import org.electionrecon.model.DeclaredResult;
import org.electionrecon.model.Finding;
import org.electionrecon.model.Severity;
import org.electionrecon.model.SourceRef;

/**
 * Checks of the declaration against its own candidates: totals, winner, majority and result label,
 * all computed from the candidates' votes.
 */
public final class ResultRules {

	/** Every finding here is computed from the candidates' votes: each names the candidate rows rejected. */
	public List<Finding> check(ConstituencyFacts facts) {
		return LeftOut.candidates(facts).on(checkCandidates(facts));
	}

	private List<Finding> checkCandidates(ConstituencyFacts facts) {
		List<Finding> findings = new ArrayList<>();
		if (facts.candidates().isEmpty()) {
			return findings;
		}
		FindingFactory factory = new FindingFactory(facts.constituency());
		ComputedResult result = ComputedResult.of(facts.candidates());
		DeclaredResult declared = facts.declaration();
		if (result.tie()) {
			long top = result.runnerUp().votes();
			List<CandidateVotes> tied = facts.candidates().stream().filter(c -> c.votes() == top).toList();
			String who = String.join(" and ", tied.stream().map(c -> c.fullName() + " (" + c.party() + ")").toList());
			findings.add(factory.text(Severity.ERROR, CheckCode.WINNER_MISMATCH, null, who + " on " + FindingFactory.n(top),
					factory.name() + ": " + who + " tie for first place on " + FindingFactory.n(top)
							+ " votes; winner, majority and result are left empty",
					SourceRef.roles("tied votes", String.join(", ", tied.stream().map(CandidateVotes::source).toList()))));
		}
		if (result.hasWinner()) {
			electedFlags(result.winner(), facts.candidates(), factory, findings);
		}
		if (declared == null) {
			return findings;
		}
		votesTotals(facts, result, declared, factory, findings);
		if (result.hasWinner()) {
			winner(result, declared, factory, findings);
			if (declared.majority() != null && declared.majority().longValue() != result.majority()) {
				findings.add(factory.counts(Severity.ERROR, CheckCode.MAJORITY_MISMATCH, null, result.majority(),
						declared.majority(),
						factory.name() + ": stated majority " + FindingFactory.n(declared.majority())
								+ " differs from first minus second (" + FindingFactory.n(result.winner().votes()) + " - "
								+ FindingFactory.n(result.runnerUp() == null ? 0 : result.runnerUp().votes()) + " = "
								+ FindingFactory.n(result.majority()) + ")",
						SourceRef.labelled("winner's votes", result.winner().source(), "runner-up's votes",
								result.runnerUp() == null ? null : result.runnerUp().source(), "stated majority",
								declared.majoritySource())));
			}
			String computed = result.label(facts.notional() == null ? null : facts.notional().winner());
			if (declared.result() != null && computed != null && !sameLabel(declared.result(), computed)) {
				findings.add(factory.text(Severity.ERROR, CheckCode.RESULT_LABEL_MISMATCH, computed, declared.result(),
						factory.name() + ": stated result '" + declared.result() + "' differs from '" + computed
								+ "' computed from the 2024 winner and the notional 2019 winner",
						SourceRef.labelled("winner's votes", result.winner().source(), "notional 2019 winner",
								facts.notional() == null ? null : facts.notional().winnerSource(), "stated result",
								declared.resultSource())));
			}
		}
		return findings;
	}

	private static boolean sameLabel(String stated, String computed) {
		return stated.strip().replaceAll("\\s+", " ").equalsIgnoreCase(computed);
	}

	private static void votesTotals(ConstituencyFacts facts, ComputedResult result, DeclaredResult declared,
			FindingFactory factory, List<Finding> findings) {
		if (declared.validVotes() != null && declared.validVotes() != result.candidateVotes()) {
			findings.add(factory.counts(Severity.ERROR, CheckCode.VOTES_TOTAL_MISMATCH, null, result.candidateVotes(),
					declared.validVotes(),
					factory.name() + ": stated valid votes " + FindingFactory.n(declared.validVotes())
							+ " differ from the sum of the " + facts.candidates().size() + " candidates' votes ("
							+ FindingFactory.n(result.candidateVotes()) + ")",
					SourceRef.labelled("candidates' votes",
							SourceRef.ranges(facts.candidates().stream().map(CandidateVotes::source).toList()), "valid votes",
							declared.validVotesSource())));
		}
		Map<String, Long> byParty = ComputedResult.votesByParty(facts.candidates());
		List<String> columns = facts.declaredPartyVotes().stream().map(DeclaredPartyVotes::party).toList();
		for (DeclaredPartyVotes stated : facts.declaredPartyVotes()) {
			long sum;
			String what;
			if (DeclaredPartyVotes.OTHERS.equals(stated.party())) {
				sum = facts.candidates().stream()
					.filter(c -> !columns.contains(c.party()))
					.mapToLong(CandidateVotes::votes)
					.sum();
				what = "all other candidates";
			}
			else {
				sum = byParty.getOrDefault(stated.party(), 0L);
				what = stated.party() + " candidates";
			}
			if (sum != stated.votes()) {
				findings.add(factory.counts(Severity.ERROR, CheckCode.VOTES_TOTAL_MISMATCH, null, sum, stated.votes(),
						factory.name() + ": the constituency file's " + stated.party() + " column ("
								+ FindingFactory.n(stated.votes()) + ") differs from the " + what + "' votes ("
								+ FindingFactory.n(sum) + ")",
						SourceRef.labelled("candidates' votes", SourceRef.ranges(facts.candidates().stream()
							.filter(c -> DeclaredPartyVotes.OTHERS.equals(stated.party()) ? !columns.contains(c.party())
									: stated.party().equals(c.party()))
							.map(CandidateVotes::source)
							.toList()), "party column", stated.source())));
			}
		}
	}

	private static void winner(ComputedResult result, DeclaredResult declared, FindingFactory factory,
			List<Finding> findings) {
		CandidateVotes top = result.winner();
		if (declared.firstParty() != null && !declared.firstParty().equals(top.party())) {
			findings.add(factory.text(Severity.ERROR, CheckCode.WINNER_MISMATCH, top.party(), declared.firstParty(),
					factory.name() + ": declared first party " + declared.firstParty() + " is not the party of "
							+ top.fullName() + " (" + top.party() + "), who has the most votes ("
							+ FindingFactory.n(top.votes()) + ")",
					SourceRef.labelled("winner's votes", top.source(), "declared first party", declared.firstPartySource())));
		}
		if (declared.memberSurname() != null && !samePerson(declared.memberFirstName(), declared.memberSurname(), top)) {
			String member = declared.memberFirstName() == null ? declared.memberSurname()
					: declared.memberFirstName() + " " + declared.memberSurname();
			findings.add(factory.text(Severity.ERROR, CheckCode.WINNER_MISMATCH, top.fullName(), member,
					factory.name() + ": declared member " + member + " is not " + top.fullName()
							+ ", the candidate with the most votes (" + FindingFactory.n(top.votes()) + ")",
					SourceRef.labelled("winner's votes", top.source(), "declared member", declared.memberSource())));
		}
	}

	/** The Elected flags of a council's file: the winner marked not elected, or another marked elected. */
	private static void electedFlags(CandidateVotes top, List<CandidateVotes> candidates, FindingFactory factory,
			List<Finding> findings) {
		if (Boolean.FALSE.equals(top.elected())) {
			findings.add(factory.text(Severity.ERROR, CheckCode.WINNER_MISMATCH, top.fullName(), "not elected",
					factory.name() + ": " + top.fullName() + " has the most votes but is not marked elected",
					SourceRef.roles("winner's votes", top.source())));
		}
		for (CandidateVotes c : candidates) {
			if (c != top && Boolean.TRUE.equals(c.elected())) {
				findings.add(factory.text(Severity.ERROR, CheckCode.WINNER_MISMATCH, top.fullName(), c.fullName(),
						factory.name() + ": " + c.fullName() + " is marked elected with " + FindingFactory.n(c.votes())
								+ " votes, but " + top.fullName() + " has the most (" + FindingFactory.n(top.votes()) + ")",
						SourceRef.labelled("winner's votes", top.source(), "marked elected", c.source())));
			}
		}
	}

	/** Same surname and first forename, with case, accents and punctuation ignored. */
	static boolean samePerson(String firstName, String surname, CandidateVotes candidate) {
		if (!Names.normalise(surname).equals(Names.normalise(candidate.surname()))) {
			return false;
		}
		if (firstName == null || candidate.firstName() == null) {
			return true;
		}
		String a = Names.normalise(firstName).split(" ")[0];
		String b = Names.normalise(candidate.firstName()).split(" ")[0];
		return a.equals(b);
	}
}
