package org.electionrecon.operate;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What one {@code watch} update did, from the job database: how many input files its run read and
 * how many it copied unchanged from an earlier run's staging, and how many seats changed.
 * <p>
 * A seat changed when its constituency's figures (the Constituencies sheet's row: electorate,
 * verified papers, votes, turnout, winner, majority, ... and their sources) or its findings
 * (check, severity, status, box, expected, actual, difference, message, source, note) differ
 * between the run and the election's previous completed run, counted once per constituency. A
 * seat that appears or disappears (its first statement arrives, its figures go) changed too. With
 * no previous completed run every constituency with figures changed. This depends only on the two
 * runs, so a watch that was killed and resumed says the same as one that was not.
 */
public final class UpdateFacts {

	/** The figures compared: every column of RECON_FIGURES but the run. */
	private static final String FIGURES = "CODE, NAME, AREA, ELECTORATE, VERIFIED, VALID_VOTES, REJECTED, TURNOUT,"
			+ " TURNOUT_BASIS, VALID_VOTE_TURNOUT, NOTIONAL_TURNOUT, TURNOUT_CHANGE, WINNER, PARTY, WINNER_VOTES, SHARE,"
			+ " RUNNER_UP_PARTY, MAJORITY, MAJORITY_PERCENT, RESULT_LABEL, NOTIONAL_WINNER, SWING, BOXES,"
			+ " ELECTORATE_SOURCE, VERIFIED_SOURCE, DECLARATION_SOURCE, NOTIONAL_SOURCE, TURNOUT_SOURCE";

	/**
	 * The findings compared: what the workbooks show of them. Not the file's sequence number nor the
	 * stage, which move when another file arrives.
	 */
	private static final String FINDINGS = "CONSTITUENCY_CODE, SEVERITY, CHECK_CODE, STATUS, CONSTITUENCY_NAME, BOX,"
			+ " EXPECTED, ACTUAL, DIFF, MESSAGE, SOURCE, NOTE";

	private final JdbcTemplate jdbc;

	public UpdateFacts(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Input files the run read itself (not ignored, not copied). */
	public long filesRead(long runId) {
		return count("SELECT COUNT(*) FROM RECON_SOURCE_FILE WHERE RUN_ID = ? AND KIND <> 'ignored'"
				+ " AND REUSED_FROM_RUN IS NULL", runId);
	}

	/** Input files the run copied unchanged from an earlier run's staging. */
	public long filesReused(long runId) {
		return count("SELECT COUNT(*) FROM RECON_SOURCE_FILE WHERE RUN_ID = ? AND KIND <> 'ignored'"
				+ " AND REUSED_FROM_RUN IS NOT NULL", runId);
	}

	/**
	 * The constituencies whose figures or findings differ between the two runs, in code order.
	 *
	 * @param previousRunId the election's previous completed run, or {@code null} when there is none
	 */
	public Set<String> seatsChanged(long runId, Long previousRunId) {
		Set<String> codes = new TreeSet<>();
		if (previousRunId == null) {
			codes.addAll(jdbc.queryForList("SELECT CODE FROM RECON_FIGURES WHERE RUN_ID = ?", String.class, runId));
			return codes;
		}
		codes.addAll(difference("RECON_FIGURES", FIGURES, runId, previousRunId));
		codes.addAll(difference("RECON_FIGURES", FIGURES, previousRunId, runId));
		codes.addAll(difference("RECON_FINDING", FINDINGS, runId, previousRunId));
		codes.addAll(difference("RECON_FINDING", FINDINGS, previousRunId, runId));
		return codes;
	}

	/**
	 * The constituency codes (the first column) of the rows of one run that the other has not, as
	 * often as it has them; none for the findings of a file rather than of a constituency.
	 */
	private List<String> difference(String table, String columns, long runId, long otherRunId) {
		return jdbc.query("SELECT D.* FROM (SELECT " + columns + " FROM " + table + " WHERE RUN_ID = ? EXCEPT ALL"
				+ " SELECT " + columns + " FROM " + table + " WHERE RUN_ID = ?) D", (rs, row) -> rs.getString(1), runId,
				otherRunId).stream().filter(java.util.Objects::nonNull).toList();
	}

	private long count(String sql, long runId) {
		Long n = jdbc.queryForObject(sql, Long.class, runId);
		return n == null ? 0 : n;
	}
}
