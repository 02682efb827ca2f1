package org.electionrecon.ingest;

import java.util.Locale;

/**
 * The text fields the parsers stage, each with the longest value a row may give it (the staging
 * columns of {@code db/staging-schema-*.sql} hold the readers' longest text, 32,767 characters, or
 * are unbounded), in one place: a longer value is its row's problem, rejected with
 * the cell and a reason such as "constituency code is 25 characters; at most 20", so that one
 * damaged cell never stops the run.
 */
enum StagedText {

	CONSTITUENCY_CODE("constituency code", 20),
	CONSTITUENCY_NAME("constituency name", 200),
	REGION("region", 100),
	COUNTY("county", 100),
	REPORT_AREA("report area", 200),
	ALIASES("aliases", 2000),
	FIRST_NAME("first name", 200),
	SURNAME("candidate surname", 200),
	MEMBER_FIRST_NAME("member first name", 200),
	MEMBER_SURNAME("member surname", 200),
	PARTY("party", 100),
	RESULT_LABEL("result", 200),
	/**
	 * An operator's note: the finding it explains holds it with its author in parentheses, in a note
	 * column of 2,000 characters, so the note itself holds at most 1,500.
	 */
	NOTE("explanation note", 1500),
	EXPLAINED_BY("explained by", 200),
	BOX("box", 200),
	FIGURE("figure", 120),
	REPORTED_AT("reported at", 100),
	OUTLET("source", 200);

	private final String label;
	private final int maxLength;

	StagedText(String label, int maxLength) {
		this.label = label;
		this.maxLength = maxLength;
	}

	int maxLength() {
		return maxLength;
	}

	/** Why a value does not fit, or {@code null} when it does (a blank fits: blanks have their own reasons). */
	String problem(String value) {
		if (value == null || value.length() <= maxLength) {
			return null;
		}
		return String.format(Locale.ROOT, "%s is %,d characters; at most %,d", label, value.length(), maxLength);
	}
}
