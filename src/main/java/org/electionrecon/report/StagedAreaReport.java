package org.electionrecon.report;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.electionrecon.model.CheckCode;
import org.electionrecon.model.ConstituencyFigures;
import org.electionrecon.model.FigureSources;
import org.electionrecon.model.Finding;
import org.electionrecon.model.FindingStatus;
import org.electionrecon.model.RejectedRow;
import org.electionrecon.model.Severity;
import org.electionrecon.model.SourceFile;
import org.electionrecon.staging.BoxBlocks;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One area's report read from the staging tables. Boxes, findings and rejected rows are streamed
 * from the database row by row, never collected.
 */
public class StagedAreaReport implements AreaReportData {

	static final String SEVERITY_ORDER = "CASE F.SEVERITY WHEN 'ERROR' THEN 0 WHEN 'WARNING' THEN 1 ELSE 2 END";

	private final JdbcTemplate jdbc;
	private final long runId;
	private final String area;
	private final String election;
	private final RunFacts runFacts;

	public StagedAreaReport(JdbcTemplate jdbc, long runId, String area, String election, RunFacts runFacts) {
		this.jdbc = jdbc;
		this.runId = runId;
		this.area = area;
		this.election = election;
		this.runFacts = runFacts;
	}

	/** The report areas of a run, by name. */
	public static List<String> areas(JdbcTemplate jdbc, long runId) {
		return jdbc.queryForList("SELECT DISTINCT AREA FROM RECON_FIGURES WHERE RUN_ID = ? ORDER BY AREA", String.class,
				runId);
	}

	@Override
	public String area() {
		return area;
	}

	@Override
	public String election() {
		return election;
	}

	@Override
	public List<ConstituencyFigures> constituencies() {
		Map<String, Map<Severity, Integer>> counts = new HashMap<>();
		jdbc.query("SELECT CONSTITUENCY_CODE, SEVERITY, COUNT(*) FROM RECON_FINDING WHERE RUN_ID = ? AND STATUS = ?"
				+ " AND CONSTITUENCY_CODE IS NOT NULL GROUP BY CONSTITUENCY_CODE, SEVERITY", rs -> {
					counts.computeIfAbsent(rs.getString(1), c -> new EnumMap<>(Severity.class))
						.put(Severity.valueOf(rs.getString(2)), rs.getInt(3));
				}, runId, FindingStatus.OPEN.name());
		return jdbc.query("SELECT CODE, NAME, AREA, ELECTORATE, VERIFIED, VALID_VOTES, REJECTED, TURNOUT, TURNOUT_BASIS,"
				+ " VALID_VOTE_TURNOUT, NOTIONAL_TURNOUT, TURNOUT_CHANGE, WINNER, PARTY, WINNER_VOTES, SHARE, RUNNER_UP_PARTY,"
				+ " MAJORITY, MAJORITY_PERCENT, RESULT_LABEL, NOTIONAL_WINNER, SWING, BOXES, ELECTORATE_SOURCE,"
				+ " VERIFIED_SOURCE, DECLARATION_SOURCE, NOTIONAL_SOURCE, TURNOUT_SOURCE FROM RECON_FIGURES"
				+ " WHERE RUN_ID = ? AND AREA = ? ORDER BY NAME, CODE", (rs, i) -> {
					Map<Severity, Integer> bySeverity = counts.getOrDefault(rs.getString(1), Map.of());
					return new ConstituencyFigures(rs.getString(1), rs.getString(2), rs.getString(3), getLong(rs, 4),
							getLong(rs, 5), getLong(rs, 6), getLong(rs, 7), rs.getBigDecimal(8), rs.getString(9),
							rs.getBigDecimal(10), rs.getBigDecimal(11), rs.getBigDecimal(12), rs.getString(13),
							rs.getString(14), getLong(rs, 15), rs.getBigDecimal(16), rs.getString(17), getLong(rs, 18),
							rs.getBigDecimal(19), rs.getString(20), rs.getString(21), rs.getBigDecimal(22),
							rs.getInt(23), bySeverity.getOrDefault(Severity.ERROR, 0),
							bySeverity.getOrDefault(Severity.WARNING, 0), bySeverity.getOrDefault(Severity.INFO, 0),
							new FigureSources(rs.getString(24), rs.getString(25), rs.getString(26), rs.getString(27),
									rs.getString(28)));
				}, runId, area);
	}

	private static Long getLong(ResultSet rs, int column) throws SQLException {
		return rs.getObject(column, Long.class);
	}

	/**
	 * One query for the area, in constituency name order: the boxes are staged in blocks (a few
	 * thousand rows for a million boxes), so the join reads and sorts only the area's blocks, and
	 * each block is decoded once.
	 */
	@Override
	public void forEachBox(Consumer<BoxLine> consumer) {
		jdbc.query("SELECT C.CODE, C.NAME, B.DATA FROM RECON_CONSTITUENCY C JOIN RECON_BOX_BLOCK B"
				+ " ON B.RUN_ID = C.RUN_ID AND B.CONSTITUENCY_CODE = C.CODE WHERE C.RUN_ID = ? AND C.AREA = ?"
				+ " ORDER BY C.NAME, C.CODE, B.SEQ", rs -> {
					String name = rs.getString(2);
					BoxBlocks.decode(rs.getString(1), rs.getBytes(3), box -> consumer.accept(new BoxLine(name, box)));
				}, runId, area);
	}

	@Override
	public void forEachFinding(Consumer<Finding> consumer) {
		jdbc.query("SELECT F.SEVERITY, F.CHECK_CODE, F.STATUS, F.CONSTITUENCY_CODE, F.CONSTITUENCY_NAME, F.BOX, F.EXPECTED,"
				+ " F.ACTUAL, F.DIFF, F.MESSAGE, F.SOURCE, F.NOTE FROM RECON_FINDING F"
				+ " LEFT JOIN RECON_CONSTITUENCY C ON C.RUN_ID = F.RUN_ID AND C.CODE = F.CONSTITUENCY_CODE"
				+ " WHERE F.RUN_ID = ? AND (C.AREA = ? OR C.CODE IS NULL)"
				+ " ORDER BY " + SEVERITY_ORDER + ", COALESCE(F.CONSTITUENCY_NAME, ''), F.CHECK_CODE,"
				// COALESCE: HSQLDB sorts NULLs first, PostgreSQL last; this way both put them first
				+ " COALESCE(F.SOURCE, ''), COALESCE(F.BOX, '')",
				rs -> {
					BigDecimal difference = rs.getBigDecimal(9);
					consumer.accept(new Finding(Severity.valueOf(rs.getString(1)), CheckCode.valueOf(rs.getString(2)),
							FindingStatus.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5), rs.getString(6),
							rs.getString(7), rs.getString(8), difference == null ? null : difference.stripTrailingZeros(),
							rs.getString(10), rs.getString(11), rs.getString(12)));
				}, runId, area);
	}

	@Override
	public Map<Severity, Long> findingsBySeverity() {
		Map<Severity, Long> counts = new EnumMap<>(Severity.class);
		for (Severity severity : Severity.values()) {
			counts.put(severity, 0L);
		}
		jdbc.query("SELECT F.SEVERITY, COUNT(*) FROM RECON_FINDING F"
				+ " LEFT JOIN RECON_CONSTITUENCY C ON C.RUN_ID = F.RUN_ID AND C.CODE = F.CONSTITUENCY_CODE"
				+ " WHERE F.RUN_ID = ? AND (C.AREA = ? OR C.CODE IS NULL) GROUP BY F.SEVERITY",
				rs -> {
					counts.put(Severity.valueOf(rs.getString(1)), rs.getLong(2));
				}, runId, area);
		return counts;
	}

	@Override
	public void forEachRejectedRow(Consumer<RejectedRow> consumer) {
		jdbc.query("SELECT FILE_NAME, SHEET, ROW_NO, CELL, RAW_VALUE, REASON FROM RECON_REJECTED_ROW WHERE RUN_ID = ?"
				+ " ORDER BY SEQ", rs -> {
					consumer.accept(new RejectedRow(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
							rs.getString(5), rs.getString(6)));
				}, runId);
	}

	@Override
	public List<SourceFile> sourceFiles() {
		return jdbc.query("SELECT FILE_NAME, KIND, SHA256, BYTES, ROWS_READ, ROWS_ACCEPTED, ROWS_REJECTED,"
				+ " ROWS_OUT_OF_SCOPE, NOTES FROM RECON_SOURCE_FILE WHERE RUN_ID = ? ORDER BY SEQ",
				(rs, i) -> new SourceFile(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
						rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getString(9)),
				runId);
	}

	@Override
	public RunFacts runFacts() {
		return runFacts;
	}
}
