package org.electionrecon.staging;

import java.util.LinkedHashMap;
import java.util.Map;

/** Votes by party in one text column: {@code Con=12;Lab=34}. Party abbreviations hold no = or ;. */
public final class PartyVotesText {

	private PartyVotesText() {
	}

	public static String format(Map<String, Long> votes) {
		StringBuilder text = new StringBuilder();
		votes.forEach((party, count) -> {
			if (text.length() > 0) {
				text.append(';');
			}
			text.append(party.replace(";", ",").replace("=", "-")).append('=').append(count);
		});
		return text.toString();
	}

	public static Map<String, Long> parse(String text) {
		Map<String, Long> votes = new LinkedHashMap<>();
		if (text == null || text.isEmpty()) {
			return votes;
		}
		for (String pair : text.split(";")) {
			int eq = pair.lastIndexOf('=');
			votes.put(pair.substring(0, eq), Long.parseLong(pair.substring(eq + 1)));
		}
		return votes;
	}
}
