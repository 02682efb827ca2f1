package org.electionrecon.ingest;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/** Election dates as councils write them: 2024-07-04, 04/07/2024, 4 July 2024. */
public final class ElectionDates {

	private static final List<DateTimeFormatter> FORMATS = List.of(DateTimeFormatter.ISO_LOCAL_DATE,
			DateTimeFormatter.ofPattern("d/M/uuuu"), DateTimeFormatter.ofPattern("d-M-uuuu"),
			DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.UK), DateTimeFormatter.ofPattern("d MMM uuuu", Locale.UK));

	private ElectionDates() {
	}

	/** The date, or {@code null} when the text is not one. A time after the date is ignored. */
	public static LocalDate parse(String text) {
		String date = text.strip();
		int t = date.indexOf('T');
		if (t == 10) {
			date = date.substring(0, 10);
		}
		for (DateTimeFormatter format : FORMATS) {
			try {
				return LocalDate.parse(date, format);
			}
			catch (DateTimeParseException ex) {
				// try the next form
			}
		}
		return null;
	}
}
