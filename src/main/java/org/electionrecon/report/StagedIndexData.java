package org.electionrecon.report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.electionrecon.model.ConstituencyFigures;
import org.electionrecon.model.FindingStatus;
import org.electionrecon.model.Severity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The index read from the staging tables, never from the area workbooks: each area's
 * constituencies by the same query as its workbook ({@link StagedAreaReport#constituencies()}), its
 * turnout by the Summary's own {@link SummarySheet.Totals}, and its findings selected as its
 * workbook's Findings sheet selects them, counted as the Summary counts them ({@link FindingTally}).
 */
final class StagedIndexData implements IndexData {

	private final JdbcTemplate jdbc;
	private final long runId;
	private final StagedRun run;

	/** @param run the run's report areas and what they show alike, as its area workbooks were written from */
	StagedIndexData(JdbcTemplate jdbc, StagedRun run) {
		this.jdbc = jdbc;
		this.run = run;
		this.runId = run.runId();
	}

	@Override
	public String election() {
		return run.election();
	}

	@Override
	public AreaReportData.RunFacts runFacts() {
		return run.runFacts();
	}

	@Override
	public void forEachArea(Consumer<Area> consumer) {
		StagedStatements staged = StagedStatements.read(jdbc, runId);
		for (String area : run.areas()) {
			consumer.accept(area(area, staged));
		}
	}

	/**
	 * The run's constituencies with a verification statement staged, and those with a declaration (a
	 * results row or a candidate row, as the reconciler takes it), read once for every area.
	 */
	private record StagedStatements(Set<String> verified, Set<String> declared) {

		static StagedStatements read(JdbcTemplate jdbc, long runId) {
			Set<String> verified = codes(jdbc, "RECON_VERIFICATION_SHEET", runId);
			Set<String> declared = codes(jdbc, "RECON_DECLARATION", runId);
			declared.addAll(codes(jdbc, "RECON_CANDIDATE", runId));
			return new StagedStatements(verified, declared);
		}

		private static Set<String> codes(JdbcTemplate jdbc, String table, long runId) {
			return new HashSet<>(jdbc.queryForList("SELECT DISTINCT CONSTITUENCY_CODE FROM " + table + " WHERE RUN_ID = ?",
					String.class, runId));
		}
	}

	private Area area(String area, StagedStatements staged) {
		List<ConstituencyFigures> seats = new StagedAreaReport(jdbc, run, area).constituencies();
		Map<String, CountNight.Receipts> receipts = run.receipts(area);
		Map<String, Integer> rows = new HashMap<>();
		List<Constituency> constituencies = new ArrayList<>(seats.size());
		for (int i = 0; i < seats.size(); i++) {
			ConstituencyFigures seat = seats.get(i);
			// row 1 of the sheet is its header; the first row with a code is the one linked
			rows.putIfAbsent(seat.code(), i + 2);
			// as its area's Summary shows it on count night
			CountNight.Seat night = CountNight.Seat.of(seat, receipts.getOrDefault(seat.code(), CountNight.Receipts.NONE));
			constituencies.add(new Constituency(seat.code(), seat.name(),
					Status.of(staged.verified().contains(seat.code()), staged.declared().contains(seat.code()),
							seat.errors(), seat.warnings()),
					seat.errors(), seat.warnings(), rows.get(seat.code()), night.receipts(), night.status()));
		}
		long[] open = new long[Severity.values().length];
		long[] explained = { 0 };
		// the findings of the area's Findings sheet (StagedAreaReport.forEachFinding): the area's
		// constituencies' and the run's findings of no constituency; open is anything not EXPLAINED
		jdbc.query("SELECT F.SEVERITY, F.STATUS, COUNT(*) FROM RECON_FINDING F"
				+ " LEFT JOIN RECON_CONSTITUENCY C ON C.RUN_ID = F.RUN_ID AND C.CODE = F.CONSTITUENCY_CODE"
				+ " WHERE F.RUN_ID = ? AND (C.AREA = ? OR C.CODE IS NULL) GROUP BY F.SEVERITY, F.STATUS", rs -> {
					long count = rs.getLong(3);
					if (FindingStatus.EXPLAINED.name().equals(rs.getString(2))) {
						explained[0] += count;
					}
					else {
						open[Severity.valueOf(rs.getString(1)).ordinal()] += count;
					}
				}, runId, area);
		return new Area(area, ReportWorkbookWriter.fileName(area), open[Severity.ERROR.ordinal()],
				open[Severity.WARNING.ordinal()], open[Severity.INFO.ordinal()], explained[0],
				SummarySheet.Totals.of(seats).turnout(), constituencies);
	}
}
