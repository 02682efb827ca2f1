package org.electionrecon.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.poi.common.usermodel.HyperlinkType;
import org.apache.poi.ss.SpreadsheetVersion;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFHyperlink;
import org.apache.poi.xssf.usermodel.XSSFRelation;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.electionrecon.model.Severity;
import org.electionrecon.report.SheetWriter.SheetRow;

/**
 * Writes the run's index workbook, {@code reconciliation-index.xlsx}, as report.md lays it out:
 * sheet Areas, a row per report area with its workbook's Summary counts and a link to the
 * workbook, and sheet Constituencies, a row per constituency of the run linking to its row in its
 * area's workbook. Streamed (SXSSF), the constituencies' links too, and written to a temporary file
 * that replaces the previous index only once complete, as the area workbooks are.
 */
public final class IndexWorkbookWriter {

	/** The index's file name; an area workbook's always ends in {@code -reconciliation.xlsx}, this one never. */
	public static final String FILE_NAME = "reconciliation-index.xlsx";

	static final String AREAS = "Areas";

	static final String CONSTITUENCIES = "Constituencies";

	/** report.md's columns, then count night's: the area's Summary's Seats waiting. */
	static final List<String> AREA_HEADERS = List.of("Area", "Workbook", "Constituencies", "Errors", "Warnings",
			"Info", "Explained", "Turnout %", SummarySheet.SEATS_WAITING);

	/** report.md's columns, then count night's, as the area's Summary shows them (CountNight). */
	static final List<String> CONSTITUENCY_HEADERS = List.of("Area", "Code", "Constituency", "Status", "Errors",
			"Warnings", "Verification received", "Declaration received", "Count status");

	/** What the footer names in place of an area. */
	static final String FOOTER = "Reconciliation index";

	/** The column whose cells link to the constituency's row in its area's workbook. */
	private static final int LINKED_COLUMN = CONSTITUENCY_HEADERS.indexOf("Constituency");

	/** Rows kept in memory per sheet; older ones are flushed to POI's temporary files. */
	private static final int ROW_WINDOW = 200;

	private final int lastRowIndex;

	public IndexWorkbookWriter() {
		this(SpreadsheetVersion.EXCEL2007.getLastRowIndex());
	}

	/** For tests: a sheet limit small enough to reach. */
	IndexWorkbookWriter(int lastRowIndex) {
		this.lastRowIndex = lastRowIndex;
	}

	/**
	 * Writes the index into {@code outputDir} (created if missing) and returns its path. If anything
	 * fails, the temporary file is removed and a previous index stays as it was.
	 */
	public Path write(IndexData data, Path outputDir) throws IOException {
		Objects.requireNonNull(data, "data");
		return WholeFile.write(outputDir.resolve(FILE_NAME), (out, temp) -> writeWorkbook(data, out));
	}

	private void writeWorkbook(IndexData data, OutputStream out) throws IOException {
		try (StreamingWorkbook workbook = new StreamingWorkbook(ROW_WINDOW)) {
			Path constituencyLinks = Files.createTempFile("index-links", ".xml");
			try {
				ReportStyles styles = new ReportStyles(workbook);
				SheetWriter areas = new SheetWriter(workbook.createStreamingSheet(AREAS), styles, lastRowIndex);
				SheetWriter constituencies = new SheetWriter(workbook.createStreamingSheet(CONSTITUENCIES), styles,
						lastRowIndex);
				areas.header(AREA_HEADERS.toArray(String[]::new));
				areas.widths(30, 52, 15, 9, 10, 8, 10, 10, 14);
				constituencies.header(CONSTITUENCY_HEADERS.toArray(String[]::new));
				constituencies.widths(30, 11, 34, 10, 8, 9, 21, 21, 13);
				XSSFSheet linkedSheet = workbook.getXSSFWorkbook().getSheet(CONSTITUENCIES);
				long links;
				try (Writer linksXml = Files.newBufferedWriter(constituencyLinks, StandardCharsets.UTF_8)) {
					links = writeRows(data, areas, constituencies, linkedSheet, linksXml);
				}
				if (links > 0) {
					workbook.streamLinks(constituencies.sheet(), constituencyLinks);
				}
				finish(areas, AREA_HEADERS);
				finish(constituencies, CONSTITUENCY_HEADERS);
				Long run = data.runFacts() == null ? null : data.runFacts().run();
				// every column prints, fitted to one page across and 64 rows a page, like an area's tables
				PageLayout.apply(areas, new PageLayout.Printout(AREA_HEADERS.size() - 1, 1, null, true), FOOTER, run);
				PageLayout.apply(constituencies, new PageLayout.Printout(CONSTITUENCY_HEADERS.size() - 1, 1, null, true),
						FOOTER, run);
				DocumentProperties.apply(workbook.getXSSFWorkbook(), title(data.election()), data.runFacts());
				workbook.write(out);
			}
			finally {
				workbook.dispose();
				Files.deleteIfExists(constituencyLinks);
			}
		}
	}

	/** "Reconciliation index: UK Parliamentary general election, 4 July 2024". */
	static String title(String election) {
		return election == null ? FOOTER : FOOTER + ": " + election;
	}

	/**
	 * Both sheets' rows, an area at a time; the constituencies' links into {@code linksXml}, each to
	 * its area workbook through one relationship of the sheet per workbook.
	 *
	 * @return the links written
	 */
	private static long writeRows(IndexData data, SheetWriter areas, SheetWriter constituencies,
			XSSFSheet linkedSheet, Writer linksXml) {
		Map<String, String> relationships = new HashMap<>();
		String linkedColumn = CellReference.convertNumToColString(LINKED_COLUMN);
		long[] links = { 0 };
		data.forEachArea(area -> {
			SheetRow row = areas.row();
			areas.text(row, 0, area.area());
			areas.text(row, 1, area.workbook());
			areas.integer(row, 2, (long) area.constituencies().size());
			areas.integer(row, 3, area.errors());
			areas.integer(row, 4, area.warnings());
			areas.integer(row, 5, area.info());
			areas.integer(row, 6, area.explained());
			areas.percent(row, 7, area.turnout());
			areas.integer(row, 8, area.seatsWaiting());
			linkToFile(areas, row, 1, area.workbook());
			for (IndexData.Constituency seat : area.constituencies()) {
				SheetRow seatRow = constituencies.row();
				constituencies.text(seatRow, 0, area.area());
				constituencies.text(seatRow, 1, seat.code());
				constituencies.text(seatRow, 2, seat.name());
				constituencies.text(seatRow, 3, seat.status().label());
				constituencies.integer(seatRow, 4, seat.errors());
				constituencies.integer(seatRow, 5, seat.warnings());
				constituencies.text(seatRow, 6, AreaReportData.RunFacts.time(seat.receipts().verification()));
				constituencies.text(seatRow, 7, AreaReportData.RunFacts.time(seat.receipts().declaration()));
				constituencies.text(seatRow, 8, seat.countStatus().label());
				String id = relationships.computeIfAbsent(area.workbook(), workbook -> linkedSheet.getPackagePart()
					.addExternalRelationship(workbook, XSSFRelation.SHEET_HYPERLINKS.getRelation())
					.getId());
				try {
					// as Excel writes a link to a cell of another workbook: the file by relationship, the cell as location
					linksXml.write("<hyperlink xmlns:r=\"" + StreamingWorkbook.RELATIONSHIPS_NAMESPACE + "\" ref=\"" + linkedColumn
							+ (seatRow.index() + 1) + "\" r:id=\"" + id + "\" location=\""
							+ SheetLinks.attribute(SheetWriter.sheetLocation(ReportWorkbookWriter.CONSTITUENCIES,
									"A" + seat.workbookRow()))
							+ "\"/>");
				}
				catch (IOException e) {
					throw new UncheckedIOException(e);
				}
				links[0]++;
			}
		});
		return links[0];
	}

	/** A link on a cell to a file of the same folder (the area's workbook, by its name). */
	private static void linkToFile(SheetWriter out, SheetRow row, int column, String fileName) {
		XSSFHyperlink link = (XSSFHyperlink) out.sheet().getWorkbook().getCreationHelper()
			.createHyperlink(HyperlinkType.FILE);
		link.setAddress(fileName);
		link.setCellReference(new CellReference(row.index(), column));
		out.sheet().addHyperlink(link);
	}

	/** Errors and Warnings light red and amber above 0, the header frozen, an autofilter over the table. */
	private static void finish(SheetWriter out, List<String> headers) {
		int lastRow = out.nextRowIndex() - 1;
		if (lastRow > 0) {
			SeverityColours.countAboveZero(out.sheet(), headers.indexOf("Errors"), 1, lastRow, Severity.ERROR);
			SeverityColours.countAboveZero(out.sheet(), headers.indexOf("Warnings"), 1, lastRow, Severity.WARNING);
		}
		out.frozenFilteredTable(headers.size() - 1, lastRow);
	}
}
