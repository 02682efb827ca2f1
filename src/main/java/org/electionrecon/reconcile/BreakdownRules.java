package org.electionrecon.reconcile;

import java.util.ArrayList;
import java.util.List;

import org.electionrecon.model.CheckCode;
import org.electionrecon.model.DeclaredBreakdown;
import org.electionrecon.model.DeclaredResult;
import org.electionrecon.model.Finding;
import org.electionrecon.model.Severity;
import org.electionrecon.model.SourceRef;

/**
 * {@code REJECTED_BREAKDOWN_MISMATCH}: rejected ballots by category that do not sum to the rejected
 * total, and a stated votes-cast total that is not valid + rejected.
 */
public final class BreakdownRules {

	public List<Finding> check(ConstituencyFacts facts) {
		List<Finding> findings = new ArrayList<>();
		FindingFactory factory = new FindingFactory(facts.constituency());
		DeclaredResult declared = facts.declaration();
		for (DeclaredBreakdown breakdown : facts.breakdowns()) {
			Long categories = breakdown.rejectedTotal();
			if (categories != null && declared != null && declared.rejected() != null
					&& !categories.equals(declared.rejected())) {
				findings.add(factory.counts(Severity.ERROR, CheckCode.REJECTED_BREAKDOWN_MISMATCH, null,
						declared.rejected(), categories,
						factory.name() + ": rejected ballots by category in " + breakdown.file() + " sum to "
								+ FindingFactory.n(categories) + " " + breakdown.rejectedByCategory()
								+ ", but the rejected total is " + FindingFactory.n(declared.rejected()),
						SourceRef.labelled("rejected", declared.rejectedSource(), "rejected by category",
								breakdown.rejectedSource())));
			}
			Long valid = ConstituencyFiguresCalculator.validVotes(facts);
			Long rejected = declared != null && declared.rejected() != null ? declared.rejected() : categories;
			if (breakdown.votesCast() != null && valid != null && rejected != null
					&& breakdown.votesCast() != valid + rejected) {
				long expected = valid + rejected;
				findings.add(factory.counts(Severity.ERROR, CheckCode.REJECTED_BREAKDOWN_MISMATCH, null, expected,
						breakdown.votesCast(),
						factory.name() + ": votes cast " + FindingFactory.n(breakdown.votesCast()) + " in "
								+ breakdown.file() + " differ from valid + rejected (" + FindingFactory.n(valid) + " + "
								+ FindingFactory.n(rejected) + " = " + FindingFactory.n(expected) + ") by "
								+ FindingFactory.n(Math.abs(breakdown.votesCast() - expected)),
						SourceRef.labelled("valid votes", ConstituencyFiguresCalculator.validVotesSource(facts), "rejected",
								declared != null && declared.rejected() != null ? declared.rejectedSource()
										: breakdown.rejectedSource(),
								"votes cast", breakdown.votesCastSource())));
			}
		}
		return findings;
	}
}
