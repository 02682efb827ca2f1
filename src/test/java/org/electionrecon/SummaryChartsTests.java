package org.electionrecon;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.electionrecon.run.ExitCodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Summary's charts in the sample's workbook (report.md, "Summary" and "Navigation and print"),
 * read from the chart and drawing parts of the .xlsx: the turnout change chart's series, categories,
 * sorted values, median and band, its outliers against the TURNOUT_CHANGE_OUTLIER findings, the
 * plain numeric cells it is drawn from, and the row breaks that keep each chart on one page. The
 * sample has no outlier at the default threshold of 5 points; a run of it at 2 points has four.
 */
class SummaryChartsTests {

	private static final String CHANGE_TITLE = "Turnout change against notional 2019, sorted: the area median";

	private static final List<String> CHANGE_SERIES = List.of("Turnout change (pts)", "Outside the band (pts)",
			"Area median change (pts)", "Band low (pts)", "Band high (pts)");

	/** The sample's 14 changes, smallest first, as the Constituencies sheet has them. */
	private static final List<String> SAMPLE_BY_CHANGE = List.of("Stoke-on-Trent Central", "Newcastle-under-Lyme",
			"Stoke-on-Trent South", "Stoke-on-Trent North", "Kingswinford and South Staffordshire", "Stafford",
			"Lichfield", "Tamworth", "Burton and Uttoxeter", "Crewe and Nantwich", "Cannock Chase",
			"Stone, Great Wyrley and Penkridge", "Staffordshire Moorlands", "Congleton");

	/**
	 * The rows of a page of Summary: A4 landscape (595 pt tall) less 0.5 in margins top and bottom is
	 * 523 pt; the columns A to F (202 characters, about 1,417 px or 1,063 pt) fitted to the 799 pt
	 * between the side margins print at 75 %, so a page holds 697 pt of the sheet: 46 rows of 15 pt,
	 * one of them the repeated first row.
	 */
	private static final int ROWS_A_PAGE_HOLDS_UNDER_THE_TITLE_ROW = 45;

	@Nested
	@TestInstance(TestInstance.Lifecycle.PER_CLASS)
	class AtTheDefaultThreshold {

		private Charted sample;

		@BeforeAll
		void run(@TempDir Path output) throws Exception {
			sample = Charted.run(output);
		}

		@AfterAll
		void close() throws Exception {
			sample.report().close();
		}

		@Test
		void shouldChartTheChangesSortedWithTheMedianAndTheBand() {
			Chart change = sample.chart(CHANGE_TITLE);
			assertThat(change.title()).isEqualTo("Turnout change against notional 2019, sorted: the area median "
					+ "(-6.19 pts) and the TURNOUT_CHANGE_OUTLIER band (± 5 pts)");
			assertThat(change.barSeries()).containsExactly(CHANGE_SERIES.get(0), CHANGE_SERIES.get(1));
			assertThat(change.lineSeries()).containsExactly(CHANGE_SERIES.get(2), CHANGE_SERIES.get(3),
					CHANGE_SERIES.get(4));
			assertThat(change.series()).hasSize(5);
			// one category per constituency with a change: all 14 of the sample, named as on Constituencies
			assertThat(change.categories()).containsExactlyElementsOf(SAMPLE_BY_CHANGE);
			assertThat(change.categories()).hasSize(sample.constituencies().size());

			List<BigDecimal> changes = change.values(0);
			assertThat(changes).isSorted().containsExactlyElementsOf(sample.changesSorted());
			assertThat(changes.get(0)).isEqualByComparingTo("-9.61");
			assertThat(changes.get(13)).isEqualByComparingTo("-3.58");

			// the median of the Constituencies sheet's 14 changes: (-6.28 + -6.10) / 2
			BigDecimal median = median(sample.changesSorted());
			assertThat(median).isEqualByComparingTo("-6.19");
			assertThat(change.values(2)).hasSize(14).allSatisfy(v -> assertThat(v).isEqualByComparingTo(median));
			assertThat(change.values(3)).hasSize(14).allSatisfy(v -> assertThat(v).isEqualByComparingTo("-11.19"));
			assertThat(change.values(4)).hasSize(14).allSatisfy(v -> assertThat(v).isEqualByComparingTo("-1.19"));

			// no change is 5 points from the median: the outliers' series has no point, as Findings has none
			assertThat(change.pointsOf(1)).isEmpty();
			assertThat(sample.outlierFindings()).isEmpty();
		}

		@Test
		void shouldKeepTheChartOfTurnoutAgainstNotionalTurnout() {
			Chart turnout = sample.chart("Turnout 2024 against notional 2019");
			assertThat(turnout.title()).isEqualTo("Turnout 2024 against notional 2019");
			assertThat(turnout.barSeries()).containsExactly("Turnout 2024 %", "Notional 2019 turnout %");
			assertThat(turnout.categories()).hasSize(14).startsWith("Burton and Uttoxeter", "Cannock Chase");
			assertThat(turnout.values(0).get(7)).isEqualByComparingTo("65.39");
			assertThat(turnout.values(1).get(7)).isEqualByComparingTo("72.7");
		}

		@Test
		void shouldDrawTheChartFromPlainNumericCellsUnderALabelledHeader() {
			Chart change = sample.chart(CHANGE_TITLE);
			Sheet summary = sample.report().sheet("Summary");
			int header = rowLabelled(summary, "Constituency, by turnout change");
			assertThat(texts(summary.getRow(header))).containsExactly("Constituency, by turnout change",
					"Turnout change (pts)", "Outside the band (pts)", "Area median change (pts)", "Band low (pts)",
					"Band high (pts)");
			// the 14 rows under the header (1-based rows header + 2 to header + 15)
			List<String> columns = List.of("A", "B", "C", "D", "E", "F");
			assertThat(change.references()).containsExactlyElementsOf(columns.stream()
				.map(c -> "Summary!$" + c + "$" + (header + 2) + ":$" + c + "$" + (header + 15))
				.toList());
			for (int r = header + 1; r <= header + 14; r++) {
				Row row = summary.getRow(r);
				assertThat(row.getCell(0).getCellType()).isEqualTo(CellType.STRING);
				assertThat(row.getCell(0).getStringCellValue()).isEqualTo(SAMPLE_BY_CHANGE.get(r - header - 1));
				for (int c : new int[] { 1, 3, 4, 5 }) {
					assertThat(row.getCell(c).getCellType()).as(row.getCell(c).getAddress().toString())
						.isEqualTo(CellType.NUMERIC);
				}
				assertThat(row.getCell(2)).as("no outlier at 5 points").isNull();
			}
			assertThat(summary.getRow(header + 1).getCell(1).getNumericCellValue()).isEqualTo(-9.61);
			assertThat(summary.getRow(header + 1).getCell(3).getNumericCellValue()).isEqualTo(-6.19);
			assertThat(summary.getRow(header + 1).getCell(4).getNumericCellValue()).isEqualTo(-11.19);
			assertThat(summary.getRow(header + 1).getCell(5).getNumericCellValue()).isEqualTo(-1.19);
			assertThat(summary.getRow(header + 15)).isNull();
			// the median and the band's half-width, labelled, above the table
			assertThat(texts(summary.getRow(header - 2)).get(0)).isEqualTo("Area median turnout change (pts)");
			assertThat(summary.getRow(header - 2).getCell(1).getNumericCellValue()).isEqualTo(-6.19);
			assertThat(texts(summary.getRow(header - 1)).get(0)).isEqualTo("Band (± pts from the median)");
			assertThat(summary.getRow(header - 1).getCell(1).getNumericCellValue()).isEqualTo(5.0);
			assertThat(texts(summary.getRow(header - 1)).get(2)).isEqualTo("recon.checks.turnout-change-max-points "
					+ "as the run recorded it; outside the band: 0 of the 14, the TURNOUT_CHANGE_OUTLIER findings");
		}

		@Test
		void shouldShowEveryConstituencysLabel() {
			for (String title : List.of(CHANGE_TITLE, "Turnout 2024 against notional 2019")) {
				String xml = sample.chart(title).xml();
				assertThat(xml).as(title)
					.contains("<c:tickLblPos val=\"low\"/>")
					.contains("<c:tickLblSkip val=\"1\"/>")
					.containsPattern("<c:catAx>.*<c:txPr><a:bodyPr rot=\"-2700000\"/>.*<a:defRPr sz=\"900\"/>");
			}
		}

		@Test
		void shouldPutEachChartOnAPageOfItsOwn() {
			List<int[]> anchors = sample.anchorRows();
			List<Integer> breaks = sample.rowBreaks();
			assertThat(anchors).hasSize(2);
			// the summary tables fill rows 1 to 59 (Count night's 19 with them); the charts take 40 rows
			// each, a page apiece
			assertThat(anchors).extracting(a -> a[0] + "-" + a[1]).containsExactly("59-99", "99-139");
			assertThat(breaks).containsExactly(59, 99, 139);
			for (int[] anchor : anchors) {
				// a break just above the chart's first row and just below its last, none across it
				assertThat(breaks).contains(anchor[0], anchor[1]);
				assertThat(breaks).noneMatch(b -> b > anchor[0] && b < anchor[1]);
				assertThat(anchor[1] - anchor[0]).isLessThanOrEqualTo(ROWS_A_PAGE_HOLDS_UNDER_THE_TITLE_ROW);
			}
			// the rows under the charts are empty and of the default height
			Sheet summary = sample.report().sheet("Summary");
			for (int r = 59; r < 139; r++) {
				assertThat(summary.getRow(r)).as("row " + (r + 1)).isNull();
			}
			assertThat(sample.worksheet()).contains("<sheetFormatPr defaultRowHeight=\"15.0\"/>")
				.contains("<col min=\"6\" max=\"6\" width=\"34.0\" customWidth=\"true\"/></cols>");
		}
	}

	@Nested
	@TestInstance(TestInstance.Lifecycle.PER_CLASS)
	class AtTwoPoints {

		private Charted sample;

		@BeforeAll
		void run(@TempDir Path output) throws Exception {
			sample = Charted.run(output, "--recon.checks.turnout-change-max-points=2");
		}

		@AfterAll
		void close() throws Exception {
			sample.report().close();
		}

		@Test
		void shouldSetTheOutliersApartExactlyAsTheFindingsHaveThem() {
			Chart change = sample.chart(CHANGE_TITLE);
			assertThat(change.title()).endsWith("(-6.19 pts) and the TURNOUT_CHANGE_OUTLIER band (± 2 pts)");
			assertThat(change.categories()).containsExactlyElementsOf(SAMPLE_BY_CHANGE);
			assertThat(change.values(3)).allSatisfy(v -> assertThat(v).isEqualByComparingTo("-8.19"));
			assertThat(change.values(4)).allSatisfy(v -> assertThat(v).isEqualByComparingTo("-4.19"));

			// -9.61, -8.94 and -8.34 below -8.19, -3.58 above -4.19; -8.00 is 1.81 from the median
			List<Integer> outside = change.pointsOf(1);
			List<String> outliers = outside.stream().map(change.categories()::get).toList();
			assertThat(outliers).containsExactly("Stoke-on-Trent Central", "Newcastle-under-Lyme",
					"Stoke-on-Trent South", "Congleton");
			assertThat(Set.copyOf(outliers)).isEqualTo(sample.outlierFindings());
			// each outlier's bar is its own change again
			List<BigDecimal> changes = change.values(0);
			for (int i : outside) {
				assertThat(change.valueAt(1, i)).isEqualByComparingTo(changes.get(i));
			}
			Sheet summary = sample.report().sheet("Summary");
			int header = rowLabelled(summary, "Constituency, by turnout change");
			assertThat(summary.getRow(header + 1).getCell(2).getNumericCellValue()).isEqualTo(-9.61);
			assertThat(summary.getRow(header + 4).getCell(2)).isNull();
			assertThat(summary.getRow(header + 14).getCell(2).getNumericCellValue()).isEqualTo(-3.58);
			assertThat(texts(summary.getRow(header - 1)).get(2)).endsWith("outside the band: 4 of the 14, the "
					+ "TURNOUT_CHANGE_OUTLIER findings");
		}
	}

	// ---- reading the workbook ----------------------------------------------------------------

	/** One run of the sample and what its workbook holds. */
	record Charted(ReportWorkbookReader report, Map<String, String> parts) {

		static Charted run(Path output, String... settings) throws Exception {
			List<String> args = new ArrayList<>(List.of("--input=input", "--output=" + output));
			args.addAll(List.of(settings));
			assertThat(ElectionReconApplication.run(args.toArray(String[]::new))).isEqualTo(ExitCodes.ERRORS);
			Path workbook;
			try (Stream<Path> files = Files.list(output)) {
				workbook = files.filter(f -> f.toString().endsWith("-reconciliation.xlsx")).findFirst().orElseThrow();
			}
			Map<String, String> parts = new java.util.LinkedHashMap<>();
			try (ZipFile zip = new ZipFile(workbook.toFile())) {
				for (var entry : zip.stream().toList()) {
					parts.put(entry.getName(), new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8));
				}
			}
			return new Charted(new ReportWorkbookReader(workbook), parts);
		}

		String worksheet() {
			return parts.get("xl/worksheets/sheet1.xml");
		}

		Chart chart(String titleStart) {
			List<Chart> charts = parts.entrySet()
				.stream()
				.filter(e -> e.getKey().matches("xl/charts/chart\\d+\\.xml"))
				.map(e -> new Chart(e.getValue()))
				.filter(c -> c.title().startsWith(titleStart))
				.toList();
			assertThat(charts).as(titleStart).hasSize(1);
			return charts.get(0);
		}

		List<Map<String, Object>> constituencies() {
			return report.rows("Constituencies");
		}

		List<BigDecimal> changesSorted() {
			return constituencies().stream()
				.map(r -> (Double) r.get("Turnout change (pts)"))
				.filter(Objects::nonNull)
				.map(BigDecimal::valueOf)
				.sorted()
				.toList();
		}

		Set<String> outlierFindings() {
			return report.rows("Findings")
				.stream()
				.filter(f -> "TURNOUT_CHANGE_OUTLIER".equals(f.get("Check")))
				.map(f -> (String) f.get("Constituency"))
				.collect(Collectors.toSet());
		}

		/** Each chart's anchor as its first row and the row its bottom edge lies on (0-based). */
		List<int[]> anchorRows() {
			String drawing = parts.get("xl/drawings/drawing1.xml");
			Matcher anchor = Pattern.compile("<xdr:from><xdr:col>\\d+</xdr:col><xdr:colOff>\\d+</xdr:colOff>"
					+ "<xdr:row>(\\d+)</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from><xdr:to><xdr:col>\\d+</xdr:col>"
					+ "<xdr:colOff>\\d+</xdr:colOff><xdr:row>(\\d+)</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>")
				.matcher(drawing);
			List<int[]> rows = new ArrayList<>();
			while (anchor.find()) {
				rows.add(new int[] { Integer.parseInt(anchor.group(1)), Integer.parseInt(anchor.group(2)) });
			}
			return rows;
		}

		/**
		 * The manual row breaks, each as the 0-based row a new page starts with: {@code <brk id="N">} breaks
		 * below the sheet's row N (1-based), so the next page starts with 0-based row N.
		 */
		List<Integer> rowBreaks() {
			Matcher breaks = Pattern.compile("<brk id=\"(\\d+)\" man=\"true\" max=\"16383\"/>").matcher(worksheet());
			List<Integer> ids = new ArrayList<>();
			while (breaks.find()) {
				ids.add(Integer.parseInt(breaks.group(1)));
			}
			return ids;
		}
	}

	/** A chart part's XML, read with patterns: its title, its series with their caches. */
	record Chart(String xml) {

		String title() {
			Matcher title = Pattern.compile("<c:title><c:tx><c:rich>.*?<a:t>([^<]*)</a:t>").matcher(xml);
			assertThat(title.find()).isTrue();
			return title.group(1);
		}

		List<String> series() {
			return all("<c:ser>.*?<c:tx><c:strRef><c:f>[^<]*</c:f><c:strCache><c:ptCount val=\"1\"/><c:pt idx=\"0\">"
					+ "<c:v>([^<]*)</c:v>", xml);
		}

		List<String> barSeries() {
			return all("<c:ser>.*?<c:tx><c:strRef><c:f>[^<]*</c:f><c:strCache><c:ptCount val=\"1\"/><c:pt idx=\"0\">"
					+ "<c:v>([^<]*)</c:v>", part("barChart"));
		}

		List<String> lineSeries() {
			return all("<c:ser>.*?<c:tx><c:strRef><c:f>[^<]*</c:f><c:strCache><c:ptCount val=\"1\"/><c:pt idx=\"0\">"
					+ "<c:v>([^<]*)</c:v>", part("lineChart"));
		}

		/** The categories of the first series (every series has the same). */
		List<String> categories() {
			String cat = between(serieses().get(0), "<c:cat>", "</c:cat>");
			assertThat(all("<c:ptCount val=\"(\\d+)\"/>", cat)).hasSize(1);
			List<String> names = all("<c:pt idx=\"\\d+\"><c:v>([^<]*)</c:v></c:pt>", cat);
			assertThat(Integer.parseInt(all("<c:ptCount val=\"(\\d+)\"/>", cat).get(0))).isEqualTo(names.size());
			return names.stream().map(Chart::unescape).toList();
		}

		/** The cell ranges of the categories, then of each series' values. */
		List<String> references() {
			List<String> refs = new ArrayList<>();
			refs.add(between(between(serieses().get(0), "<c:cat>", "</c:cat>"), "<c:f>", "</c:f>"));
			for (String series : serieses()) {
				refs.add(between(between(series, "<c:val>", "</c:val>"), "<c:f>", "</c:f>"));
			}
			return refs;
		}

		/** The values of series {@code index}, all its points present. */
		List<BigDecimal> values(int index) {
			String val = between(serieses().get(index), "<c:val>", "</c:val>");
			List<BigDecimal> values = all("<c:pt idx=\"\\d+\"><c:v>([^<]*)</c:v></c:pt>", val).stream()
				.map(BigDecimal::new)
				.toList();
			assertThat(Integer.parseInt(all("<c:ptCount val=\"(\\d+)\"/>", val).get(0))).isEqualTo(values.size());
			return values;
		}

		/** The indexes of series {@code index}'s points present in its cache. */
		List<Integer> pointsOf(int index) {
			String val = between(serieses().get(index), "<c:val>", "</c:val>");
			return all("<c:pt idx=\"(\\d+)\">", val).stream().map(Integer::parseInt).toList();
		}

		BigDecimal valueAt(int series, int point) {
			String val = between(serieses().get(series), "<c:val>", "</c:val>");
			return new BigDecimal(all("<c:pt idx=\"" + point + "\"><c:v>([^<]*)</c:v>", val).get(0));
		}

		private List<String> serieses() {
			return all("(<c:ser>.*?</c:ser>)", xml);
		}

		private String part(String element) {
			return between(xml, "<c:" + element + ">", "</c:" + element + ">");
		}

		private static String between(String text, String start, String end) {
			int from = text.indexOf(start);
			assertThat(from).as(start).isGreaterThanOrEqualTo(0);
			return text.substring(from + start.length(), text.indexOf(end, from));
		}

		private static String unescape(String text) {
			return text.replace("&apos;", "'").replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">")
				.replace("&amp;", "&");
		}
	}

	private static List<String> all(String regex, String text) {
		Matcher m = Pattern.compile(regex, Pattern.DOTALL).matcher(text);
		List<String> found = new ArrayList<>();
		while (m.find()) {
			found.add(m.group(1));
		}
		return found;
	}

	private static BigDecimal median(List<BigDecimal> sorted) {
		int n = sorted.size();
		return n % 2 == 1 ? sorted.get(n / 2)
				: sorted.get(n / 2 - 1).add(sorted.get(n / 2)).divide(BigDecimal.valueOf(2), MathContext.DECIMAL64);
	}

	private static int rowLabelled(Sheet sheet, String label) {
		for (Row row : sheet) {
			Cell first = row.getCell(0);
			if (first != null && first.getCellType() == CellType.STRING && label.equals(first.getStringCellValue())) {
				return row.getRowNum();
			}
		}
		throw new AssertionError("no row labelled " + label);
	}

	private static List<String> texts(Row row) {
		List<String> texts = new ArrayList<>();
		for (Cell cell : row) {
			texts.add(cell.getCellType() == CellType.STRING ? cell.getStringCellValue() : null);
		}
		return texts;
	}
}
