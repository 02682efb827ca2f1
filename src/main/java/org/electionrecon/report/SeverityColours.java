package org.electionrecon.report;

import java.util.HexFormat;

import org.apache.poi.ss.usermodel.ComparisonOperator;
import org.apache.poi.ss.usermodel.ConditionalFormattingRule;
import org.apache.poi.ss.usermodel.PatternFormatting;
import org.apache.poi.ss.usermodel.SheetConditionalFormatting;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFColor;
import org.electionrecon.model.Severity;

/**
 * What stands out on the sheets (report.md, "Navigation and print"): Findings rows filled by their
 * severity, non-zero Errors and Warnings counts filled as their severity, and a non-zero Difference
 * on Boxes. Written as conditional formatting (a rule per range, its fill a differential style in
 * styles.xml), which Excel and LibreOffice both show: no cell style is added per colour, and the
 * streamed rows are written as before.
 */
final class SeverityColours {

	/** The fills, as ARGB hex (opaque): light red, light amber, light blue. */
	static final String ERROR_FILL = "FFFFC7CE";

	static final String WARNING_FILL = "FFFFEB9C";

	static final String INFO_FILL = "FFDDEBF7";

	private SeverityColours() {
	}

	static String fill(Severity severity) {
		return switch (severity) {
			case ERROR -> ERROR_FILL;
			case WARNING -> WARNING_FILL;
			case INFO -> INFO_FILL;
		};
	}

	/**
	 * Each data row (below the header in row 1, to {@code lastRow}, 0-based) filled by the severity
	 * named in its column A.
	 */
	static void rowsBySeverity(SXSSFSheet sheet, int lastColumn, int lastRow) {
		SheetConditionalFormatting formatting = sheet.getSheetConditionalFormatting();
		CellRangeAddress[] rows = { new CellRangeAddress(1, Math.max(1, lastRow), 0, lastColumn) };
		ConditionalFormattingRule[] rules = new ConditionalFormattingRule[Severity.values().length];
		for (Severity severity : Severity.values()) {
			ConditionalFormattingRule rule = formatting
				.createConditionalFormattingRule("$A2=\"" + severity.name() + "\"");
			filled(rule, fill(severity));
			rules[severity.ordinal()] = rule;
		}
		formatting.addConditionalFormatting(rows, rules);
	}

	/** The cells of a column, from {@code firstRow} to {@code lastRow} (0-based), filled when above 0. */
	static void countAboveZero(SXSSFSheet sheet, int column, int firstRow, int lastRow, Severity severity) {
		highlight(sheet, column, firstRow, lastRow, ComparisonOperator.GT, fill(severity));
	}

	/** The cells of a column below the header filled when their number is not 0 (a blank cell is 0). */
	static void nonZero(SXSSFSheet sheet, int column, int lastRow, Severity severity) {
		highlight(sheet, column, 1, lastRow, ComparisonOperator.NOT_EQUAL, fill(severity));
	}

	private static void highlight(SXSSFSheet sheet, int column, int firstRow, int lastRow, byte operator,
			String argb) {
		SheetConditionalFormatting formatting = sheet.getSheetConditionalFormatting();
		ConditionalFormattingRule rule = formatting.createConditionalFormattingRule(operator, "0");
		filled(rule, argb);
		formatting.addConditionalFormatting(
				new CellRangeAddress[] { new CellRangeAddress(firstRow, Math.max(firstRow, lastRow), column, column) },
				rule);
	}

	private static void filled(ConditionalFormattingRule rule, String argb) {
		PatternFormatting pattern = rule.createPatternFormatting();
		pattern.setFillBackgroundColor(new XSSFColor(HexFormat.of().parseHex(argb)));
		pattern.setFillPattern(PatternFormatting.SOLID_FOREGROUND);
	}
}
