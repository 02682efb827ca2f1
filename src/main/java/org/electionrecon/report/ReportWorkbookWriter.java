package org.electionrecon.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.poi.ss.SpreadsheetVersion;
import org.electionrecon.model.AreaFileName;
import org.electionrecon.model.BallotBox;
import org.electionrecon.model.ConstituencyFigures;
import org.electionrecon.model.RejectedRow;
import org.electionrecon.model.Severity;
import org.electionrecon.model.SourceFile;
import org.electionrecon.report.SheetWriter.SheetRow;

/**
 * Writes one report area's reconciliation workbook as report.md lays it out. The workbook is
 * streamed (SXSSF), so memory does not grow with the number of boxes, findings or rejected rows,
 * and it is written to a temporary file that replaces the previous report only once complete.
 */
public final class ReportWorkbookWriter {

	static final String SUMMARY = "Summary";

	static final String CONSTITUENCIES = "Constituencies";

	static final String BOXES = "Boxes";

	static final String FINDINGS = "Findings";

	static final String CHECKS = "Checks";

	static final String REJECTED_ROWS = "Rejected rows";

	static final String PROVENANCE = "Provenance";

	static final List<String> CONSTITUENCY_HEADERS = List.of("Code", "Constituency", "Electorate", "Verified",
			"Valid votes", "Rejected", "Turnout %", "Notional 2019 turnout %", "Turnout change (pts)", "Winner",
			"Party", "Votes", "Share %", "Majority", "Result", "Notional 2019 winner", "Swing (pts)", "Errors",
			"Warnings", "Turnout basis", "Valid-vote turnout %", "Runner-up party", "Majority %", "Boxes", "Info",
			"Electorate source", "Verified source", "Declaration source", "Notional source");

	static final List<String> BOX_HEADERS = List.of("Code", "Constituency", "Box", "Station", "Type", "Issued",
			"Verified", "Difference", "Source");

	static final List<String> FINDING_HEADERS = List.of("Severity", "Check", "Status", "Code", "Constituency", "Box",
			"Expected", "Actual", "Difference", "Message", "Source", "Note");

	static final List<String> REJECTED_ROW_HEADERS = List.of("File", "Sheet", "Row", "Cell", "Value", "Reason");

	static final List<String> PROVENANCE_HEADERS = List.of("File", "Kind", "SHA-256", "Bytes", "Rows read",
			"Rows accepted", "Rows rejected", "Notes", "Scope", "Rows out of scope");

	/** The run facts' labels on Summary and Provenance: the run number as status shows it, its start and end. */
	static final String RUN = "Run";

	static final String START = "Start";

	static final String END = "End";

	static final String REBUILT_AT = "Rebuilt at";

	/** Provenance's run fact for the links a sheet could not have (see {@link SheetLinks}). */
	static final String LINKS_NOT_WRITTEN = "Links not written";

	private static final String SUFFIX = "-reconciliation.xlsx";

	/**
	 * What {@link #write} (and {@link IndexWorkbookWriter#write}, for the index) names its temporary
	 * file: the workbook's name hidden, with 16 hex digits.
	 */
	private static final java.util.regex.Pattern TEMPORARY_FILE = java.util.regex.Pattern
		.compile("\\.(.+" + java.util.regex.Pattern.quote(SUFFIX) + "|"
				+ java.util.regex.Pattern.quote(IndexWorkbookWriter.FILE_NAME) + ")\\.tmp-[0-9a-f]{16}");

	/** Rows kept in memory per sheet; older ones are flushed to POI's temporary files. */
	private static final int ROW_WINDOW = 200;

	private final int lastRowIndex;

	public ReportWorkbookWriter() {
		this(SpreadsheetVersion.EXCEL2007.getLastRowIndex());
	}

	/** For tests: a sheet limit small enough to reach. */
	ReportWorkbookWriter(int lastRowIndex) {
		this.lastRowIndex = lastRowIndex;
	}

	/**
	 * Writes the area's workbook into {@code outputDir} (created if missing) and returns its path.
	 * If anything fails, the temporary file is removed and a previous report stays as it was.
	 *
	 * @throws IllegalStateException if a sheet would need more rows than Excel allows
	 */
	public Path write(AreaReportData data, Path outputDir) throws IOException {
		Objects.requireNonNull(data, "data");
		return WholeFile.write(outputDir.resolve(fileName(data.area())), (out, temp) -> {
			writeWorkbook(data, outputDir, out);
			finishedListener.finished(temp);
		});
	}

	/**
	 * Removes the temporary files a writer (of an area workbook or of the index) left in the folder
	 * when its process was killed before
	 * it could move them into place or remove them. Only names {@link #write} gives are touched,
	 * never another file; call it before this process writes, as nothing else writes there then.
	 *
	 * @return the files removed, in name order
	 */
	public static List<Path> removeLeftoverTemporaryFiles(Path outputDir) throws IOException {
		if (!Files.isDirectory(outputDir)) {
			return List.of();
		}
		List<Path> removed = new java.util.ArrayList<>();
		try (java.util.stream.Stream<Path> files = Files.list(outputDir)) {
			for (Path file : files.sorted().toList()) {
				if (TEMPORARY_FILE.matcher(file.getFileName().toString()).matches()
						&& Files.isRegularFile(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)
						&& Files.deleteIfExists(file)) {
					removed.add(file);
				}
			}
		}
		return removed;
	}

	/**
	 * The workbook's file name: the area in lower-case ASCII words joined by hyphens, then
	 * {@code -reconciliation.xlsx} ("Yorkshire and The Humber" gives
	 * {@code yorkshire-and-the-humber-reconciliation.xlsx}).
	 */
	public static String fileName(String area) {
		return AreaFileName.of(area);
	}

	/**
	 * @param outputDir the workbook's folder, which its links to the input files are relative to
	 */
	private void writeWorkbook(AreaReportData data, Path outputDir, OutputStream out) throws IOException {
		try (StreamingWorkbook workbook = new StreamingWorkbook(ROW_WINDOW)) {
			// the hyperlinks of the sheets that stream, written as their rows are (see StreamingWorkbook.streamLinks)
			List<SheetLinks> links = new java.util.ArrayList<>();
			try {
				ReportStyles styles = new ReportStyles(workbook);
				// the sheets in report.md's order; the Summary is filled last, from the counts of the
				// sheets as written, so that it agrees with them by construction
				SheetWriter summary = sheet(workbook, SUMMARY, styles);
				SheetWriter constituencies = sheet(workbook, CONSTITUENCIES, styles);
				SheetWriter boxes = sheet(workbook, BOXES, styles);
				SheetWriter findings = sheet(workbook, FINDINGS, styles);
				SheetWriter checks = sheet(workbook, CHECKS, styles);
				SheetWriter rejectedRows = sheet(workbook, REJECTED_ROWS, styles);
				SheetWriter provenance = sheet(workbook, PROVENANCE, styles);
				Path inputFolder = data.inputFolder();
				SourceLinks sources = inputFolder == null ? null : new SourceLinks(inputFolder, outputDir);
				List<ConstituencyFigures> seats = data.constituencies();
				writeConstituencies(constituencies, seats, links(workbook, constituencies, data.area(), links), sources);
				BoxRows boxRows = new BoxRows(data);
				writeBoxes(boxes, data, links(workbook, boxes, data.area(), links), sources, boxRows);
				FindingTally tally = new FindingTally(
						seats.stream().map(ConstituencyFigures::code).collect(java.util.stream.Collectors.toSet()));
				writeFindings(findings, data, tally, constituencyRows(seats), boxRows,
						links(workbook, findings, data.area(), links), sources);
				ChecksSheet.write(checks, data, tally);
				long rejected = writeRejectedRows(rejectedRows, data);
				writeProvenance(provenance, data, links);
				SummarySheet.write(summary, data, seats, tally, rejected);
				Long run = data.runFacts() == null ? null : data.runFacts().run();
				for (SheetWriter sheet : List.of(summary, constituencies, boxes, findings, checks, rejectedRows,
						provenance)) {
					PageLayout.apply(sheet, data.area(), run);
				}
				DocumentProperties.apply(workbook.getXSSFWorkbook(), data);
				workbook.write(out);
			}
			finally {
				workbook.dispose();
				for (SheetLinks sheetLinks : links) {
					sheetLinks.close();
				}
			}
		}
	}

	/** The streamed links of a sheet, removed with the others once the workbook is written. */
	private static SheetLinks links(StreamingWorkbook workbook, SheetWriter sheet, String area, List<SheetLinks> all)
			throws IOException {
		SheetLinks links = new SheetLinks(workbook, sheet.sheet(), area);
		all.add(links);
		return links;
	}

	private SheetWriter sheet(StreamingWorkbook workbook, String name, ReportStyles styles) {
		return new SheetWriter(workbook.createStreamingSheet(name), styles, lastRowIndex);
	}

	private static void writeConstituencies(SheetWriter out, List<ConstituencyFigures> seats, SheetLinks links,
			SourceLinks sources) throws IOException {
		out.header(CONSTITUENCY_HEADERS.toArray(String[]::new));
		// wide enough for each header, which prints in full (PageLayout fits these columns to two pages across)
		out.widths(11, 34, 12, 12, 12, 10, 11, 22, 20, 26, 8, 10, 9, 10, 22, 20, 12, 8, 9, 14, 19, 16, 11, 8, 8, 50, 60,
				80, 60);
		for (ConstituencyFigures seat : seats) {
			SheetRow row = out.row();
			out.text(row, 0, seat.code());
			out.text(row, 1, seat.name());
			out.integer(row, 2, seat.electorate());
			out.integer(row, 3, seat.verified());
			out.integer(row, 4, seat.validVotes());
			out.integer(row, 5, seat.rejected());
			out.percent(row, 6, seat.turnout());
			out.percent(row, 7, seat.notionalTurnout());
			out.percent(row, 8, seat.turnoutChange());
			out.text(row, 9, seat.winner());
			out.text(row, 10, seat.party());
			out.integer(row, 11, seat.winnerVotes());
			out.percent(row, 12, seat.share());
			out.integer(row, 13, seat.majority());
			out.text(row, 14, seat.result());
			out.text(row, 15, seat.notionalWinner());
			out.percent(row, 16, seat.swing());
			out.integer(row, 17, seat.errors());
			out.integer(row, 18, seat.warnings());
			out.text(row, 19, seat.turnoutBasis());
			out.percent(row, 20, seat.validVoteTurnout());
			out.text(row, 21, seat.runnerUpParty());
			out.percent(row, 22, seat.majorityPercent());
			out.integer(row, 23, seat.boxes());
			out.integer(row, 24, seat.infos());
			out.text(row, 25, seat.sources().electorate());
			out.text(row, 26, seat.sources().verified());
			out.text(row, 27, seat.sources().declaration());
			out.text(row, 28, seat.sources().notional());
			sourceLink(links, sources, row, 25, seat.sources().electorate());
			sourceLink(links, sources, row, 26, seat.sources().verified());
			sourceLink(links, sources, row, 27, seat.sources().declaration());
			sourceLink(links, sources, row, 28, seat.sources().notional());
		}
		links.finish();
		int lastRow = out.nextRowIndex() - 1;
		SeverityColours.countAboveZero(out.sheet(), CONSTITUENCY_HEADERS.indexOf("Errors"), 1, lastRow,
				Severity.ERROR);
		SeverityColours.countAboveZero(out.sheet(), CONSTITUENCY_HEADERS.indexOf("Warnings"), 1, lastRow,
				Severity.WARNING);
		out.frozenFilteredTable(CONSTITUENCY_HEADERS.size() - 1, out.nextRowIndex() - 1);
	}

	private static void writeBoxes(SheetWriter out, AreaReportData data, SheetLinks links, SourceLinks sources,
			BoxRows boxRows) throws IOException {
		out.header(BOX_HEADERS.toArray(String[]::new));
		out.widths(11, 34, 14, 34, 16, 10, 10, 11, 60);
		data.forEachBox(line -> {
			BallotBox box = line.box();
			SheetRow row = out.row();
			out.text(row, 0, box.constituencyCode());
			out.text(row, 1, line.constituencyName());
			out.text(row, 2, box.box());
			out.text(row, 3, box.station());
			out.text(row, 4, box.type() == null ? null : box.type().label());
			out.integer(row, 5, box.issued());
			out.integer(row, 6, box.verified());
			out.integer(row, 7, box.difference());
			String verified = Objects.toString(box.verifiedSource(), null);
			String issued = Objects.toString(box.issuedSource(), null);
			out.text(row, 8, boxSource(verified, issued));
			// the Source's first reference: the account's cell, when it has one
			sourceLink(links, sources, row, 8, issued != null && !issued.isBlank() ? issued : verified);
			boxRows.written(box.constituencyCode(), row.index());
		});
		links.finish();
		SeverityColours.nonZero(out.sheet(), BOX_HEADERS.indexOf("Difference"), out.nextRowIndex() - 1,
				Severity.WARNING);
		out.frozenFilteredTable(BOX_HEADERS.size() - 1, out.nextRowIndex() - 1);
	}

	/**
	 * The ballot paper account's cell and the verified papers', labelled in the order of the row's
	 * columns ({@code issued: ...; verified: ...}); one of them alone, or both in one cell, unlabelled.
	 */
	static String boxSource(String verified, String issued) {
		boolean hasVerified = verified != null && !verified.isBlank();
		boolean hasIssued = issued != null && !issued.isBlank();
		if (hasVerified && hasIssued && !verified.equals(issued)) {
			return "issued: " + issued + "; verified: " + verified;
		}
		return hasVerified ? verified : hasIssued ? issued : null;
	}

	/** A Source cell's link to the input file its (first) reference names, when it names one that exists. */
	private static void sourceLink(SheetLinks links, SourceLinks sources, SheetRow row, int column, String source) {
		SourceLinks.Target target = sources == null ? null : sources.of(source);
		if (target != null) {
			links.external(row.index(), column, target);
		}
	}

	/** Each constituency code's row on Constituencies (1-based, as a cell reference has it): the first with it. */
	private static Map<String, Integer> constituencyRows(List<ConstituencyFigures> seats) {
		Map<String, Integer> rows = new java.util.HashMap<>();
		for (int i = 0; i < seats.size(); i++) {
			// row 1 is the header
			rows.putIfAbsent(seats.get(i).code(), i + 2);
		}
		return rows;
	}

	/**
	 * Writes Findings, with its links: a finding's Constituency to its row on Constituencies, its Box
	 * to the box's row on Boxes, its Source to the input file.
	 */
	private static void writeFindings(SheetWriter out, AreaReportData data, FindingTally tally,
			Map<String, Integer> constituencyRows, BoxRows boxRows, SheetLinks links, SourceLinks sources)
			throws IOException {
		int constituencyColumn = FINDING_HEADERS.indexOf("Constituency");
		int boxColumn = FINDING_HEADERS.indexOf("Box");
		int sourceColumn = FINDING_HEADERS.indexOf("Source");
		out.header(FINDING_HEADERS.toArray(String[]::new));
		out.widths(10, 28, 11, 11, 30, 14, 14, 14, 11, 80, 60, 40);
		data.forEachFinding(finding -> {
			tally.add(finding);
			SheetRow row = out.row();
			out.text(row, 0, finding.severity() == null ? null : finding.severity().name());
			out.text(row, 1, finding.check() == null ? null : finding.check().name());
			out.text(row, 2, finding.status() == null ? null : finding.status().name());
			out.text(row, 3, finding.constituencyCode());
			out.text(row, 4, finding.constituencyName());
			out.text(row, 5, finding.box());
			out.figure(row, 6, finding.expected());
			out.figure(row, 7, finding.actual());
			out.decimal(row, 8, finding.difference());
			out.text(row, 9, finding.message());
			out.text(row, 10, finding.source());
			out.text(row, 11, finding.note());
			Integer target = finding.constituencyCode() == null ? null : constituencyRows.get(finding.constituencyCode());
			if (target != null && finding.constituencyName() != null && !finding.constituencyName().isEmpty()) {
				links.internal(row.index(), constituencyColumn, SheetWriter.sheetLocation(CONSTITUENCIES, "A" + target));
			}
			Integer boxRow = finding.box() == null || finding.box().isEmpty() ? null
					: boxRows.rowOf(finding.constituencyCode(), finding.box());
			if (boxRow != null) {
				links.internal(row.index(), boxColumn, SheetWriter.sheetLocation(BOXES, "A" + (boxRow + 1)));
			}
			sourceLink(links, sources, row, sourceColumn, finding.source());
		});
		links.finish();
		SeverityColours.rowsBySeverity(out.sheet(), FINDING_HEADERS.size() - 1, out.nextRowIndex() - 1);
		out.frozenFilteredTable(FINDING_HEADERS.size() - 1, out.nextRowIndex() - 1);
	}

	/** @return the rows written below the header */
	private static long writeRejectedRows(SheetWriter out, AreaReportData data) {
		out.header(REJECTED_ROW_HEADERS.toArray(String[]::new));
		out.widths(40, 20, 8, 8, 40, 60);
		int first = out.nextRowIndex();
		data.forEachRejectedRow((RejectedRow rejected) -> {
			SheetRow row = out.row();
			out.text(row, 0, rejected.file());
			out.text(row, 1, rejected.sheet());
			// Row 0 means the whole file (SourceRef.file): no row to show.
			if (rejected.row() > 0) {
				out.integer(row, 2, rejected.row());
			}
			out.text(row, 3, rejected.cell());
			out.text(row, 4, rejected.value());
			out.text(row, 5, rejected.reason());
		});
		out.frozenFilteredTable(REJECTED_ROW_HEADERS.size() - 1, out.nextRowIndex() - 1);
		return out.nextRowIndex() - first;
	}

	/**
	 * @param links the links of the sheets written before it: any a sheet left out (Excel's limit)
	 *     are recorded among the run facts, so the workbook itself says which cells have no link
	 */
	private static void writeProvenance(SheetWriter out, AreaReportData data, List<SheetLinks> links) {
		out.header(PROVENANCE_HEADERS.toArray(String[]::new));
		out.widths(44, 24, 66, 14, 12, 14, 14, 40, 12, 18);
		for (SourceFile file : data.sourceFiles()) {
			SheetRow row = out.row();
			out.text(row, 0, file.file());
			out.text(row, 1, file.kind());
			out.text(row, 2, file.sha256());
			out.integer(row, 3, file.bytes());
			out.integer(row, 4, file.rowsRead());
			out.integer(row, 5, file.rowsAccepted());
			out.integer(row, 6, file.rowsRejected());
			out.text(row, 7, file.notes());
			out.text(row, 8, data.scopeOf(file).label());
			out.integer(row, 9, file.rowsOutOfScope());
		}
		out.frozenFilteredTable(PROVENANCE_HEADERS.size() - 1, out.nextRowIndex() - 1);

		AreaReportData.RunFacts facts = data.runFacts();
		if (facts == null) {
			return;
		}
		out.blankRow();
		SheetRow row = out.row();
		out.text(row, 0, RUN);
		out.plainInteger(row, 1, facts.run());
		row = out.row();
		out.text(row, 0, START);
		out.text(row, 1, AreaReportData.RunFacts.time(facts.start()));
		row = out.row();
		out.text(row, 0, END);
		out.text(row, 1, AreaReportData.RunFacts.time(facts.end()));
		// paths, digests, times: shown as recorded, as text
		entries(facts.identity()).forEach((label, value) -> {
			SheetRow fact = out.row();
			out.text(fact, 0, label);
			out.text(fact, 1, value);
		});
		// a threshold is a number, so a numeric cell (report.md: no numbers as text); a list set to nothing says so
		entries(facts.settings()).forEach((name, value) -> {
			SheetRow setting = out.row();
			out.text(setting, 0, name);
			out.figure(setting, 1, value.isEmpty() ? "none" : value);
		});
		for (SheetLinks sheetLinks : links) {
			String leftOut = sheetLinks.leftOut();
			if (leftOut != null) {
				SheetRow linkRow = out.row();
				out.text(linkRow, 0, LINKS_NOT_WRITTEN);
				out.text(linkRow, 1, leftOut);
			}
		}
		row = out.row();
		out.text(row, 0, "Application version");
		out.text(row, 1, facts.applicationVersion());
		if (facts.rebuiltAt() != null) {
			// last, so that a rebuilt workbook reads as the run's own up to this line
			row = out.row();
			out.text(row, 0, REBUILT_AT);
			out.text(row, 1, AreaReportData.RunFacts.time(facts.rebuiltAt()));
		}
	}

	private static Map<String, String> entries(Map<String, String> map) {
		return map == null ? Map.of() : map;
	}

	/** Told of each finished temporary workbook before it replaces the report (the restart tests' full disk). */
	@FunctionalInterface
	public interface FinishedWorkbookListener {
		void finished(Path temp) throws IOException;
	}

	private FinishedWorkbookListener finishedListener = temp -> {
	};

	/** This writer, telling the listener of each finished workbook; set before any report is written. */
	public ReportWorkbookWriter notifying(FinishedWorkbookListener listener) {
		this.finishedListener = listener;
		return this;
	}
}
