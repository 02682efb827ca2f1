package org.electionrecon.reconcile;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

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
@Validated
@ConfigurationProperties("recon.checks")
public record Thresholds(@NotNull @PositiveOrZero Long boxVarianceErrorAt,
		@NotNull @PositiveOrZero Long countVsVerifiedErrorAt,
		@NotNull @PositiveOrZero BigDecimal rejectedRateMaxPercent,
		@NotNull @PositiveOrZero BigDecimal turnoutChangeMaxPoints,
		@NotNull @PositiveOrZero BigDecimal electorateChangeMaxPercent) {

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
