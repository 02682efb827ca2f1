package org.electionrecon.reconcile;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The thresholds of checks.md, from {@code recon.checks.*} (defaults in application.yml). Counts
 * are always compared exactly; these only grade a difference or flag an outlier.
 *
 * @param boxVarianceErrorAt a box variance of at least this many papers is an ERROR, below it a WARNING
 * @param countVsVerifiedErrorAt a count-vs-verified difference of at least this many papers is an ERROR
 * @param rejectedRateMaxPercent rejected / (valid + rejected) above this, in percent, is an outlier
 * @param turnoutChangeMaxPoints a turnout change further than this from the area median, in points, is an outlier
 * @param electorateChangeMaxPercent an electorate differing from the notional one by more than this, in percent, is an outlier
 */
@ConfigurationProperties("recon.checks")
public record Thresholds(Long boxVarianceErrorAt, Long countVsVerifiedErrorAt, BigDecimal rejectedRateMaxPercent,
		BigDecimal turnoutChangeMaxPoints, BigDecimal electorateChangeMaxPercent) {

	/** Every threshold is required and none may be negative; the message names the property. */
	public Thresholds {
		requireZeroOrMore("recon.checks.box-variance-error-at", boxVarianceErrorAt);
		requireZeroOrMore("recon.checks.count-vs-verified-error-at", countVsVerifiedErrorAt);
		requireZeroOrMore("recon.checks.rejected-rate-max-percent", rejectedRateMaxPercent);
		requireZeroOrMore("recon.checks.turnout-change-max-points", turnoutChangeMaxPoints);
		requireZeroOrMore("recon.checks.electorate-change-max-percent", electorateChangeMaxPercent);
	}

	private static void requireZeroOrMore(String property, Number value) {
		if (value == null) {
			throw new IllegalArgumentException(property + " must be set");
		}
		if (new BigDecimal(value.toString()).signum() < 0) {
			throw new IllegalArgumentException(property + " must be zero or more, not " + value);
		}
	}

	public static Thresholds defaults() {
		return new Thresholds(5L, 10L, new BigDecimal("1.0"), new BigDecimal("5"), new BigDecimal("10"));
	}

	/** Every threshold by its property name, for the Provenance sheet. */
	public Map<String, String> asProperties() {
		Map<String, String> map = new LinkedHashMap<>();
		map.put("recon.checks.box-variance-error-at", boxVarianceErrorAt.toString());
		map.put("recon.checks.count-vs-verified-error-at", countVsVerifiedErrorAt.toString());
		map.put("recon.checks.rejected-rate-max-percent", rejectedRateMaxPercent.toPlainString());
		map.put("recon.checks.turnout-change-max-points", turnoutChangeMaxPoints.toPlainString());
		map.put("recon.checks.electorate-change-max-percent", electorateChangeMaxPercent.toPlainString());
		return map;
	}
}
