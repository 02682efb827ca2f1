package org.electionrecon.report;

import java.util.HashMap;
import java.util.Map;

import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.DataFormat;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Workbook;

/**
 * The workbook's cell styles, created once and looked up by role: a workbook holds at most 64,000
 * styles, so a style per cell would break a large report.
 */
final class ReportStyles {

	/** Decimals beyond this are shown with the General format rather than a fixed one. */
	private static final int MAX_FIXED_DECIMALS = 4;

	private final Workbook workbook;

	private final DataFormat formats;

	final CellStyle header;

	final CellStyle text;

	/** Text that a spreadsheet program could take for a formula on re-entry: shown with a quote prefix. */
	final CellStyle quotedText;

	final CellStyle integer;

	/** Percentages and points, stored as numbers of percent (65.39). */
	final CellStyle percent;

	final CellStyle general;

	private final Map<Integer, CellStyle> decimals = new HashMap<>();

	ReportStyles(Workbook workbook) {
		this.workbook = workbook;
		this.formats = workbook.createDataFormat();
		Font bold = workbook.createFont();
		bold.setBold(true);
		this.header = workbook.createCellStyle();
		this.header.setFont(bold);
		this.text = withFormat("@");
		this.quotedText = withFormat("@");
		this.quotedText.setQuotePrefixed(true);
		this.integer = withFormat("#,##0");
		this.percent = withFormat("0.00");
		this.general = withFormat("General");
		this.decimals.put(0, integer);
		this.decimals.put(2, percent);
	}

	/**
	 * A number written as a source stated it: integers with thousands separators, decimals with as
	 * many places as it has (so a turnout stated to one decimal is not shown as two).
	 */
	CellStyle forScale(int scale) {
		if (scale <= 0) {
			return integer;
		}
		if (scale > MAX_FIXED_DECIMALS) {
			return general;
		}
		return decimals.computeIfAbsent(scale, s -> withFormat("0." + "0".repeat(s)));
	}

	private CellStyle withFormat(String format) {
		CellStyle style = workbook.createCellStyle();
		style.setDataFormat(formats.getFormat(format));
		return style;
	}
}
