package org.electionrecon.reconcile;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Locale;

import org.electionrecon.model.CheckCode;
import org.electionrecon.model.Constituency;
import org.electionrecon.model.Finding;
import org.electionrecon.model.Severity;

/** Builds findings about one constituency, with numbers written the way the Findings sheet reads them. */
final class FindingFactory {

	private final Constituency constituency;

	FindingFactory(Constituency constituency) {
		this.constituency = constituency;
	}

	Finding counts(Severity severity, CheckCode check, String box, long expected, long actual, String message,
			String source) {
		return Finding.open(severity, check, constituency.code(), constituency.name(), box, Long.toString(expected),
				Long.toString(actual), BigDecimal.valueOf(actual - expected), message, source);
	}

	Finding decimals(Severity severity, CheckCode check, BigDecimal expected, BigDecimal actual, String message,
			String source) {
		return Finding.open(severity, check, constituency.code(), constituency.name(), null,
				expected == null ? null : expected.toPlainString(), actual == null ? null : actual.toPlainString(),
				expected == null || actual == null ? null : actual.subtract(expected), message, source);
	}

	Finding text(Severity severity, CheckCode check, String expected, String actual, String message, String source) {
		return Finding.open(severity, check, constituency.code(), constituency.name(), null, expected, actual, null,
				message, source);
	}

	String name() {
		return constituency.name();
	}

	static String n(long value) {
		return NumberFormat.getIntegerInstance(Locale.UK).format(value);
	}
}
