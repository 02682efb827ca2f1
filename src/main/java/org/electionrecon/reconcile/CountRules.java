package org.electionrecon.reconcile;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import org.electionrecon.model.CheckCode;
import org.electionrecon.model.DeclaredResult;
import org.electionrecon.model.Finding;
import org.electionrecon.model.Severity;
import org.electionrecon.model.SourceRef;
import org.electionrecon.model.StatedFigure;

/**
 * Checks between the verification and the declaration: the count against the papers verified,
 * the electorate, stated turnouts and the rejected-ballot rate.
 */
public final class CountRules {

	private final Thresholds thresholds;

	public CountRules(Thresholds thresholds) {
		this.thresholds = thresholds;
	}

	public List<Finding> check(ConstituencyFacts facts, ConstituencyFiguresCalculator.Turnout turnout) {
		List<Finding> findings = new ArrayList<>();
		FindingFactory factory = new FindingFactory(facts.constituency());
		DeclaredResult declared = facts.declaration();
		Long verified = ConstituencyFiguresCalculator.verified(facts);
		if (declared != null && verified != null && declared.validVotes() != null && declared.rejected() != null) {
			long counted = declared.validVotes() + declared.rejected();
			if (counted != verified) {
				long difference = Math.abs(counted - verified);
				Severity severity = difference < thresholds.countVsVerifiedErrorAt() ? Severity.WARNING : Severity.ERROR;
				findings.add(LeftOut.boxes(facts).on(factory.counts(severity, CheckCode.COUNT_VS_VERIFIED, null,
						verified, counted,
						factory.name() + ": declared valid votes + rejected (" + FindingFactory.n(declared.validVotes())
								+ " + " + FindingFactory.n(declared.rejected()) + " = " + FindingFactory.n(counted)
								+ ") differ from the " + FindingFactory.n(verified) + " ballot papers verified by "
								+ FindingFactory.n(difference),
						SourceRef.labelled("verified", ConstituencyFiguresCalculator.verifiedSource(facts), "valid votes",
								declared.validVotesSource(), "rejected", declared.rejectedSource()))));
			}
		}
		for (StatedFigure stated : facts.stated()) {
			if (stated.kind() == StatedFigure.Kind.ELECTORATE && declared != null && declared.electorate() != null) {
				long onStatement = stated.value().longValueExact();
				if (onStatement != declared.electorate()) {
					findings.add(factory.counts(Severity.ERROR, CheckCode.ELECTORATE_MISMATCH, null,
							declared.electorate(), onStatement,
							factory.name() + ": the verification statement's electorate ("
									+ FindingFactory.n(onStatement) + ") differs from the declared electorate ("
									+ FindingFactory.n(declared.electorate()) + ")",
							SourceRef.labelled("declared electorate", declared.electorateSource(), "stated electorate",
									stated.source())));
				}
			}
			boolean statedTurnout = stated.kind() == StatedFigure.Kind.TURNOUT
					|| stated.kind() == StatedFigure.Kind.DECLARED_TURNOUT;
			if (statedTurnout && turnout != null && turnout.exact() != null) {
				BigDecimal computed = Percent.round(turnout.exact(), stated.decimals());
				BigDecimal statedValue = Percent.round(stated.value(), stated.decimals());
				if (computed.compareTo(statedValue) != 0) {
					Finding mismatch = factory.decimals(Severity.WARNING, CheckCode.TURNOUT_STATED_MISMATCH, computed,
							statedValue,
							factory.name() + ": stated turnout " + statedValue.toPlainString() + "% differs from "
									+ computed.toPlainString() + "% computed as " + turnout.description(),
							SourceRef.adding(ConstituencyFiguresCalculator.turnoutSource(facts), "stated turnout",
									stated.source()));
					// a ballot-box turnout is the sum of the boxes over the electorate
					findings.add("verified".equals(turnout.basis()) ? LeftOut.boxes(facts).on(mismatch) : mismatch);
				}
			}
		}
		if (declared != null && declared.validVotes() != null && declared.rejected() != null) {
			long cast = declared.validVotes() + declared.rejected();
			BigDecimal rate = Percent.of(declared.rejected(), cast);
			if (rate != null && rate.compareTo(thresholds.rejectedRateMaxPercent()) > 0) {
				BigDecimal shown = Percent.shown(rate);
				findings.add(factory.decimals(Severity.WARNING, CheckCode.REJECTED_RATE_OUTLIER,
						thresholds.rejectedRateMaxPercent(), shown,
						factory.name() + ": " + FindingFactory.n(declared.rejected()) + " ballots rejected of "
								+ FindingFactory.n(cast) + " (" + shown.toPlainString() + "%), above the "
								+ thresholds.rejectedRateMaxPercent().toPlainString() + "% threshold",
						SourceRef.labelled("valid votes", declared.validVotesSource(), "rejected", declared.rejectedSource())));
			}
		}
		return findings;
	}
}
