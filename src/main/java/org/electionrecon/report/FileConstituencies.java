package org.electionrecon.report;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Which constituencies each input file of a run staged records of, per staging table, by the
 * file's FILE_SEQ: read once per run, for both {@link FileAreas} (the areas each file feeds) and
 * {@link CountNight#receipts(FileConstituencies, Map)} (when each constituency's files were received).
 * <p>
 * A staged record's file is its FILE_SEQ, the file it was staged from, which is also the file its
 * source reference names ({@code 'verification/[file.xlsx]Sheet'!C12}) or its FILE_NAME column
 * holds. Reading the two short columns alone, and keeping each pair once, costs a tenth of reading
 * every record's source reference and parsing the file out of it (about 20 ms against 220 ms for
 * the national workload's 36,000 records), and one read of each table serves both uses.
 */
final class FileConstituencies {

	/** The staging tables whose records belong to a constituency and come from one input file. */
	static final List<String> TABLES = List.of("RECON_VERIFICATION_SHEET", "RECON_STATED_FIGURE",
			"RECON_DECLARED_PARTY_VOTES", "RECON_CANDIDATE", "RECON_NOTIONAL", "RECON_REPORTED", "RECON_EXPLANATION",
			"RECON_REJECTED_FIGURE", "RECON_DECLARATION", "RECON_DECLARED_BREAKDOWN");

	/** By table, each file's (FILE_SEQ's) constituency codes; a record of no constituency is left out. */
	private final Map<String, Map<Long, Set<String>>> byTable;

	FileConstituencies(Map<String, Map<Long, Set<String>>> byTable) {
		this.byTable = Map.copyOf(byTable);
	}

	/** Reads the run's pairs of file and constituency from every table of {@link #TABLES}. */
	static FileConstituencies read(JdbcTemplate jdbc, long runId) {
		Map<String, Map<Long, Set<String>>> byTable = new HashMap<>();
		for (String table : TABLES) {
			Map<Long, Set<String>> codesByFile = new HashMap<>();
			jdbc.query("SELECT FILE_SEQ, CONSTITUENCY_CODE FROM " + table + " WHERE RUN_ID = ?", rs -> {
				String code = rs.getString(2);
				if (code != null) {
					codesByFile.computeIfAbsent(rs.getLong(1), f -> new HashSet<>()).add(code);
				}
			}, runId);
			byTable.put(table, codesByFile);
		}
		return new FileConstituencies(byTable);
	}

	/** Each file's constituency codes in the table, by FILE_SEQ; empty when it holds no record of the run. */
	Map<Long, Set<String>> of(String table) {
		return byTable.getOrDefault(table, Map.of());
	}

	/** Each file's constituency codes over every table, by FILE_SEQ. */
	Map<Long, Set<String>> all() {
		Map<Long, Set<String>> all = new HashMap<>();
		byTable.values().forEach(codesByFile -> codesByFile.forEach(
				(file, codes) -> all.computeIfAbsent(file, f -> new HashSet<>()).addAll(codes)));
		return all;
	}
}
