package org.electionrecon.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;

import org.assertj.core.api.recursive.comparison.RecursiveComparisonConfiguration;
import org.electionrecon.model.CheckCode;
import org.electionrecon.model.Finding;
import org.electionrecon.model.FindingStatus;
import org.electionrecon.model.Severity;

/** Expected findings and an exact comparison of every field but the message. */
final class Findings {

	private static final RecursiveComparisonConfiguration EVERY_FIELD_BUT_MESSAGE = RecursiveComparisonConfiguration
		.builder()
		.withIgnoredFields("message")
		.withComparatorForType(Comparator.nullsFirst(BigDecimal::compareTo), BigDecimal.class)
		.build();

	private Findings() {
	}

	/** An OPEN finding about the constituency; {@code difference} is a number or {@code null}. */
	static Finding finding(Severity severity, CheckCode check, ConstituencyFacts facts, String box, String expected,
			String actual, String difference, String source) {
		return new Finding(severity, check, FindingStatus.OPEN, facts.code(), facts.name(), box, expected, actual,
				difference == null ? null : new BigDecimal(difference), null, source, null);
	}

	/**
	 * The findings are exactly these, in this order: severity, check, status, constituency, box,
	 * expected, actual, difference (numerically), source and note.
	 */
	static void assertFindings(List<Finding> actual, Finding... expected) {
		assertThat(actual).usingRecursiveFieldByFieldElementComparator(EVERY_FIELD_BUT_MESSAGE)
			.containsExactly(expected);
	}
}
