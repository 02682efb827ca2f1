package org.electionrecon.model;

import java.math.BigDecimal;

/**
 * A figure a source states rather than one the job computes: checked, never trusted.
 *
 * @param decimals the number of decimals a person sees (for percentages), else 0
 */
public record StatedFigure(String constituencyCode, Kind kind, BigDecimal value, int decimals, String source) implements Staged {

	public enum Kind {
		/** The electorate on a verification statement. */
		ELECTORATE,
		/** The total verified in a verification statement's key-value block. */
		VERIFIED_TOTAL,
		/** The verified column of a verification statement's Total row. */
		VERIFIED_TOTAL_ROW,
		/** A stated turnout on a verification statement, in percent. */
		TURNOUT,
		/** A turnout a declaration states (the LGA schema's PercentageTurnout), in percent. */
		DECLARED_TURNOUT
	}
}
