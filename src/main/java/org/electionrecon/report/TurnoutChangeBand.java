package org.electionrecon.report;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;

import org.electionrecon.model.ConstituencyFigures;
import org.electionrecon.reconcile.AreaRules;

/**
 * What {@code TURNOUT_CHANGE_OUTLIER} compares, for the Summary's turnout change chart: the area's
 * constituencies that have a turnout change, sorted by it, the area's median change, and the band of
 * median ± threshold outside which a change is an outlier. Median and test are the check's own
 * ({@link AreaRules}), over the same constituencies, so the points outside the band are exactly the
 * check's findings.
 *
 * @param changes the constituencies with a turnout change, smallest change first (then by name)
 * @param median the median change, {@code null} when no constituency has a change
 * @param threshold {@code recon.checks.turnout-change-max-points} as the run recorded it; {@code null}
 *     when the run recorded none (then there is no band)
 */
record TurnoutChangeBand(List<ConstituencyFigures> changes, BigDecimal median, BigDecimal threshold) {

	/** The setting the band's half-width comes from, as the run's recorded settings name it. */
	static final String THRESHOLD_SETTING = "recon.checks.turnout-change-max-points";

	static TurnoutChangeBand of(List<ConstituencyFigures> seats, BigDecimal threshold) {
		List<ConstituencyFigures> changes = seats.stream()
			.filter(seat -> seat.turnoutChange() != null)
			.sorted(Comparator.comparing(ConstituencyFigures::turnoutChange)
				.thenComparing(ConstituencyFigures::name)
				.thenComparing(ConstituencyFigures::code))
			.toList();
		return new TurnoutChangeBand(changes, AreaRules.medianTurnoutChange(seats), threshold);
	}

	/** The recorded threshold, {@code null} when the run recorded none or it is not a plain number. */
	static BigDecimal recordedThreshold(AreaReportData.RunFacts facts) {
		return facts == null || facts.settings() == null ? null
				: SheetWriter.plainNumber(facts.settings().get(THRESHOLD_SETTING));
	}

	boolean hasBand() {
		return median != null && threshold != null;
	}

	BigDecimal low() {
		return hasBand() ? median.subtract(threshold) : null;
	}

	BigDecimal high() {
		return hasBand() ? median.add(threshold) : null;
	}

	/** Whether the constituency's change is outside the band: a {@code TURNOUT_CHANGE_OUTLIER} finding. */
	boolean isOutside(ConstituencyFigures seat) {
		return hasBand() && seat.turnoutChange() != null
				&& AreaRules.isTurnoutChangeOutlier(seat.turnoutChange(), median, threshold);
	}
}
