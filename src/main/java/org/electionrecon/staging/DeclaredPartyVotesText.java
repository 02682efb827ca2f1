package org.electionrecon.staging;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.electionrecon.model.DeclaredPartyVotes;

/**
 * The party votes a constituency-level file states for one constituency, in one text column
 * ({@code RECON_DECLARED_PARTY_VOTES.PARTY_VOTES}): {@code Con=12='[hoc.csv]hoc'!F5;Lab=34='[hoc.csv]hoc'!G5}.
 * Pure text to records and back, no database; the constituency code is the row's.
 * <p>
 * Why one text and not a row a party: an incremental run copies every unchanged file's rows into
 * the new run ({@link StagedFiles}), and HSQLDB's cached tables pay for each row and each of its
 * index nodes. The national results file states some thirteen parties for each of 650
 * constituencies; one row a constituency copies thirteen times fewer.
 * <p>
 * Each party is its name, {@code =}, its votes, {@code =} and its source, in the order given;
 * parties are joined by {@code ;}. In the name and the source, {@code \}, {@code =} and {@code ;}
 * are written {@code \\}, {@code \=} and {@code \;}, so any text (a file name with {@code ;} in it,
 * say) reads back as it was. Only this format is read: a database staged by another is rebuilt
 * ({@link StagingSchema#VERSION}).
 */
public final class DeclaredPartyVotesText {

	/**
	 * The order a constituency's party votes are read in: by source, as the table's
	 * {@code ORDER BY SOURCE} gave them when it held a row a party, so that findings and workbooks
	 * are as they were. That is the order of HSQLDB's default collation, the embedded database's:
	 * UTF-16 code units, as {@link String#compareTo}, but with the shorter text compared as if
	 * padded with spaces (PAD SPACE), so "F5\t" comes before "F5". A source ends with its cell's
	 * row number, so the padding never decides between two sources; it is kept so that the order is
	 * the database's for any text. A PostgreSQL database made with byte-order collation, as the
	 * README asks, ordered by code points: the same but for a character beyond U+FFFF against one
	 * from U+E000 to U+FFFF, now in HSQLDB's order on both. Sources that compare equal keep the
	 * order they are given in.
	 */
	public static final Comparator<DeclaredPartyVotes> SOURCE_ORDER = Comparator.comparing(DeclaredPartyVotes::source,
			DeclaredPartyVotesText::compareAsSqlText);

	private static final char FIELD = '=';

	private static final char PARTY = ';';

	private static final char ESCAPE = '\\';

	private DeclaredPartyVotesText() {
	}

	/**
	 * The text of the party votes, all of one constituency, in the order they are to be read back;
	 * empty for none.
	 */
	public static String format(List<DeclaredPartyVotes> votes) {
		StringBuilder text = new StringBuilder(votes.size() * 48);
		for (DeclaredPartyVotes party : votes) {
			if (text.length() > 0) {
				text.append(PARTY);
			}
			escape(party.party(), text);
			text.append(FIELD).append(party.votes()).append(FIELD);
			escape(party.source(), text);
		}
		return text.toString();
	}

	private static void escape(String value, StringBuilder text) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == ESCAPE || c == FIELD || c == PARTY) {
				text.append(ESCAPE);
			}
			text.append(c);
		}
	}

	/**
	 * The party votes of a text {@link #format} made, in its order, each with the constituency code
	 * given.
	 *
	 * @throws IllegalArgumentException for a text this format does not make, saying where it goes wrong
	 */
	public static List<DeclaredPartyVotes> parse(String constituencyCode, String text) {
		List<DeclaredPartyVotes> votes = new ArrayList<>();
		if (text.isEmpty()) {
			return votes;
		}
		Reader in = new Reader(text);
		do {
			String party = in.field(FIELD);
			String count = in.field(FIELD);
			String source = in.field(PARTY);
			try {
				votes.add(new DeclaredPartyVotes(constituencyCode, party, Long.parseLong(count), source));
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("party votes of " + constituencyCode + ": '" + count
						+ "' is not a count of votes, before character " + in.position, ex);
			}
		}
		while (!in.atEnd());
		return votes;
	}

	/** HSQLDB's default collation: UTF-16 code units, the shorter text padded with spaces. */
	static int compareAsSqlText(String a, String b) {
		int common = Math.min(a.length(), b.length());
		for (int i = 0; i < common; i++) {
			char x = a.charAt(i);
			char y = b.charAt(i);
			if (x != y) {
				return x - y;
			}
		}
		for (int i = common; i < a.length(); i++) {
			if (a.charAt(i) != ' ') {
				return a.charAt(i) - ' ';
			}
		}
		for (int i = common; i < b.length(); i++) {
			if (b.charAt(i) != ' ') {
				return ' ' - b.charAt(i);
			}
		}
		return 0;
	}

	/** Reads the fields of a text one after another, each up to its unescaped end or the text's. */
	private static final class Reader {

		private final String text;

		private int position;

		Reader(String text) {
			this.text = text;
		}

		boolean atEnd() {
			return position == text.length();
		}

		/**
		 * The unescaped field from here to the next unescaped {@code end} (past which it moves on);
		 * only a source, the last field of a party, may end with the text instead.
		 */
		String field(char end) {
			StringBuilder value = new StringBuilder();
			while (position < text.length()) {
				char c = text.charAt(position++);
				if (c == ESCAPE) {
					if (position == text.length()) {
						throw new IllegalArgumentException("party votes text ends inside an escape: '" + text + "'");
					}
					value.append(text.charAt(position++));
				}
				else if (c == end) {
					if (end == PARTY && position == text.length()) {
						throw new IllegalArgumentException("party votes text ends with '" + PARTY + "': '" + text + "'");
					}
					return value.toString();
				}
				else if (c == FIELD || c == PARTY) {
					throw new IllegalArgumentException("party votes text has '" + c + "' at character " + (position - 1)
							+ " where '" + end + "' or an escaped character belongs: '" + text + "'");
				}
				else {
					value.append(c);
				}
			}
			if (end != PARTY) {
				throw new IllegalArgumentException("party votes text ends before a party's '" + end + "': '" + text + "'");
			}
			return value.toString();
		}
	}
}
