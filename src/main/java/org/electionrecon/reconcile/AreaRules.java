package org.electionrecon.reconcile;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

import org.electionrecon.model.CheckCode;
import org.electionrecon.model.ConstituencyFigures;
import org.electionrecon.model.Finding;
import org.electionrecon.model.Severity;

/** Checks that compare a constituency with the rest of its report area. */
public final class AreaRules {

	private final Thresholds thresholds;

	public AreaRules(Thresholds thresholds) {
		this.thresholds = thresholds;
	}

	/**
	 * {@code TURNOUT_CHANGE_OUTLIER}: a turnout change more than the threshold from the area's median
	 * change, the median taken over the constituencies that have both turnouts.
	 *
	 * @param turnoutSources by constituency code, where its turnouts come from
	 */
	public List<Finding> check(List<ConstituencyFigures> area, java.util.Map<String, String> turnoutSources) {
		List<Finding> findings = new ArrayList<>();
		BigDecimal median = medianTurnoutChange(area);
		if (median == null) {
			return findings;
		}
		for (ConstituencyFigures figures : area) {
			BigDecimal change = figures.turnoutChange();
			if (change == null) {
				continue;
			}
			BigDecimal distance = change.subtract(median);
			if (isTurnoutChangeOutlier(change, median, thresholds.turnoutChangeMaxPoints())) {
				findings.add(Finding.open(Severity.WARNING, CheckCode.TURNOUT_CHANGE_OUTLIER, figures.code(),
						figures.name(), null, median.toPlainString(), change.toPlainString(), distance,
						figures.name() + ": turnout changed by " + change.toPlainString() + " points against notional 2019 ("
								+ figures.turnout().toPlainString() + "% against " + figures.notionalTurnout().toPlainString()
								+ "%), " + distance.abs().toPlainString() + " points from the " + figures.area()
								+ " median change of " + median.toPlainString(),
						turnoutSources.get(figures.code())));
			}
		}
		return findings;
	}

	/**
	 * The area's median turnout change, as {@code TURNOUT_CHANGE_OUTLIER} takes it: over the
	 * constituencies that have both turnouts; {@code null} when none has.
	 */
	public static BigDecimal medianTurnoutChange(List<ConstituencyFigures> area) {
		List<BigDecimal> changes = area.stream()
			.map(ConstituencyFigures::turnoutChange)
			.filter(java.util.Objects::nonNull)
			.sorted()
			.toList();
		return changes.isEmpty() ? null : median(changes);
	}

	/** Whether a change is further than {@code maxPoints} from the median: a {@code TURNOUT_CHANGE_OUTLIER}. */
	public static boolean isTurnoutChangeOutlier(BigDecimal change, BigDecimal median, BigDecimal maxPoints) {
		return change.subtract(median).abs().compareTo(maxPoints) > 0;
	}

	static BigDecimal median(List<BigDecimal> sorted) {
		int n = sorted.size();
		if (n % 2 == 1) {
			return sorted.get(n / 2);
		}
		return sorted.get(n / 2 - 1).add(sorted.get(n / 2)).divide(BigDecimal.valueOf(2), MathContext.DECIMAL64);
	}
}
