package org.electionrecon.report;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.electionrecon.model.BallotBox;
import org.electionrecon.model.CheckCode;
import org.electionrecon.model.CheckEvaluation;
import org.electionrecon.model.ConstituencyFigures;
import org.electionrecon.model.FigureSources;
import org.electionrecon.model.Finding;
import org.electionrecon.model.FindingStatus;
import org.electionrecon.model.RejectedRow;
import org.electionrecon.model.Severity;
import org.electionrecon.model.SourceFile;
import org.electionrecon.staging.BoxBlockCodec;
import org.electionrecon.staging.CheckCountsText;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * One area's report read from the staging tables. Boxes, findings and rejected rows are streamed
 * from the database row by row, never collected. What every area of the run shows alike (the input
 * files, the run-wide checks, each constituency's open findings) comes from the run's
 * {@link StagedRun}, read once.
 */
public class StagedAreaReport implements AreaReportData {

	static final String SEVERITY_ORDER = "CASE F.SEVERITY WHEN 'ERROR' THEN 0 WHEN 'WARNING' THEN 1 ELSE 2 END";

	private final JdbcTemplate jdbc;
	private final long runId;
	private final String area;
	private final StagedRun run;

	/** @param run what the run's areas show alike, read once for all of them */
	StagedAreaReport(JdbcTemplate jdbc, StagedRun run, String area) {
		this.jdbc = jdbc;
		this.run = run;
		this.runId = run.runId();
		this.area = area;
	}

	@Override
	public String area() {
		return area;
	}

	@Override
	public String election() {
		return run.election();
	}

	@Override
	public List<ConstituencyFigures> constituencies() {
		return jdbc.query("SELECT CODE, NAME, AREA, ELECTORATE, VERIFIED, VALID_VOTES, REJECTED, TURNOUT, TURNOUT_BASIS,"
				+ " VALID_VOTE_TURNOUT, NOTIONAL_TURNOUT, TURNOUT_CHANGE, WINNER, PARTY, WINNER_VOTES, SHARE, RUNNER_UP_PARTY,"
				+ " MAJORITY, MAJORITY_PERCENT, RESULT_LABEL, NOTIONAL_WINNER, SWING, BOXES, ELECTORATE_SOURCE,"
				+ " VERIFIED_SOURCE, DECLARATION_SOURCE, NOTIONAL_SOURCE, TURNOUT_SOURCE FROM RECON_FIGURES"
				+ " WHERE RUN_ID = ? AND AREA = ? ORDER BY NAME, CODE", (rs, i) -> {
					Map<Severity, Integer> bySeverity = run.openFindings(rs.getString(1));
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

	@Override
	public Map<String, CountNight.Receipts> receipts() {
		return run.receipts(area);
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
					BoxBlockCodec.decode(rs.getString(1), rs.getBytes(3), box -> consumer.accept(new BoxLine(name, box)));
				}, runId, area);
	}

	/** The constituency's blocks alone, in the order of {@link #forEachBox}. */
	@Override
	public void forEachBoxOf(String constituencyCode, Consumer<BallotBox> consumer) {
		jdbc.query("SELECT B.DATA FROM RECON_BOX_BLOCK B WHERE B.RUN_ID = ? AND B.CONSTITUENCY_CODE = ? ORDER BY B.SEQ",
				rs -> {
					BoxBlockCodec.decode(constituencyCode, rs.getBytes(1), consumer);
				}, runId, constituencyCode);
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

	/**
	 * The constituency-level checks summed over the area's constituencies (as the reconciler counted
	 * them), TURNOUT_CHANGE_OUTLIER over the area, and the run-wide checks over the run's folders
	 * and files. A reason a check was not evaluated is given with the number of constituencies it
	 * applies to, most first.
	 */
	@Override
	public Map<CheckCode, CheckEvaluation> checkEvaluations() {
		Map<CheckCode, long[]> counts = new EnumMap<>(CheckCode.class);
		Map<CheckCode, Map<String, Long>> constituenciesByReason = new EnumMap<>(CheckCode.class);
		// the join starts from the area's constituencies (RECON_FIGURES_RUN: RUN_ID, AREA, CODE) and looks up
		// their rows by key: HSQLDB joins in the order written, and starting from the run's check counts
		// would read all of them, and every constituency of the run for each, once per area
		jdbc.query("SELECT K.CHECK_COUNTS, K.INPUT_REVISED_COUNTS FROM RECON_FIGURES F"
				+ " JOIN RECON_CHECK_COUNT K ON K.RUN_ID = F.RUN_ID AND K.CONSTITUENCY_CODE = F.CODE"
				+ " WHERE F.RUN_ID = ? AND F.AREA = ?", rs -> {
					for (int column = 1; column <= 2; column++) {
						for (CheckEvaluation e : CheckCountsText.parse(rs.getString(column))) {
							long[] sums = counts.computeIfAbsent(e.check(), c -> new long[2]);
							sums[0] += e.evaluated();
							sums[1] += e.failed();
							if (e.evaluated() == 0 && e.notEvaluatedBecause() != null) {
								constituenciesByReason.computeIfAbsent(e.check(), c -> new HashMap<>())
									.merge(e.notEvaluatedBecause(), 1L, Long::sum);
							}
						}
					}
				}, runId, area);
		// each check's reasons with the number of constituencies each applies to, most first, then by reason
		Map<CheckCode, List<String>> reasons = new EnumMap<>(CheckCode.class);
		constituenciesByReason.forEach((check, byReason) -> reasons.put(check, byReason.entrySet().stream()
			.sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
			.map(reason -> reason.getKey() + " for " + constituencies(reason.getValue()))
			.toList()));

		long withChange = count("SELECT COUNT(*) FROM RECON_FIGURES WHERE RUN_ID = ? AND AREA = ?"
				+ " AND TURNOUT_CHANGE IS NOT NULL", runId, area);
		long withoutChange = count("SELECT COUNT(*) FROM RECON_FIGURES WHERE RUN_ID = ? AND AREA = ?"
				+ " AND TURNOUT_CHANGE IS NULL", runId, area);
		long outliers = count("SELECT COUNT(DISTINCT F.CONSTITUENCY_CODE) FROM RECON_FIGURES C"
				+ " JOIN RECON_FINDING F ON F.RUN_ID = C.RUN_ID AND F.CONSTITUENCY_CODE = C.CODE"
				+ " WHERE C.RUN_ID = ? AND C.AREA = ? AND F.CHECK_CODE = ?", runId, area,
				CheckCode.TURNOUT_CHANGE_OUTLIER.name());
		counts.put(CheckCode.TURNOUT_CHANGE_OUTLIER, new long[] { withChange, outliers });
		if (withoutChange > 0) {
			reasons.put(CheckCode.TURNOUT_CHANGE_OUTLIER,
					List.of("no turnout change against notional 2019 for " + constituencies(withoutChange)));
		}

		// the run-wide checks: over the run's folders and files, as every area's Findings lists them
		run.putRunWideChecks(counts, reasons);

		Map<CheckCode, CheckEvaluation> evaluations = new EnumMap<>(CheckCode.class);
		for (CheckCode check : CheckCode.values()) {
			long[] c = counts.getOrDefault(check, new long[2]);
			List<String> why = reasons.get(check);
			evaluations.put(check, new CheckEvaluation(check, Math.toIntExact(c[0]), Math.toIntExact(c[1]),
					why == null ? null : String.join("; ", why)));
		}
		return evaluations;
	}

	private static String constituencies(long n) {
		return n + (n == 1 ? " constituency" : " constituencies");
	}

	private long count(String sql, Object... args) {
		Long n = jdbc.queryForObject(sql, Long.class, args);
		return n == null ? 0 : n;
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
		return run.sourceFiles().stream().filter(file -> run.fileAreas().scope(file, area) != null).toList();
	}

	@Override
	public FileScope scopeOf(SourceFile file) {
		return run.fileAreas().scope(file, area);
	}

	@Override
	public RunFacts runFacts() {
		return run.runFacts();
	}
}
