package org.electionrecon.reconcile;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.electionrecon.ingest.SourceKind;
import org.electionrecon.model.CheckCode;
import org.electionrecon.model.Finding;
import org.electionrecon.model.NotionalResult;
import org.electionrecon.model.RejectedFigure;
import org.electionrecon.model.Severity;
import org.electionrecon.model.SourceRef;

/** Checks against the 2019 notional baseline: a missing baseline and a jump in the electorate. */
public final class BaselineRules {

	private final Thresholds thresholds;

	public BaselineRules(Thresholds thresholds) {
		this.thresholds = thresholds;
	}

	public List<Finding> check(ConstituencyFacts facts) {
		return check(facts, Set.of());
	}

	/** @param missingSources folders whose run-level SOURCE_MISSING stands for this constituency's NO_BASELINE */
	public List<Finding> check(ConstituencyFacts facts, Set<SourceKind> missingSources) {
		List<Finding> findings = new ArrayList<>();
		FindingFactory factory = new FindingFactory(facts.constituency());
		NotionalResult notional = facts.notional();
		if (notional == null) {
			if (missingSources.contains(SourceKind.NOTIONAL)) {
				return findings;
			}
			findings.add(new LeftOut("its notional row was rejected:", facts.rejected(RejectedFigure.Kind.NOTIONAL))
				.on(factory.text(Severity.INFO, CheckCode.NO_BASELINE, null, null,
						factory.name() + ": no notional 2019 figures, so no turnout change, swing or result label",
						null)));
			return findings;
		}
		Long electorate = ConstituencyFiguresCalculator.electorate(facts);
		if (electorate != null && notional.electorate() > 0) {
			BigDecimal change = Percent.of(electorate - notional.electorate(), notional.electorate());
			if (change.abs().compareTo(thresholds.electorateChangeMaxPercent()) > 0) {
				findings.add(factory.counts(Severity.WARNING, CheckCode.ELECTORATE_CHANGE_OUTLIER, null,
						notional.electorate(), electorate,
						factory.name() + ": electorate " + FindingFactory.n(electorate) + " is "
								+ Percent.shown(change.abs()).toPlainString() + "% " + (change.signum() > 0 ? "above" : "below")
								+ " the notional 2019 electorate of " + FindingFactory.n(notional.electorate())
								+ " (threshold " + thresholds.electorateChangeMaxPercent().toPlainString() + "%)",
						SourceRef.labelled("notional electorate",
								notional.electorateSource() != null ? notional.electorateSource() : notional.source(),
								"electorate", ConstituencyFiguresCalculator.electorateSource(facts))));
			}
		}
		return findings;
	}
}
