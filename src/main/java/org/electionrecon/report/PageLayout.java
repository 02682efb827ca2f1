package org.electionrecon.report;

import org.apache.poi.ss.usermodel.PageMargin;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;

/**
 * How every sheet of the workbook prints (report.md, "Navigation and print"): A4 landscape within
 * narrow margins and with gridlines, fitted to its pages' width, its first row repeated on every
 * page (a Print_Titles name), and a footer naming the area, the run, the sheet and "page N of M".
 * What prints of each sheet is its {@link Printout}: the columns a reader needs on paper, readable
 * (at half size or more), in few pages. All of it is sheet-level setup that POI writes around the
 * streamed rows, so the sheets still stream.
 */
final class PageLayout {

	/** The footer's right part: the sheet's name and the page number, "Boxes, page 4 of 17". */
	static final String SHEET_AND_PAGE = "&A, page &P of &N";

	/**
	 * The rows a long sheet prints to a page at most: it is fitted to as many pages tall as these
	 * take, so that Boxes shrinks to about 55% (A4 landscape holds 35 rows at 100%) rather than
	 * running to twice the pages.
	 */
	static final int ROWS_PER_PAGE = 64;

	private static final double SIDE_MARGIN_INCHES = 0.3;

	private static final double TOP_BOTTOM_MARGIN_INCHES = 0.5;

	private static final double HEADER_FOOTER_MARGIN_INCHES = 0.2;

	private PageLayout() {
	}

	/**
	 * What of a sheet prints, and on how many pages across.
	 *
	 * @param lastColumn the last column printed (0-based): the columns after it stay on screen and in
	 * the file only; {@code -1} for no print area (the sheet's used range, its charts included)
	 * @param pagesWide the pages across that the printed columns are fitted to
	 * @param repeatedColumns the columns printed on the left of every page across ("A:B"), or {@code null}
	 * @param pagesTallByRows whether the sheet is fitted to {@link #ROWS_PER_PAGE} rows a page; otherwise
	 * it runs to as many pages tall as it needs at the scale its width gives
	 */
	record Printout(int lastColumn, int pagesWide, String repeatedColumns, boolean pagesTallByRows) {

		/** The printout of the workbook's sheet of that name. */
		static Printout of(String sheetName) {
			return switch (sheetName) {
				// label, value and chart together: the chart's own rows decide the pages
				case ReportWorkbookWriter.SUMMARY -> new Printout(-1, 1, null, false);
				// the four long source columns stay on screen; Code and Constituency start both pages across
				case ReportWorkbookWriter.CONSTITUENCIES ->
					new Printout(ReportWorkbookWriter.CONSTITUENCY_HEADERS.indexOf("Info"), 2, "A:B", true);
				// a box's figures; its Source (two cell references, up to 200 characters) stays on screen
				case ReportWorkbookWriter.BOXES ->
					new Printout(ReportWorkbookWriter.BOX_HEADERS.indexOf("Difference"), 1, null, true);
				// figures on the first page, Message, Source and Note on the second
				case ReportWorkbookWriter.FINDINGS ->
					new Printout(ReportWorkbookWriter.FINDING_HEADERS.size() - 1, 2, null, true);
				case ReportWorkbookWriter.CHECKS -> new Printout(ChecksSheet.HEADERS.size() - 1, 1, null, true);
				case ReportWorkbookWriter.REJECTED_ROWS ->
					new Printout(ReportWorkbookWriter.REJECTED_ROW_HEADERS.size() - 1, 1, null, true);
				case ReportWorkbookWriter.PROVENANCE ->
					new Printout(ReportWorkbookWriter.PROVENANCE_HEADERS.size() - 1, 2, "A:A", true);
				default -> new Printout(-1, 1, null, false);
			};
		}

		/** The pages tall to fit a sheet of that many rows to, {@code 0} for as many as it needs. */
		short pagesTall(int rows) {
			return pagesTallByRows ? (short) Math.min(Short.MAX_VALUE, (rows + ROWS_PER_PAGE - 1) / ROWS_PER_PAGE) : 0;
		}
	}

	/**
	 * Sets up the sheet for printing; called once its rows are all written.
	 *
	 * @param area the report area, shown on the left of the footer
	 * @param run the run's number, shown in the middle; {@code null} for a workbook without run facts
	 */
	static void apply(SheetWriter sheet, String area, Long run) {
		apply(sheet, Printout.of(sheet.sheet().getSheetName()), area, run);
	}

	/**
	 * Sets up the sheet for printing as the printout says (a sheet of another workbook than an area's,
	 * such as the index's); called once its rows are all written.
	 */
	static void apply(SheetWriter sheet, Printout printout, String area, Long run) {
		apply(sheet.sheet(), printout, sheet.nextRowIndex() - 1, area, run);
	}

	/**
	 * Sets up the sheet for printing.
	 *
	 * @param lastRow the sheet's last row (0-based): the rows are streamed, so the sheet cannot say
	 */
	static void apply(SXSSFSheet sheet, Printout printout, int lastRow, String area, Long run) {
		sheet.setFitToPage(true);
		sheet.setAutobreaks(true);
		PrintSetup setup = sheet.getPrintSetup();
		setup.setPaperSize(PrintSetup.A4_PAPERSIZE);
		setup.setLandscape(true);
		setup.setFitWidth((short) printout.pagesWide());
		setup.setFitHeight(printout.pagesTall(Math.max(1, lastRow + 1)));
		// narrow margins leave more of the width to the columns, so the fitted sheet shrinks less
		sheet.setMargin(PageMargin.LEFT, SIDE_MARGIN_INCHES);
		sheet.setMargin(PageMargin.RIGHT, SIDE_MARGIN_INCHES);
		sheet.setMargin(PageMargin.TOP, TOP_BOTTOM_MARGIN_INCHES);
		sheet.setMargin(PageMargin.BOTTOM, TOP_BOTTOM_MARGIN_INCHES);
		sheet.setMargin(PageMargin.HEADER, HEADER_FOOTER_MARGIN_INCHES);
		sheet.setMargin(PageMargin.FOOTER, HEADER_FOOTER_MARGIN_INCHES);
		// a row is followed across a shrunk page by its gridlines
		sheet.setPrintGridlines(true);
		sheet.setRepeatingRows(CellRangeAddress.valueOf("1:1"));
		if (printout.repeatedColumns() != null) {
			sheet.setRepeatingColumns(CellRangeAddress.valueOf(printout.repeatedColumns()));
		}
		if (printout.lastColumn() >= 0) {
			// a print area also keeps a long last text from running on to the right of the page
			sheet.getWorkbook().setPrintArea(sheet.getWorkbook().getSheetIndex(sheet), 0, printout.lastColumn(), 0,
					Math.max(0, lastRow));
		}
		sheet.getFooter().setLeft(footerText(area));
		if (run != null) {
			sheet.getFooter().setCenter("Run " + run);
		}
		sheet.getFooter().setRight(SHEET_AND_PAGE);
	}

	/** Text as the footer shows it: an '&' starts a code there, so a literal one is doubled. */
	static String footerText(String text) {
		return text == null ? "" : text.replace("&", "&&");
	}
}
