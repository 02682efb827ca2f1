package org.electionrecon.report;

import org.apache.poi.ss.usermodel.PageMargin;
import org.apache.poi.ss.usermodel.PrintSetup;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;

/**
 * How every sheet of the workbook prints (report.md, "Navigation and print"): A4 landscape, fitted
 * to the page width and as many pages tall as it needs, within narrow margins and with gridlines,
 * its first row repeated on every page (a Print_Titles name), and a footer naming the area and the run with "page N of M". All of it is
 * sheet-level setup that POI writes around the streamed rows, so the sheets still stream.
 */
final class PageLayout {

	/** The footer's page number: "page &P of &N" in the header/footer codes. */
	static final String PAGE_OF_PAGES = "page &P of &N";

	private static final double SIDE_MARGIN_INCHES = 0.3;

	private static final double TOP_BOTTOM_MARGIN_INCHES = 0.5;

	private static final double HEADER_FOOTER_MARGIN_INCHES = 0.2;

	private PageLayout() {
	}

	/**
	 * Sets up the sheet for printing.
	 *
	 * @param area the report area, shown on the left of the footer
	 * @param run the run's number, shown in the middle; {@code null} for a workbook without run facts
	 */
	static void apply(SXSSFSheet sheet, String area, Long run) {
		sheet.setFitToPage(true);
		sheet.setAutobreaks(true);
		PrintSetup setup = sheet.getPrintSetup();
		setup.setPaperSize(PrintSetup.A4_PAPERSIZE);
		setup.setLandscape(true);
		setup.setFitWidth((short) 1);
		setup.setFitHeight((short) 0);
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
		sheet.getFooter().setLeft(footerText(area));
		if (run != null) {
			sheet.getFooter().setCenter("Run " + run);
		}
		sheet.getFooter().setRight(PAGE_OF_PAGES);
	}

	/** Text as the footer shows it: an '&' starts a code there, so a literal one is doubled. */
	static String footerText(String text) {
		return text == null ? "" : text.replace("&", "&&");
	}
}
