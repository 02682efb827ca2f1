package org.electionrecon.report;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** How the Summary names the election, and which version of the application wrote a report. */
public final class ElectionLabel {

	private ElectionLabel() {
	}

	/** "2024-07-04" becomes "UK Parliamentary general election, 4 July 2024". */
	public static String describe(String election) {
		if (election == null) {
			return "";
		}
		try {
			LocalDate date = LocalDate.parse(election.strip());
			return "UK Parliamentary general election, " + date.format(DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK));
		}
		catch (DateTimeParseException ex) {
			return election;
		}
	}

	public static String applicationVersion() {
		String version = ElectionLabel.class.getPackage().getImplementationVersion();
		return version == null ? "development build" : version;
	}
}
