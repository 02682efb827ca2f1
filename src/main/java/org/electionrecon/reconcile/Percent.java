package org.electionrecon.reconcile;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Percentages as numbers of percent, computed exactly and rounded half-up only when shown. */
final class Percent {

	static final int SHOWN_DECIMALS = 2;

	private Percent() {
	}

	/** part / whole × 100, unrounded (to 12 significant digits); {@code null} when whole is 0. */
	static BigDecimal of(long part, long whole) {
		if (whole == 0) {
			return null;
		}
		return BigDecimal.valueOf(part).multiply(BigDecimal.valueOf(100))
			.divide(BigDecimal.valueOf(whole), MathContext.DECIMAL64);
	}

	static BigDecimal round(BigDecimal value, int decimals) {
		return value == null ? null : value.setScale(decimals, RoundingMode.HALF_UP);
	}

	static BigDecimal shown(BigDecimal value) {
		return round(value, SHOWN_DECIMALS);
	}
}
