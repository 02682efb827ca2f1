package org.electionrecon.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.electionrecon.model.CheckCode;
import org.electionrecon.model.ConstituencyFigures;
import org.electionrecon.model.Severity;
import org.electionrecon.model.SourceFile;
import org.electionrecon.report.SheetWriter.SheetRow;

/** The Summary sheet: label/value rows, then two charts on pages of their own, then the tables they are drawn from. */
final class SummarySheet {

	static final String TURNOUT_SERIES = "Turnout 2024 %";

	static final String NOTIONAL_SERIES = "Notional 2019 turnout %";

	private static final String GAIN = " gain from ";

	private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

	private SummarySheet() {
	}

	/**
	 * @param seats the rows of the Constituencies sheet
	 * @param findings the Findings sheet's findings, as counted while it was written
	 * @param rejectedRows the rows of the Rejected rows sheet
	 */
	static void write(SheetWriter out, AreaReportData data, List<ConstituencyFigures> seats, FindingTally findings,
			long rejectedRows) {
		out.widths(40, 48, 26, 24, 30, 34);

		SheetRow row = labelled(out, "Area");
		out.text(row, 1, data.area());
		row = labelled(out, "Election");
		out.text(row, 1, data.election());
		AreaReportData.RunFacts facts = data.runFacts();
		if (facts != null) {
			// the run as status shows it: its number, start and end (Provenance has the rest)
			out.plainInteger(labelled(out, ReportWorkbookWriter.RUN), 1, facts.run());
			out.text(labelled(out, ReportWorkbookWriter.START), 1, AreaReportData.RunFacts.time(facts.start()));
			out.text(labelled(out, ReportWorkbookWriter.END), 1, AreaReportData.RunFacts.time(facts.end()));
		}

		partyTable(out, "Seats by party", "Seats", seatsByParty(seats));
		partyTable(out, "Gains by party", "Gains", gainsByParty(seats));

		out.blankRow();
		Totals totals = Totals.of(seats);
		out.header("Totals", "", "Over");
		row = labelled(out, "Constituencies");
		out.integer(row, 1, (long) seats.size());
		out.linkToSheet(row, 1, ReportWorkbookWriter.CONSTITUENCIES);
		out.text(row, 2, "every row of Constituencies");
		row = labelled(out, "Constituencies in the totals");
		out.integer(row, 1, (long) totals.constituencies());
		out.linkToSheet(row, 1, ReportWorkbookWriter.CONSTITUENCIES);
		out.text(row, 2, "those with an electorate and ballot papers verified");
		String over = "the " + totals.constituencies() + " constituencies in the totals";
		row = labelled(out, "Electorate");
		out.integer(row, 1, totals.electorate());
		out.text(row, 2, over);
		row = labelled(out, "Verified");
		out.integer(row, 1, totals.verified());
		out.text(row, 2, over);
		row = labelled(out, "Turnout %");
		out.percent(row, 1, totals.turnout());
		out.text(row, 2, "ballot papers verified / electorate × 100, over " + over);
		row = labelled(out, "Constituencies with a notional 2019 turnout");
		out.integer(row, 1, (long) totals.withBaseline());
		out.text(row, 2, "of the " + totals.constituencies() + " in the totals");
		row = labelled(out, "Turnout change (pts)");
		out.percent(row, 1, totals.turnoutChange());
		out.text(row, 2, "their turnout minus their notional 2019 turnouts weighted by electorate, over the "
				+ totals.withBaseline() + " with a notional 2019 turnout");

		out.blankRow();
		out.header("Findings by severity", "Open", "Explained", "All", "Open, in Constituencies",
				"Open, of no constituency here");
		long[] sums = new long[5];
		for (Severity severity : Severity.values()) {
			long[] counts = { findings.open(severity), findings.explained(severity),
					findings.open(severity) + findings.explained(severity), findings.openInConstituencies(severity),
					findings.open(severity) - findings.openInConstituencies(severity) };
			SheetRow severityRow = labelled(out, severity.name());
			counts(severityRow, out, counts, sums);
			linkCounts(severityRow, out, counts.length, ReportWorkbookWriter.FINDINGS);
			if (severity != Severity.INFO) {
				// the open count of errors and of warnings stands out when there are any
				SeverityColours.countAboveZero(out.sheet(), 1, severityRow.index(), severityRow.index(), severity);
			}
		}
		SheetRow allRow = labelled(out, "All");
		counts(allRow, out, sums, new long[5]);
		linkCounts(allRow, out, sums.length, ReportWorkbookWriter.FINDINGS);

		out.blankRow();
		out.header("Findings by check", "Open", "Explained", "All");
		for (CheckCode check : CheckCode.values()) {
			long open = findings.open(check);
			long explained = findings.explained(check);
			if (open + explained > 0) {
				SheetRow checkRow = labelled(out, check.name());
				counts(checkRow, out, new long[] { open, explained, open + explained }, new long[3]);
				linkCounts(checkRow, out, 3, ReportWorkbookWriter.FINDINGS);
			}
		}

		out.blankRow();
		List<SourceFile> files = data.sourceFiles();
		long ignored = files.stream().filter(f -> IGNORED.equals(f.kind())).count();
		out.header("Inputs", "", "Counted on");
		row = labelled(out, "Rejected rows");
		out.integer(row, 1, rejectedRows);
		out.linkToSheet(row, 1, ReportWorkbookWriter.REJECTED_ROWS);
		out.text(row, 2, "Rejected rows");
		row = labelled(out, "Files read");
		out.integer(row, 1, files.size() - ignored);
		out.linkToSheet(row, 1, ReportWorkbookWriter.PROVENANCE);
		out.text(row, 2, "Provenance (Kind other than ignored)");
		row = labelled(out, "Files unreadable");
		out.integer(row, 1, findings.open(CheckCode.SOURCE_UNREADABLE) + findings.explained(CheckCode.SOURCE_UNREADABLE));
		out.linkToSheet(row, 1, ReportWorkbookWriter.FINDINGS);
		out.text(row, 2, "Findings (SOURCE_UNREADABLE)");
		row = labelled(out, "Files ignored");
		out.integer(row, 1, ignored);
		out.linkToSheet(row, 1, ReportWorkbookWriter.PROVENANCE);
		out.text(row, 2, "Provenance (Kind ignored)");

		countNight(out, CountNight.seats(seats, data.receipts()));

		if (seats.isEmpty()) {
			return;
		}
		TurnoutChangeBand band = TurnoutChangeBand.of(seats, TurnoutChangeBand.recordedThreshold(facts));
		// each chart on a page of its own (rows left empty under it), then the tables they are drawn from
		int turnoutChart = chartPage(out);
		int changeChart = band.changes().isEmpty() ? -1 : chartPage(out);
		pageBreak(out);

		int turnoutHeader = out.nextRowIndex();
		out.header("Constituency", TURNOUT_SERIES, NOTIONAL_SERIES);
		for (ConstituencyFigures seat : seats) {
			row = out.row();
			out.text(row, 0, seat.name());
			out.percent(row, 1, seat.turnout());
			out.percent(row, 2, seat.notionalTurnout());
		}
		SummaryCharts.turnout(out.sheet(), turnoutChart, seats, turnoutHeader);

		out.blankRow();
		int changeHeader = changeTable(out, band);
		if (changeChart >= 0) {
			SummaryCharts.turnoutChange(out.sheet(), changeChart, band, changeHeader);
		}
	}

	/**
	 * Count night: how many seats are waiting, then each constituency's receipts and count status, in
	 * the order of the Constituencies sheet. With the label/value tables, before the charts' pages;
	 * kept to a row per constituency and three more, as Summary prints (a national area's 91 take
	 * about a page and a half more).
	 */
	private static void countNight(SheetWriter out, List<CountNight.Seat> seats) {
		out.blankRow();
		out.header("Count night", "Seats");
		SheetRow row = labelled(out, SEATS_WAITING);
		out.integer(row, 1, CountNight.count(seats, CountNight.CountStatus.WAITING));
		out.text(row, 2, "no verification statement or no declaration received yet");
		if (seats.isEmpty()) {
			return;
		}
		out.blankRow();
		out.header(COUNT_NIGHT_HEADERS.toArray(String[]::new));
		for (CountNight.Seat seat : seats) {
			row = out.row();
			out.text(row, 0, seat.name());
			out.text(row, 1, AreaReportData.RunFacts.time(seat.receipts().verification()));
			out.text(row, 2, AreaReportData.RunFacts.time(seat.receipts().declaration()));
			out.text(row, 3, seat.status().label());
		}
	}

	/** The label of the count of seats waiting, as the index's Areas sheet's Seats waiting takes it. */
	static final String SEATS_WAITING = "Seats waiting";

	/** The header of Summary's table of each constituency's receipts. */
	static final List<String> COUNT_NIGHT_HEADERS = List.of("Constituency", "Verification received",
			"Declaration received", "Count status");

	/**
	 * The turnout change table the change chart is drawn from: the median and the band's half-width
	 * with what they are, then the constituencies with a change, smallest first.
	 *
	 * @return the table header's row
	 */
	private static int changeTable(SheetWriter out, TurnoutChangeBand band) {
		if (band.changes().isEmpty()) {
			out.text(out.row(), 0, "No constituency has a turnout change against notional 2019: there is no chart of it");
			return -1;
		}
		SheetRow row = labelled(out, "Area median turnout change (pts)");
		out.decimal(row, 1, band.median());
		out.text(row, 2, "over the " + band.changes().size() + " constituencies with a turnout change against "
				+ "notional 2019, as TURNOUT_CHANGE_OUTLIER takes it");
		row = labelled(out, "Band (± pts from the median)");
		if (band.hasBand()) {
			long outside = band.changes().stream().filter(band::isOutside).count();
			out.decimal(row, 1, band.threshold());
			out.text(row, 2, TurnoutChangeBand.THRESHOLD_SETTING + " as the run recorded it; outside the band: "
					+ outside + " of the " + band.changes().size() + ", the TURNOUT_CHANGE_OUTLIER findings");
		}
		else {
			out.text(row, 2, "the run recorded no " + TurnoutChangeBand.THRESHOLD_SETTING + ": no band is drawn");
		}
		int header = out.nextRowIndex();
		out.header(SummaryCharts.CHANGE_HEADERS.toArray(String[]::new));
		for (ConstituencyFigures seat : band.changes()) {
			row = out.row();
			out.text(row, 0, seat.name());
			out.percent(row, 1, seat.turnoutChange());
			if (band.isOutside(seat)) {
				out.percent(row, 2, seat.turnoutChange());
			}
			out.decimal(row, 3, band.median());
			out.decimal(row, 4, band.low());
			out.decimal(row, 5, band.high());
		}
		return header;
	}

	/** Starts a page and leaves the rows of a chart empty on it; returns the chart's top row. */
	private static int chartPage(SheetWriter out) {
		pageBreak(out);
		int top = out.nextRowIndex();
		for (int i = 0; i < SummaryCharts.CHART_ROWS; i++) {
			out.blankRow();
		}
		return top;
	}

	/** A manual page break under the last row taken (or left empty), so the next row starts a page. */
	private static void pageBreak(SheetWriter out) {
		out.sheet().setRowBreak(out.nextRowIndex() - 1);
	}

	/** The kind of a file the ingest listed but never read (hidden, lock files, links, subfolders). */
	private static final String IGNORED = "ignored";

	/** Writes counts from column 1 on, adding each to {@code sums}. */
	private static void counts(SheetRow row, SheetWriter out, long[] counts, long[] sums) {
		for (int i = 0; i < counts.length; i++) {
			out.integer(row, i + 1, counts[i]);
			sums[i] += counts[i];
		}
	}

	/** Links the row's counts (columns 1 to {@code count}) to the sheet they count. */
	private static void linkCounts(SheetRow row, SheetWriter out, int count, String sheet) {
		for (int i = 1; i <= count; i++) {
			out.linkToSheet(row, i, sheet);
		}
	}

	private static SheetRow labelled(SheetWriter out, String label) {
		SheetRow row = out.row();
		out.text(row, 0, label);
		return row;
	}

	/** Seats won, by party, most first; a constituency with no computed winner (a tie) counts for none. */
	private static void partyTable(SheetWriter out, String title, String column, Map<String, Long> counts) {
		out.blankRow();
		out.header(title, column);
		counts.forEach((party, count) -> {
			SheetRow partyRow = out.row();
			out.text(partyRow, 0, party);
			out.integer(partyRow, 1, count);
		});
	}

	static Map<String, Long> seatsByParty(List<ConstituencyFigures> seats) {
		Map<String, Long> counts = new TreeMap<>();
		for (ConstituencyFigures seat : seats) {
			if (seat.party() != null && !seat.party().isBlank()) {
				counts.merge(seat.party(), 1L, Long::sum);
			}
		}
		return mostFirst(counts);
	}

	/** Gains by the gaining party: seats whose computed result reads "X gain from Y". */
	static Map<String, Long> gainsByParty(List<ConstituencyFigures> seats) {
		Map<String, Long> counts = new TreeMap<>();
		for (ConstituencyFigures seat : seats) {
			String result = seat.result();
			int at = result == null ? -1 : result.indexOf(GAIN);
			if (at < 0) {
				continue;
			}
			String party = seat.party() != null && !seat.party().isBlank() ? seat.party()
					: result.substring(0, at).trim();
			counts.merge(party, 1L, Long::sum);
		}
		return mostFirst(counts);
	}

	private static Map<String, Long> mostFirst(Map<String, Long> byName) {
		List<Map.Entry<String, Long>> entries = new ArrayList<>(byName.entrySet());
		entries.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
				.thenComparing(Map.Entry.comparingByKey()));
		Map<String, Long> ordered = new LinkedHashMap<>();
		entries.forEach(e -> ordered.put(e.getKey(), e.getValue()));
		return ordered;
	}

	/**
	 * The area's totals, over one set: the constituencies with an electorate (above 0) and ballot
	 * papers verified. A constituency without a verification statement (or whose statement could not
	 * be read) counts in neither Electorate nor Verified.
	 *
	 * @param constituencies how many constituencies are in the set
	 * @param electorate the sum of their electorates
	 * @param verified the sum of their ballot papers verified
	 * @param turnout verified / electorate × 100, rounded to 2 decimals
	 * @param withBaseline how many of them have a notional 2019 turnout
	 * @param turnoutChange like for like, over those with a notional 2019 turnout: their turnout
	 *     (sum verified / sum electorate) minus their notional turnouts weighted by 2024 electorate (the
	 *     model has no notional electorate)
	 */
	record Totals(int constituencies, long electorate, long verified, BigDecimal turnout, int withBaseline,
			BigDecimal turnoutChange) {

		static Totals of(List<ConstituencyFigures> seats) {
			int constituencies = 0;
			long electorate = 0;
			long verified = 0;
			int withBaseline = 0;
			long baselineElectorate = 0;
			long baselineVerified = 0;
			BigDecimal baselineWeighted = BigDecimal.ZERO;
			for (ConstituencyFigures seat : seats) {
				if (seat.electorate() == null || seat.verified() == null || seat.electorate() <= 0) {
					continue;
				}
				constituencies++;
				electorate += seat.electorate();
				verified += seat.verified();
				if (seat.notionalTurnout() != null) {
					withBaseline++;
					baselineElectorate += seat.electorate();
					baselineVerified += seat.verified();
					baselineWeighted = baselineWeighted
						.add(seat.notionalTurnout().multiply(BigDecimal.valueOf(seat.electorate())));
				}
			}
			BigDecimal turnout = electorate == 0 ? null
					: ratio(HUNDRED.multiply(BigDecimal.valueOf(verified)), electorate);
			BigDecimal change = baselineElectorate == 0 ? null
					: ratio(HUNDRED.multiply(BigDecimal.valueOf(baselineVerified)).subtract(baselineWeighted),
							baselineElectorate);
			return new Totals(constituencies, electorate, verified, turnout, withBaseline, change);
		}

		private static BigDecimal ratio(BigDecimal numerator, long denominator) {
			return numerator.divide(BigDecimal.valueOf(denominator), MathContext.DECIMAL64)
				.setScale(2, RoundingMode.HALF_UP);
		}
	}
}
