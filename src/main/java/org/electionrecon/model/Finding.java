package org.electionrecon.model;

import java.math.BigDecimal;

/**
 * One row of the Findings sheet.
 *
 * @param expected the expected value as text (a number is written as a numeric cell)
 * @param actual the actual value as text
 * @param difference actual minus expected, where both are numbers
 * @param source the source of the actual value, several separated by {@code "; "}
 */
public record Finding(Severity severity, CheckCode check, FindingStatus status, String constituencyCode,
		String constituencyName, String box, String expected, String actual, BigDecimal difference,
		String message, String source, String note) implements Staged {

	public static Finding open(Severity severity, CheckCode check, String constituencyCode, String constituencyName,
			String box, String expected, String actual, BigDecimal difference, String message, String source) {
		return new Finding(severity, check, FindingStatus.OPEN, constituencyCode, constituencyName, box, expected,
				actual, difference, message, source, null);
	}

	public Finding explained(String byNote) {
		return new Finding(severity, check, FindingStatus.EXPLAINED, constituencyCode, constituencyName, box,
				expected, actual, difference, message, source, byNote);
	}
}
