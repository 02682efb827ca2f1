package org.electionrecon.staging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.electionrecon.model.DeclaredPartyVotes;
import org.junit.jupiter.api.Test;

class DeclaredPartyVotesTextTests {

	private static final String STAFFORD = "E14001500";

	private static final List<DeclaredPartyVotes> STAFFORD_VOTES = List.of(
			new DeclaredPartyVotes(STAFFORD, "Con", 13_936, "'[hoc.csv]hoc'!Q550"),
			new DeclaredPartyVotes(STAFFORD, "Lab", 18_531, "'[hoc.csv]hoc'!R550"),
			new DeclaredPartyVotes(STAFFORD, DeclaredPartyVotes.OTHERS, 0, "'[hoc.csv]hoc'!AC550"));

	@Test
	void shouldWriteEachPartyAsNameVotesAndSource() {
		assertThat(DeclaredPartyVotesText.format(STAFFORD_VOTES))
			.isEqualTo("Con=13936='[hoc.csv]hoc'!Q550;Lab=18531='[hoc.csv]hoc'!R550;Other=0='[hoc.csv]hoc'!AC550");
	}

	@Test
	void shouldReadBackEveryPartyInOrderWithTheCodeGiven() {
		assertThat(DeclaredPartyVotesText.parse(STAFFORD,
				"Con=13936='[hoc.csv]hoc'!Q550;Lab=18531='[hoc.csv]hoc'!R550;Other=0='[hoc.csv]hoc'!AC550"))
			.containsExactlyElementsOf(STAFFORD_VOTES);
		assertThat(DeclaredPartyVotesText.parse("S14000001", "Con=1=a"))
			.containsExactly(new DeclaredPartyVotes("S14000001", "Con", 1, "a"));
	}

	@Test
	void shouldEscapeTheSeparatorsAndTheEscapeInNamesAndSources() {
		List<DeclaredPartyVotes> votes = List.of(new DeclaredPartyVotes(STAFFORD, "A=B;C\\D", 5, "'x;y=z\\[a.csv]a'!B2"),
				new DeclaredPartyVotes(STAFFORD, "=", -3, ";"), new DeclaredPartyVotes(STAFFORD, "\\", 7, "\\"));

		String text = DeclaredPartyVotesText.format(votes);

		assertThat(text).isEqualTo("A\\=B\\;C\\\\D=5='x\\;y\\=z\\\\[a.csv]a'!B2;\\==-3=\\;;\\\\=7=\\\\");
		assertThat(DeclaredPartyVotesText.parse(STAFFORD, text)).containsExactlyElementsOf(votes);
	}

	@Test
	void shouldReadBackEmptyNamesAndSourcesAndAnyOtherCharacters() {
		List<DeclaredPartyVotes> votes = List.of(new DeclaredPartyVotes(STAFFORD, "", 0, ""),
				new DeclaredPartyVotes(STAFFORD, "Plaid Cymru – Ynys Môn \uD83D\uDDF3", Long.MAX_VALUE, "a\tb\nc\r'!\""),
				new DeclaredPartyVotes(STAFFORD, "東京", Long.MIN_VALUE, ""));

		String text = DeclaredPartyVotesText.format(votes);

		assertThat(text).isEqualTo("=0=;Plaid Cymru – Ynys Môn \uD83D\uDDF3=9223372036854775807=a\tb\nc\r'!\";東京="
				+ "-9223372036854775808=");
		assertThat(DeclaredPartyVotesText.parse(STAFFORD, text)).containsExactlyElementsOf(votes);
	}

	@Test
	void shouldWriteNoPartiesAsEmptyTextAndReadItBack() {
		assertThat(DeclaredPartyVotesText.format(List.of())).isEmpty();
		assertThat(DeclaredPartyVotesText.parse(STAFFORD, "")).isEmpty();
	}

	@Test
	void shouldRefuseTextItDoesNotMake() {
		assertThatThrownBy(() -> DeclaredPartyVotesText.parse(STAFFORD, "Con=12"))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessage("party votes text ends before a party's '=': 'Con=12'");
		assertThatThrownBy(() -> DeclaredPartyVotesText.parse(STAFFORD, "Con=twelve=a"))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessage("party votes of E14001500: 'twelve' is not a count of votes, before character 12");
		assertThatThrownBy(() -> DeclaredPartyVotesText.parse(STAFFORD, "Con=1=a=b"))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessage("party votes text has '=' at character 7 where ';' or an escaped character belongs: 'Con=1=a=b'");
		assertThatThrownBy(() -> DeclaredPartyVotesText.parse(STAFFORD, "C;n=1=a"))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessage("party votes text has ';' at character 1 where '=' or an escaped character belongs: 'C;n=1=a'");
		assertThatThrownBy(() -> DeclaredPartyVotesText.parse(STAFFORD, "Con=1=a\\"))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessage("party votes text ends inside an escape: 'Con=1=a\\'");
		assertThatThrownBy(() -> DeclaredPartyVotesText.parse(STAFFORD, "Con=1=a;"))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessage("party votes text ends with ';': 'Con=1=a;'");
	}

	@Test
	void shouldOrderBySourceWithTheShorterSourcePaddedWithSpaces() {
		List<DeclaredPartyVotes> votes = new ArrayList<>();
		for (String source : List.of("'[b.csv]b'!F5", "'[a.csv]a'!F55", "F5 ", "'[a.csv]a'!F5", "F5\t", "F5",
				"'[a.csv]a'!AA5", "a\uFFFD", "a\uD83D\uDDF3", "a\uE000")) {
			votes.add(new DeclaredPartyVotes(STAFFORD, "P" + votes.size(), 1, source));
		}

		votes.sort(DeclaredPartyVotesText.SOURCE_ORDER);

		// "F5 " and "F5" are equal, so keep the order given
		assertThat(votes).extracting(DeclaredPartyVotes::source).containsExactly("'[a.csv]a'!AA5", "'[a.csv]a'!F5",
				"'[a.csv]a'!F55", "'[b.csv]b'!F5", "F5\t", "F5 ", "F5", "a\uD83D\uDDF3", "a\uE000", "a\uFFFD");
	}

	/** The order the table's ORDER BY SOURCE gave on the embedded database, for texts that are not equal there. */
	@Test
	void shouldOrderAsTheEmbeddedDatabaseOrdersText() throws SQLException {
		List<String> sources = List.of("'[hoc.csv]hoc'!Q550", "'[hoc.csv]hoc'!AC550", "'[hoc.csv]hoc'!Q55", "ab\t", "ab",
				"ab\n", "ab!", "aB", "Ab", "a b", "a'b", "a-b", "a_", "a\uFFFD", "a\uD83D\uDDF3", "a\uE000", "é", "z",
				"'[Hoc.csv]hoc'!Q550", "'[hoc 2.csv]hoc'!A1");
		List<String> ordered = new ArrayList<>();
		try (Connection connection = DriverManager.getConnection("jdbc:hsqldb:mem:party-votes-" + System.nanoTime()
				+ ";shutdown=true", "SA", ""); Statement statement = connection.createStatement()) {
			statement.execute("CREATE CACHED TABLE T (SOURCE VARCHAR(16777216) NOT NULL)");
			try (PreparedStatement insert = connection.prepareStatement("INSERT INTO T VALUES (?)")) {
				for (String source : sources) {
					insert.setString(1, source);
					insert.executeUpdate();
				}
			}
			try (ResultSet rs = statement.executeQuery("SELECT SOURCE FROM T ORDER BY SOURCE")) {
				while (rs.next()) {
					ordered.add(rs.getString(1));
				}
			}
		}
		List<DeclaredPartyVotes> votes = new ArrayList<>(
				sources.stream().map(s -> new DeclaredPartyVotes(STAFFORD, "P", 1, s)).toList());

		votes.sort(DeclaredPartyVotesText.SOURCE_ORDER);

		assertThat(votes).extracting(DeclaredPartyVotes::source).containsExactlyElementsOf(ordered);
	}
}
