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
			StringBuilder letters = new StringBuilder(typeText.length());
			for (int i = 0; i < typeText.length(); i++) {
				char c = Character.toLowerCase(typeText.charAt(i));
				if (c >= 'a' && c <= 'z') {
					letters.append(c);
				}
			}
			String t = letters.toString();
			return switch (t) {
				case "pollingstation", "ps", "polling", "station", "pollingplace" -> POLLING_STATION;
				case "postal", "pv", "postalvote", "postalvotes", "postalballot" -> POSTAL;
				default -> null;
			};
		}
		boolean postal = (box != null && box.toLowerCase(Locale.ROOT).contains("postal"))
				|| (station != null && station.toLowerCase(Locale.ROOT).contains("postal"));
		return postal ? POSTAL : POLLING_STATION;
	}
}
