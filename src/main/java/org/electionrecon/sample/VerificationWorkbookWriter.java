package org.electionrecon.sample;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.poi.ss.usermodel.BorderStyle;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.electionrecon.sample.BoxPlanner.Box;
import org.electionrecon.sample.SampleInputGenerator.PlantedVariance;
import org.electionrecon.sample.SampleInputGenerator.Seat;
import org.electionrecon.sample.SampleInputGenerator.Spec;

/**
 * Writes one council's verification workbook, one sheet per constituency:
 *
 * <pre>
 * 1  council title (A1:E1 merged)
 * 2  "Verification statement - UK Parliamentary general election, 4 July 2024" (A2:E2 merged)
 * 4  Constituency                 | name
 * 5  Electorate                   | 70,608
 * 6  Total ballot papers verified | 46,169
 * 7  Turnout                      | 65.39%  (0.6539, format 0.00%)
 * 9  Box no | Polling station | Type | Ballot papers issued | Ballot papers verified
 * 10.. one row per box
 *    Total  |                 |      | sum issued           | sum verified
 * </pre>
 *
 * Values only, never formulas; numbers as numeric cells. Streamed with a 100-row window.
 */
final class VerificationWorkbookWriter {

	static final String SUBTITLE = "Verification statement - UK Parliamentary general election, 4 July 2024";
	static final int WINDOW = 100;
	static final int FIRST_BOX_ROW = 9; // zero-based: row 10 in Excel
	/** Fixed document dates so regenerating gives the same document properties. */
	private static final Date DOCUMENT_DATE = new Date(1720137600000L); // 2024-07-05T00:00:00Z

	private final Spec spec;
	private final Map<String, List<PlantedVariance>> variancesByCode;

	VerificationWorkbookWriter(Spec spec, Map<String, List<PlantedVariance>> variancesByCode) {
		this.spec = spec;
		this.variancesByCode = variancesByCode;
	}

	/** @return the number of boxes written */
	long write(Path file, String title, List<Seat> seats) throws IOException {
		long boxCount = 0;
		try (SXSSFWorkbook wb = new SXSSFWorkbook(WINDOW)) {
			try {
				var props = wb.getXSSFWorkbook().getProperties().getCoreProperties();
				props.setCreated(Optional.of(DOCUMENT_DATE));
				props.setModified(Optional.of(DOCUMENT_DATE));
				props.setCreator("election-recon SampleInputGenerator");
				Styles styles = new Styles(wb);
				Set<String> sheetNames = new HashSet<>();
				for (Seat seat : seats) {
					List<Box> boxes = BoxPlanner.plan(seat.code(), seat.name(), seat.verified(), spec.minBoxes(),
							spec.maxBoxes(), spec.seed(), variancesByCode.getOrDefault(seat.code(), List.of()));
					writeSheet(wb, styles, uniqueSheetName(seat.name(), sheetNames), title, seat, boxes);
					boxCount += boxes.size();
				}
				try (OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file,
						java.nio.file.StandardOpenOption.CREATE_NEW))) {
					wb.write(out);
				}
			}
			finally {
				wb.dispose();
			}
		}
		return boxCount;
	}

	/** Excel sheet names are unique case-insensitively; a clash after the 31-character cut gets " (2)". */
	private static String uniqueSheetName(String seatName, Set<String> used) {
		String base = SampleInputGenerator.sheetName(seatName);
		String name = base;
		for (int k = 2; !used.add(name.toLowerCase(Locale.ROOT)); k++) {
			String suffix = " (" + k + ")";
			name = base.substring(0, Math.min(base.length(), 31 - suffix.length())) + suffix;
		}
		return name;
	}

	private static void writeSheet(SXSSFWorkbook wb, Styles st, String sheetName, String title, Seat seat,
			List<Box> boxes) {
		SXSSFSheet sheet = wb.createSheet(sheetName);
		sheet.setColumnWidth(0, 30 * 256);
		sheet.setColumnWidth(1, 44 * 256);
		sheet.setColumnWidth(2, 16 * 256);
		sheet.setColumnWidth(3, 22 * 256);
		sheet.setColumnWidth(4, 22 * 256);

		text(sheet.createRow(0), 0, title, st.title);
		sheet.addMergedRegion(new CellRangeAddress(0, 0, 0, 4));
		text(sheet.createRow(1), 0, SUBTITLE, st.subtitle);
		sheet.addMergedRegion(new CellRangeAddress(1, 1, 0, 4));

		Row r = sheet.createRow(3);
		text(r, 0, "Constituency", st.label);
		text(r, 1, seat.name(), null);
		r = sheet.createRow(4);
		text(r, 0, "Electorate", st.label);
		number(r, 1, seat.electorate(), st.integer);
		r = sheet.createRow(5);
		text(r, 0, "Total ballot papers verified", st.label);
		number(r, 1, seat.verified(), st.integer);
		r = sheet.createRow(6);
		text(r, 0, "Turnout", st.label);
		if (seat.electorate() > 0) {
			number(r, 1, Math.round(10_000.0 * seat.verified() / seat.electorate()) / 10_000.0, st.percent);
		}

		r = sheet.createRow(8);
		String[] header = { "Box no", "Polling station", "Type", "Ballot papers issued", "Ballot papers verified" };
		for (int c = 0; c < header.length; c++) {
			text(r, c, header[c], st.header);
		}
		sheet.createFreezePane(0, FIRST_BOX_ROW);

		int rowIndex = FIRST_BOX_ROW;
		long issued = 0;
		long verified = 0;
		for (Box b : boxes) {
			r = sheet.createRow(rowIndex++);
			text(r, 0, b.ref(), null);
			text(r, 1, b.station(), null);
			text(r, 2, b.typeLabel(), null);
			number(r, 3, b.issued(), st.integer);
			number(r, 4, b.verified(), st.integer);
			issued += b.issued();
			verified += b.verified();
		}
		r = sheet.createRow(rowIndex);
		text(r, 0, "Total", st.totalLabel);
		number(r, 3, issued, st.totalInteger);
		number(r, 4, verified, st.totalInteger);
	}

	private static void text(Row row, int col, String value, CellStyle style) {
		Cell c = row.createCell(col);
		c.setCellValue(value);
		if (style != null) {
			c.setCellStyle(style);
		}
	}

	private static void number(Row row, int col, double value, CellStyle style) {
		Cell c = row.createCell(col);
		c.setCellValue(value);
		c.setCellStyle(style);
	}

	/** Created once per workbook (Excel caps the number of styles). */
	private static final class Styles {
		final CellStyle title;
		final CellStyle subtitle;
		final CellStyle label;
		final CellStyle header;
		final CellStyle integer;
		final CellStyle percent;
		final CellStyle totalLabel;
		final CellStyle totalInteger;

		Styles(SXSSFWorkbook wb) {
			Font bold = wb.createFont();
			bold.setBold(true);
			Font big = wb.createFont();
			big.setBold(true);
			big.setFontHeightInPoints((short) 14);
			short intFormat = wb.createDataFormat().getFormat("#,##0");
			short pctFormat = wb.createDataFormat().getFormat("0.00%");

			title = wb.createCellStyle();
			title.setFont(big);
			subtitle = wb.createCellStyle();
			subtitle.setFont(bold);
			label = wb.createCellStyle();
			label.setFont(bold);
			header = wb.createCellStyle();
			header.setFont(bold);
			header.setBorderBottom(BorderStyle.THIN);
			header.setWrapText(true);
			integer = wb.createCellStyle();
			integer.setDataFormat(intFormat);
			percent = wb.createCellStyle();
			percent.setDataFormat(pctFormat);
			totalLabel = wb.createCellStyle();
			totalLabel.setFont(bold);
			totalLabel.setBorderTop(BorderStyle.THIN);
			totalInteger = wb.createCellStyle();
			totalInteger.setFont(bold);
			totalInteger.setBorderTop(BorderStyle.THIN);
			totalInteger.setDataFormat(intFormat);
		}
	}
}
