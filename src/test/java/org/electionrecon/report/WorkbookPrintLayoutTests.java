package org.electionrecon.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The written workbook's XML, read straight from the .xlsx (report.md, "Navigation and print"):
 * page setup, print titles and footer on every sheet, the document properties, and the fills that
 * make severities and differences stand out.
 */
class WorkbookPrintLayoutTests {

	private static final List<String> SHEETS = List.of("Summary", "Constituencies", "Boxes", "Findings", "Checks",
			"Rejected rows", "Provenance");

	/** The footer's codes: the area left, the run centre, the sheet's name (&A) and the page number right. */
	private static final String FOOTER = "&CRun 42&LStaffordshire and Cheshire&R&A, page &P of &N";

	/** Each sheet's pages across (fitToWidth) and tall (fitToHeight) for the fixture's few rows. */
	private static final Map<String, String> FITTED = Map.of("Summary", "fitToWidth=\"1\" fitToHeight=\"0\"",
			"Constituencies", "fitToWidth=\"2\" fitToHeight=\"1\"", "Boxes", "fitToWidth=\"1\" fitToHeight=\"1\"",
			"Findings", "fitToWidth=\"2\" fitToHeight=\"1\"", "Checks", "fitToWidth=\"1\" fitToHeight=\"1\"",
			"Rejected rows", "fitToWidth=\"1\" fitToHeight=\"1\"", "Provenance", "fitToWidth=\"2\" fitToHeight=\"1\"");

	/** The parts of the workbook written from {@link ReportWorkbookWriterTests.Fixture}, by name. */
	private static Map<String, String> parts;

	@BeforeAll
	static void writeWorkbook(@TempDir Path dir) throws IOException {
		Path report = new ReportWorkbookWriter().write(new ReportWorkbookWriterTests.Fixture(), dir);
		parts = new LinkedHashMap<>();
		try (ZipFile zip = new ZipFile(report.toFile())) {
			for (ZipEntry entry : zip.stream().toList()) {
				parts.put(entry.getName(),
						new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8));
			}
		}
	}

	@Test
	void shouldPrintEverySheetLandscapeFittedToThePageWidth() {
		for (String sheet : SHEETS) {
			String xml = worksheet(sheet);
			assertThat(xml).as(sheet)
				.containsPattern("^<\\?xml[^>]*>\\s*<worksheet[^>]*><sheetPr><pageSetUpPr fitToPage=\"true\""
						+ " autoPageBreaks=\"true\"/></sheetPr>")
				.contains("<printOptions gridLines=\"true\"/><pageMargins bottom=\"0.5\" footer=\"0.2\" header=\"0.2\""
						+ " left=\"0.3\" right=\"0.3\" top=\"0.5\"/><pageSetup paperSize=\"9\" orientation=\"landscape\" "
						+ FITTED.get(sheet) + "/>");
		}
	}

	@Test
	void shouldFootEveryPageWithTheAreaTheRunAndThePageNumber() {
		for (String sheet : SHEETS) {
			// POI writes the footer's text escaped or as CDATA: compare the text itself
			assertThat(elements(worksheet(sheet), "oddFooter")).as(sheet)
				.map(footer -> footer.replaceAll("</?oddFooter>|<!\\[CDATA\\[|]]>", "").replace("&amp;", "&"))
				.containsExactly(FOOTER);
			assertThat(elements(worksheet(sheet), "headerFooter")).as(sheet).hasSize(1);
		}
	}

	@Test
	void shouldWriteTheSheetsPartsInTheSchemasOrder() {
		List<String> order = List.of("<sheetPr>", "<dimension ", "<sheetViews>", "<cols>", "<sheetData>",
				"<autoFilter ", "<conditionalFormatting ", "<printOptions ", "<pageMargins ", "<pageSetup ", "<headerFooter>",
				"<rowBreaks ", "<drawing ");
		for (String sheet : SHEETS) {
			String xml = worksheet(sheet);
			List<String> present = order.stream().filter(xml::contains).toList();
			List<Integer> positions = present.stream().map(xml::indexOf).toList();
			assertThat(positions).as(sheet + ": " + present).isSorted();
		}
		// Summary's page breaks: each chart (rows 50 to 89 and 90 to 129, below the tables and the Count night section) prints on a page of its own
		assertThat(worksheet("Summary")).contains("</headerFooter><rowBreaks count=\"3\" manualBreakCount=\"3\">"
				+ "<brk id=\"49\" man=\"true\" max=\"16383\"/><brk id=\"89\" man=\"true\" max=\"16383\"/>"
				+ "<brk id=\"129\" man=\"true\" max=\"16383\"/></rowBreaks><drawing r:id=\"rId1\"/></worksheet>");
		assertThat(parts.get("xl/drawings/drawing1.xml")).contains("<xdr:from><xdr:col>0</xdr:col><xdr:colOff>0"
				+ "</xdr:colOff><xdr:row>49</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>5</xdr:col>"
				+ "<xdr:colOff>2040744</xdr:colOff><xdr:row>89</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>")
			.contains("<xdr:from><xdr:col>0</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>89</xdr:row><xdr:rowOff>0"
					+ "</xdr:rowOff></xdr:from><xdr:to><xdr:col>5</xdr:col><xdr:colOff>2040744</xdr:colOff><xdr:row>129"
					+ "</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>");
	}

	@Test
	void shouldRepeatTheHeaderRowOfEverySheetOnEveryPage() {
		// and Code and Constituency, or File, on the pages across of Constituencies and Provenance
		assertThat(all(Pattern.compile("<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"(\\d+)\">([^<]*)"
				+ "</definedName>"), parts.get("xl/workbook.xml"))).containsExactly("0 Summary!$1:$1",
						"1 Constituencies!$A:$B,Constituencies!$1:$1", "2 Boxes!$1:$1", "3 Findings!$1:$1",
						"4 Checks!$1:$1", "5 'Rejected rows'!$1:$1",
						"6 Provenance!$A:$A,Provenance!$1:$1");
	}

	@Test
	void shouldPrintTheColumnsAReaderNeedsOnPaper() {
		// Constituencies up to Info (not its four source columns), Boxes up to Difference (not Source),
		// the other tables whole, all their rows; Summary its used range, charts included
		assertThat(all(Pattern.compile("<definedName name=\"_xlnm.Print_Area\" localSheetId=\"(\\d+)\">([^<]*)"
				+ "</definedName>"), parts.get("xl/workbook.xml"))).containsExactly("1 Constituencies!$A$1:$Y$4",
						"2 Boxes!$A$1:$H$6", "3 Findings!$A$1:$L$7", "4 Checks!$A$1:$I$25",
						"5 'Rejected rows'!$A$1:$F$4", "6 Provenance!$A$1:$J$16");
		// down to each sheet's last row
		for (String sheet : SHEETS.subList(1, SHEETS.size())) {
			assertThat(all(Pattern.compile("<dimension ref=\"A1:[A-Z]+(\\d+)\"/>"), worksheet(sheet))).as(sheet)
				.containsExactly(all(Pattern.compile("localSheetId=\"" + SHEETS.indexOf(sheet) + "\">[^<]*![$]A[$]1:[$][A-Z]+[$](\\d+)<"),
						parts.get("xl/workbook.xml")).get(0));
		}
	}

	@Test
	void shouldFitALongSheetToSixtyFourRowsAPage() {
		PageLayout.Printout boxes = PageLayout.Printout.of("Boxes");
		assertThat(List.of(boxes.pagesTall(1), boxes.pagesTall(64), boxes.pagesTall(65), boxes.pagesTall(436),
				boxes.pagesTall(1_048_576))).containsExactly((short) 1, (short) 1, (short) 2, (short) 7, (short) 16_384);
		// Summary runs to the pages its charts' row breaks give it
		assertThat(PageLayout.Printout.of("Summary").pagesTall(436)).isZero();
	}

	@Test
	void shouldTitleTheWorkbookWithTheAreaTheElectionAndTheRun() {
		String core = parts.get("docProps/core.xml");
		assertThat(elements(core, "dc:title")).containsExactly("<dc:title>Staffordshire and Cheshire reconciliation: "
				+ "UK Parliamentary general election, 4 July 2024</dc:title>");
		assertThat(elements(core, "dc:subject")).containsExactly("<dc:subject>Reconciliation of declared results "
				+ "against verification and ballot paper accounts</dc:subject>");
		assertThat(elements(core, "cp:keywords")).containsExactly("<cp:keywords>run 42</cp:keywords>");
		assertThat(elements(core, "dc:creator")).containsExactly("<dc:creator>election-recon</dc:creator>");
		assertThat(elements(parts.get("docProps/app.xml"), "Application"))
			.containsExactly("<Application>election-recon</Application>");
		assertThat(parts.get("docProps/custom.xml")).contains("name=\"Run\"><vt:r8>42.0</vt:r8></property>");
		assertThat(parts.values()).noneMatch(xml -> xml.contains("Apache POI"));
	}

	@Test
	void shouldFillFindingsRowsBySeverity() {
		assertThat(rules(worksheet("Findings"))).containsExactly(
				"A2:L7 expression $A2=\"ERROR\" FFFFC7CE",
				"A2:L7 expression $A2=\"WARNING\" FFFFEB9C",
				"A2:L7 expression $A2=\"INFO\" FFDDEBF7");
	}

	@Test
	void shouldFillNonZeroErrorAndWarningCountsAndBoxDifferences() {
		assertThat(rules(worksheet("Constituencies"))).containsExactly("R2:R4 greaterThan 0 FFFFC7CE",
				"S2:S4 greaterThan 0 FFFFEB9C");
		// the open ERROR and WARNING counts of "Findings by severity"
		assertThat(rules(worksheet("Summary"))).containsExactly("B24 greaterThan 0 FFFFC7CE",
				"B25 greaterThan 0 FFFFEB9C");
		assertThat(worksheet("Summary")).contains("<row r=\"24\">\n<c r=\"A24\" s=\"2\" t=\"inlineStr\"><is><t>ERROR"
				+ "</t></is></c><c r=\"B24\" s=\"4\" t=\"n\"><v>3.0</v></c>")
			.contains("<row r=\"25\">\n<c r=\"A25\" s=\"2\" t=\"inlineStr\"><is><t>WARNING</t></is></c>"
					+ "<c r=\"B25\" s=\"4\" t=\"n\"><v>1.0</v></c>");
		assertThat(rules(worksheet("Boxes"))).containsExactly("H2:H6 notEqual 0 FFFFEB9C");
		for (String plain : List.of("Checks", "Rejected rows", "Provenance")) {
			assertThat(rules(worksheet(plain))).as(plain).isEmpty();
		}
	}

	@Test
	void shouldAddNoCellStyleForTheColours() {
		// the fills are the conditional formats' own (dxf); cells keep the workbook's few styles
		String styles = parts.get("xl/styles.xml");
		assertThat(all(Pattern.compile("<cellXfs count=\"(\\d+)\""), styles)).containsExactly("8");
		assertThat(all(Pattern.compile("<dxfs count=\"(\\d+)\""), styles)).containsExactly("8");
	}

	@Test
	void shouldDoubleAnAmpersandInTheFooterAndLeaveOutARunThereIsNot() throws IOException {
		try (StreamingWorkbook workbook = new StreamingWorkbook(10)) {
			SXSSFSheet sheet = workbook.createStreamingSheet("Boxes").sheet();

			PageLayout.apply(sheet, PageLayout.Printout.of("Boxes"), 0, "Tyne & Wear", null);

			// "&W" alone would be a code; "&&" is the ampersand itself
			assertThat(List.of(sheet.getFooter().getLeft(), sheet.getFooter().getCenter(),
					sheet.getFooter().getRight())).containsExactly("Tyne && Wear", "", "&A, page &P of &N");
			workbook.dispose();
		}
	}

	// ---- reading the parts -------------------------------------------------------------------

	@Test
	void shouldLinkTheSummarysCountsToTheSheetsTheyCount() {
		String summary = worksheet("Summary");
		List<String> links = new ArrayList<>();
		Matcher link = Pattern.compile("<hyperlink location=\"([^\"]+)\" ref=\"([A-Z]+)(\\d+)\"/>").matcher(summary);
		while (link.find()) {
			links.add(label(summary, link.group(3)) + ": " + link.group(2) + link.group(3) + " -> "
					+ link.group(1).replace("&apos;", "'"));
		}
		List<String> expected = new ArrayList<>();
		expected.addAll(linked("Constituencies", 15, 'B', 'B', "Constituencies"));
		expected.addAll(linked("Constituencies in the totals", 16, 'B', 'B', "Constituencies"));
		expected.addAll(linked("ERROR", 24, 'B', 'F', "Findings"));
		expected.addAll(linked("WARNING", 25, 'B', 'F', "Findings"));
		expected.addAll(linked("INFO", 26, 'B', 'F', "Findings"));
		expected.addAll(linked("All", 27, 'B', 'F', "Findings"));
		int checkRow = 30;
		for (String check : List.of("BOX_VARIANCE", "VERIFIED_TOTAL_MISMATCH", "TURNOUT_STATED_MISMATCH",
				"WINNER_MISMATCH", "NO_BASELINE", "SOURCE_UNREADABLE")) {
			expected.addAll(linked(check, checkRow++, 'B', 'D', "Findings"));
		}
		expected.addAll(linked("Rejected rows", 38, 'B', 'B', "Rejected rows"));
		expected.addAll(linked("Files read", 39, 'B', 'B', "Provenance"));
		expected.addAll(linked("Files unreadable", 40, 'B', 'B', "Findings"));
		expected.addAll(linked("Files ignored", 41, 'B', 'B', "Provenance"));
		assertThat(links).containsExactlyElementsOf(expected);
		// after the sheet's data and conditional formats, before its print settings (CT_Worksheet's order)
		assertThat(summary).containsPattern("</conditionalFormatting><hyperlinks><hyperlink [^>]*/>(<hyperlink [^>]*/>)*"
				+ "</hyperlinks><printOptions ");
	}

	@Test
	void shouldLinkEveryFindingsConstituencyToItsRowOnConstituencies() {
		String findings = worksheet("Findings");
		String constituencies = worksheet("Constituencies");
		List<String> links = new ArrayList<>();
		// the Constituency column's (the Box and Source columns' are WorkbookLinkTests')
		Matcher link = Pattern.compile("<hyperlink location=\"([^\"]+)\" ref=\"(E\\d+)\"/>").matcher(findings);
		while (link.find()) {
			links.add(link.group(2) + " -> " + link.group(1).replace("&apos;", "'"));
		}
		// every finding with a Constituency of a row on Constituencies, whose code is the finding's
		Map<String, Integer> rows = new LinkedHashMap<>();
		Matcher code = Pattern.compile("<c r=\"A(\\d+)\"[^>]*><is><t[^>]*>([^<]*)</t></is></c>").matcher(constituencies);
		while (code.find()) {
			rows.putIfAbsent(code.group(2), Integer.parseInt(code.group(1)));
		}
		List<String> expected = new ArrayList<>();
		Matcher named = Pattern.compile("<c r=\"E(\\d+)\"[^>]*><is><t[^>]*>[^<]+</t></is></c>").matcher(findings);
		while (named.find()) {
			String row = named.group(1);
			if (row.equals("1")) {
				continue; // the header
			}
			String findingCode = cellText(findings, "D" + row);
			assertThat(rows).as("E" + row).containsKey(findingCode);
			expected.add("E" + row + " -> 'Constituencies'!A" + rows.get(findingCode));
		}
		assertThat(expected).hasSize(5);
		assertThat(links).containsExactlyElementsOf(expected);
		assertThat(findings).containsPattern("</conditionalFormatting><hyperlinks><hyperlink [^>]*/>(<hyperlink [^>]*/>)*"
				+ "</hyperlinks><printOptions ");
	}

	/** The text of a cell written inline; fails when there is none. */
	private static String cellText(String sheetXml, String cell) {
		Matcher text = Pattern.compile("<c r=\"" + cell + "\"[^>]*><is><t[^>]*>([^<]*)</t></is></c>").matcher(sheetXml);
		assertThat(text.find()).as(cell).isTrue();
		return text.group(1);
	}

	/** The links expected on a Summary row's cells from column {@code first} to {@code last}. */
	private static List<String> linked(String label, int row, char first, char last, String sheet) {
		List<String> links = new ArrayList<>();
		for (char column = first; column <= last; column++) {
			links.add(label + ": " + column + row + " -> '" + sheet + "'!A1");
		}
		return links;
	}

	/** The text of column A in the sheet's row (1-based), unescaped. */
	private static String label(String sheetXml, String row) {
		Matcher cell = Pattern.compile("<c r=\"A" + row + "\"[^>]*><is><t[^>]*>([^<]*)</t></is></c>").matcher(sheetXml);
		assertThat(cell.find()).as("A" + row).isTrue();
		return cell.group(1).replace("&amp;", "&");
	}

	/** The sheet's XML, found through the workbook's relationships. */
	private static String worksheet(String name) {
		String workbook = parts.get("xl/workbook.xml");
		Matcher sheet = Pattern.compile("<sheet name=\"" + Pattern.quote(name) + "\" r:id=\"(rId\\d+)\"")
			.matcher(workbook);
		assertThat(sheet.find()).as(name).isTrue();
		Matcher target = Pattern.compile("Id=\"" + sheet.group(1) + "\" Target=\"([^\"]+)\"")
			.matcher(parts.get("xl/_rels/workbook.xml.rels"));
		assertThat(target.find()).as(name).isTrue();
		return parts.get("xl/" + target.group(1));
	}

	/**
	 * The sheet's conditional formats, one line per rule: its range, its type or operator, its
	 * formula, and the fill of its differential style in styles.xml.
	 */
	private static List<String> rules(String sheetXml) {
		List<String> fills = all(Pattern.compile("<dxf><fill><patternFill patternType=\"solid\"><bgColor rgb=\"(\\w+)\"/>"
				+ "</patternFill></fill></dxf>"), parts.get("xl/styles.xml"));
		List<String> rules = new ArrayList<>();
		Matcher format = Pattern.compile("<conditionalFormatting sqref=\"([^\"]+)\">(.*?)</conditionalFormatting>")
			.matcher(sheetXml);
		while (format.find()) {
			Matcher rule = Pattern.compile("<cfRule type=\"(\\w+)\"(?: operator=\"(\\w+)\")? dxfId=\"(\\d+)\""
					+ " priority=\"\\d+\"><formula>([^<]*)</formula></cfRule>").matcher(format.group(2));
			while (rule.find()) {
				String kind = rule.group(2) == null ? rule.group(1) : rule.group(2);
				rules.add(format.group(1) + " " + kind + " " + rule.group(4).replace("&quot;", "\"") + " "
						+ fills.get(Integer.parseInt(rule.group(3))));
			}
		}
		return rules;
	}

	/** Each occurrence of the element, whole. */
	private static List<String> elements(String xml, String element) {
		List<String> found = new ArrayList<>();
		Matcher matcher = Pattern.compile("<" + element + "(?:\\s[^>]*)?>.*?</" + element + ">").matcher(xml);
		while (matcher.find()) {
			found.add(matcher.group());
		}
		return found;
	}

	/** The matches' groups, joined by a space. */
	private static List<String> all(Pattern pattern, String text) {
		List<String> found = new ArrayList<>();
		Matcher matcher = pattern.matcher(text);
		while (matcher.find()) {
			List<String> groups = new ArrayList<>();
			for (int i = 1; i <= matcher.groupCount(); i++) {
				groups.add(matcher.group(i));
			}
			found.add(String.join(" ", groups));
		}
		return found;
	}
}
