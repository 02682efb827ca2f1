package org.electionrecon.reconcile;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.electionrecon.model.CandidateVotes;
import org.electionrecon.model.CheckCode;
import org.electionrecon.model.Finding;
import org.electionrecon.model.ReportedFigure;
import org.electionrecon.model.Severity;
import org.electionrecon.model.SourceRef;

/**
 * Figures a newsroom published against the official ones: {@code REPORTED_FIGURE_MISMATCH} (an
 * ERROR for votes, a WARNING otherwise; turnouts compared at the reported decimals), and
 * {@code REPORTED_BASELINE_MISMATCH} for a 2019 turnout that is not the notional one.
 */
public final class ReportedRules {

	public List<Finding> check(ConstituencyFacts facts) {
		List<Finding> findings = new ArrayList<>();
		FindingFactory factory = new FindingFactory(facts.constituency());
		for (ReportedFigure reported : facts.reported()) {
			String by = reported.outlet() == null ? "reported" : "reported by " + reported.outlet();
			if (reported.isVotes()) {
				votes(facts, reported, by, factory, findings);
				continue;
			}
			switch (reported.figure()) {
				case "verified" -> count(reported, ConstituencyFiguresCalculator.verified(facts),
						ConstituencyFiguresCalculator.verifiedSource(facts), "ballot papers verified", by, factory, findings);
				case "electorate" -> count(reported, ConstituencyFiguresCalculator.electorate(facts),
						ConstituencyFiguresCalculator.electorateSource(facts), "electorate", by, factory, findings);
				case "rejected" -> count(reported, ConstituencyFiguresCalculator.rejected(facts),
						ConstituencyFiguresCalculator.rejectedSource(facts), "rejected ballots", by, factory, findings);
				case "turnout" -> {
					ConstituencyFiguresCalculator.Turnout turnout = ConstituencyFiguresCalculator.turnout(facts);
					if (turnout != null) {
						BigDecimal official = Percent.round(turnout.exact(), reported.decimals());
						BigDecimal stated = Percent.round(reported.value(), reported.decimals());
						if (official.compareTo(stated) != 0) {
							findings.add(factory.decimals(Severity.WARNING, CheckCode.REPORTED_FIGURE_MISMATCH, official,
									stated, factory.name() + ": turnout " + stated.toPlainString() + "% " + by
											+ " differs from the official " + official.toPlainString() + "% ("
											+ turnout.description() + ")",
									SourceRef.adding(ConstituencyFiguresCalculator.turnoutSource(facts), "reported",
											reported.source())));
						}
					}
				}
				case "turnout_2019" -> {
					if (facts.notional() != null) {
						BigDecimal notional = Percent.round(facts.notional().turnout(), reported.decimals());
						BigDecimal stated = Percent.round(reported.value(), reported.decimals());
						if (notional.compareTo(stated) != 0) {
							findings.add(factory.decimals(Severity.INFO, CheckCode.REPORTED_BASELINE_MISMATCH, notional,
									stated, factory.name() + ": 2019 turnout " + stated.toPlainString() + "% " + by
											+ " is not the notional 2019 turnout on the new boundaries ("
											+ notional.toPlainString() + "%): compared against another baseline,"
											+ " usually the old-boundary result",
									SourceRef.labelled("notional 2019 turnout", facts.notional().source(), "reported",
											reported.source())));
						}
					}
				}
				default -> {
				}
			}
		}
		return findings;
	}

	private static void count(ReportedFigure reported, Long official, String officialSource, String what, String by,
			FindingFactory factory, List<Finding> findings) {
		if (official == null) {
			return;
		}
		long stated = reported.value().longValue();
		if (stated != official) {
			findings.add(factory.counts(Severity.WARNING, CheckCode.REPORTED_FIGURE_MISMATCH, null, official, stated,
					factory.name() + ": " + what + " " + FindingFactory.n(stated) + " " + by + " differ from the official "
							+ FindingFactory.n(official),
					SourceRef.labelled("official", officialSource, "reported", reported.source())));
		}
	}

	/** Where several candidates share the party (independents), the figure matches any one of them. */
	private static void votes(ConstituencyFacts facts, ReportedFigure reported, String by, FindingFactory factory,
			List<Finding> findings) {
		List<CandidateVotes> party = facts.candidates().stream().filter(c -> reported.party().equals(c.party())).toList();
		if (party.isEmpty()) {
			return;
		}
		long stated = reported.value().longValue();
		if (party.stream().anyMatch(c -> c.votes() == stated)) {
			return;
		}
		CandidateVotes closest = party.stream()
			.min((a, b) -> Long.compare(Math.abs(a.votes() - stated), Math.abs(b.votes() - stated)))
			.orElseThrow();
		findings.add(factory.counts(Severity.ERROR, CheckCode.REPORTED_FIGURE_MISMATCH, null, closest.votes(), stated,
				factory.name() + ": " + reported.party() + " votes " + FindingFactory.n(stated) + " " + by
						+ " differ from the declared " + FindingFactory.n(closest.votes()) + " for " + closest.fullName(),
				SourceRef.labelled("declared votes", closest.source(), "reported", reported.source())));
	}
}
