package org.electionrecon.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.electionrecon.ingest.FileOrigin;
import org.electionrecon.ingest.StagedItem;
import org.electionrecon.model.DeclaredPartyVotes;
import org.electionrecon.staging.EmbeddedStagingDatabase;
import org.electionrecon.staging.StagingTables;
import org.hsqldb.jdbc.JDBCDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A constituency's party votes staged in several rows (two files, two chunks of one file, two rows
 * of one file) are read back as one list in source order, as when the table held a row a party.
 */
class DeclaredPartyVotesStagingTests {

	private static final FileOrigin FILE_A = new FileOrigin(10, "v1", "a");

	private static final FileOrigin FILE_B = new FileOrigin(100, "v1", "b");

	@Test
	void shouldReadEveryPartyOfEveryRowInSourceOrder() throws Exception {
		JDBCDataSource database = EmbeddedStagingDatabase.inMemory("party-votes-staging");
		JdbcTemplate jdbc = new JdbcTemplate(database);
		jdbc.update("INSERT INTO RECON_CONSTITUENCY (RUN_ID, FILE_SEQ, CODE, NAME, AREA) VALUES (1, 1, 'E1', 'One', 'A')");
		StagingTables tables = new StagingTables(jdbc);

		tables.insert(1, List.of(item(101, FILE_B, "E1", "Con", 7, "'[b.csv]b'!Q2")));
		tables.insert(1, List.of(item(11, FILE_A, "E1", "Con", 1, "'[a.csv]a'!Q5"),
				item(12, FILE_A, "E1", "Lab", 2, "'[a.csv]a'!R5")));
		tables.insert(1, List.of(item(13, FILE_A, "E1", "Other", 3, "'[a.csv]a'!AC5"),
				item(14, FILE_A, "E2", "Con", 9, "'[a.csv]a'!Q6"), item(15, FILE_A, "E1", "Con", 4, "'[a.csv]a'!Q7"),
				item(16, FILE_A, "E1", "LD", 5, "'[a.csv]a'!S7")));

		assertThat(jdbc.queryForList("SELECT FILE_SEQ, CONSTITUENCY_CODE, PARTY_VOTES FROM RECON_DECLARED_PARTY_VOTES"
				+ " WHERE RUN_ID = 1 ORDER BY FILE_SEQ, CONSTITUENCY_CODE, PARTY_VOTES")).extracting(Object::toString)
			.containsExactly("{FILE_SEQ=10, CONSTITUENCY_CODE=E1, PARTY_VOTES=Con=1='[a.csv]a'!Q5;Lab=2='[a.csv]a'!R5}",
					"{FILE_SEQ=10, CONSTITUENCY_CODE=E1, PARTY_VOTES=Other=3='[a.csv]a'!AC5;Con=4='[a.csv]a'!Q7;"
							+ "LD=5='[a.csv]a'!S7}",
					"{FILE_SEQ=10, CONSTITUENCY_CODE=E2, PARTY_VOTES=Con=9='[a.csv]a'!Q6}",
					"{FILE_SEQ=100, CONSTITUENCY_CODE=E1, PARTY_VOTES=Con=7='[b.csv]b'!Q2}");
		assertThat(new ConstituencyFactsRepository(jdbc, null).load(1, "E1").declaredPartyVotes()).containsExactly(
				new DeclaredPartyVotes("E1", "Other", 3, "'[a.csv]a'!AC5"),
				new DeclaredPartyVotes("E1", "Con", 1, "'[a.csv]a'!Q5"),
				new DeclaredPartyVotes("E1", "Con", 4, "'[a.csv]a'!Q7"),
				new DeclaredPartyVotes("E1", "Lab", 2, "'[a.csv]a'!R5"),
				new DeclaredPartyVotes("E1", "LD", 5, "'[a.csv]a'!S7"),
				new DeclaredPartyVotes("E1", "Con", 7, "'[b.csv]b'!Q2"));
	}

	private static StagedItem item(long seq, FileOrigin file, String code, String party, long votes, String source) {
		return new StagedItem(seq, new DeclaredPartyVotes(code, party, votes, source), file);
	}
}
