package org.electionrecon.ingest;

import java.util.regex.Pattern;

import org.electionrecon.ingest.ConstituencyDirectory.Match;

/** A cell that names a constituency by its GSS code or by its name. */
final class Constituencies {

	private static final Pattern CODE = Pattern.compile("[EWSN]\\d{8}", Pattern.CASE_INSENSITIVE);

	private Constituencies() {
	}

	static boolean isCode(String text) {
		return CODE.matcher(text.strip()).matches();
	}

	static Match match(ConstituencyDirectory directory, String named) {
		return isCode(named) ? directory.match(named.strip(), null) : directory.matchName(named);
	}
}
