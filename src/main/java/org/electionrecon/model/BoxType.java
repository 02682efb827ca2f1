package org.electionrecon.model;

import java.util.Locale;

/** A ballot box holds papers from one polling station or one postal-vote opening batch. */
public enum BoxType {
	POLLING_STATION("Polling station"), POSTAL("Postal");

	private final String label;

	BoxType(String label) {
		this.label = label;
	}

	public String label() {
		return label;
	}

	/**
	 * The type written in a Type cell, or, when there is none, "postal" in the box or station
	 * text (inputs.md); {@code null} when a Type cell holds something unrecognised.
	 */
	public static BoxType of(String typeText, String box, String station) {
		if (typeText != null && !typeText.isBlank()) {
			StatedType last = lastStated;
			if (last != null && last.text().equals(typeText)) {
				return last.type();
			}
			BoxType type = ofStated(typeText);
			lastStated = new StatedType(typeText, type);
			return type;
		}
		boolean postal = (box != null && box.toLowerCase(Locale.ROOT).contains("postal"))
				|| (station != null && station.toLowerCase(Locale.ROOT).contains("postal"));
		return postal ? POSTAL : POLLING_STATION;
	}

	/**
	 * The last stated type read and what it is: a sheet states the same one or two texts thousands
	 * of times. Shared by the parsing threads; each reads and replaces the record whole.
	 */
	private static volatile StatedType lastStated;

	private record StatedType(String text, BoxType type) {
	}

	private static BoxType ofStated(String typeText) {
		StringBuilder letters = new StringBuilder(typeText.length());
		for (int i = 0; i < typeText.length(); i++) {
			char c = Character.toLowerCase(typeText.charAt(i));
			if (c >= 'a' && c <= 'z') {
				letters.append(c);
			}
		}
		return switch (letters.toString()) {
			case "pollingstation", "ps", "polling", "station", "pollingplace" -> POLLING_STATION;
			case "postal", "pv", "postalvote", "postalvotes", "postalballot" -> POSTAL;
			default -> null;
		};
	}
}
