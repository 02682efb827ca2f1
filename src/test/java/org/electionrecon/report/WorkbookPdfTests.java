package org.electionrecon.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.electionrecon.ElectionReconApplication;
import org.electionrecon.ReportWorkbookReader;
import org.electionrecon.run.ExitCodes;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sample's workbook as it prints (report.md, "Navigation and print"): the job runs on
 * {@code input/}, LibreOffice converts the workbook to PDF, and poppler-utils read it back page by
 * page. Each page's footer names the area, the run, the sheet and "page N of M"; each page starts
 * with its sheet's header row (as much of it as that page's columns carry, the repeated columns
 * first); the rows print at half size or more; and the whole sample takes at most 20 pages.
 *
 * <p>Needs {@code soffice} (LibreOffice Calc) and {@code pdfinfo} and {@code pdftotext}
 * (poppler-utils) on the PATH: {@code apt-get install --no-install-recommends libreoffice-calc-nogui
 * poppler-utils}. {@code .ci/run} installs them where they are missing and sets
 * RECON_REQUIRE_LIBREOFFICE=true, which makes their absence a failure; elsewhere these tests are
 * skipped without them, saying what to install. Run them alone with
 * {@code ./mvnw -DskipFuzz -Dtest=WorkbookPdfTests -Dsurefire.failIfNoSpecifiedTests=false test}
 * (about 40 s: the job on the sample, then LibreOffice's conversion, in its own profile folder under
 * the test's temporary folder so that parallel runs do not share one).
 */
class WorkbookPdfTests {

	/** The environment variable that makes missing LibreOffice or poppler-utils a failure rather than a skip. */
	static final String REQUIRE = "RECON_REQUIRE_LIBREOFFICE";

	private static final List<String> TOOLS = List.of("soffice", "pdfinfo", "pdftotext");

	private static final long CONVERSION_TIMEOUT_SECONDS = 180;

	private static final String AREA = "Staffordshire and Cheshire";

	/** A row's height at 100%: the sheets' default row height, 15 points. */
	private static final double ROW_POINTS = 15.0;

	/** "Area   Run 7   Boxes, page 4 of 17", as pdftotext lays out the footer's three parts. */
	private static final Pattern FOOTER = Pattern
		.compile("(\\S.*?)\\s{2,}Run (\\d+)\\s{2,}(\\S.*), page (\\d+) of (\\d+)");

	private static final Pattern WORD = Pattern.compile(
			"<word xMin=\"([\\d.]+)\" yMin=\"([\\d.]+)\" xMax=\"[\\d.]+\" yMax=\"[\\d.]+\">([^<]*)</word>");

	/** The sheets in the workbook's order, each with its header row (Summary's first row: Area and its name). */
	private static final Map<String, List<String>> headers = new LinkedHashMap<>();

	private static long run;

	private static List<Page> pages;

	/** One printed page: the sheet its footer names, its first line and last line, and its rows' scale. */
	record Page(int number, String sheet, String firstLine, String footer, Double scale) {
	}

	@BeforeAll
	static void printTheSampleToPdf(@TempDir Path dir) throws Exception {
		List<String> missing = TOOLS.stream().filter(tool -> !onPath(tool)).toList();
		if (!missing.isEmpty()) {
			String message = "not on the PATH: " + String.join(", ", missing) + "; install LibreOffice Calc and "
					+ "poppler-utils (apt-get install --no-install-recommends libreoffice-calc-nogui poppler-utils; "
					+ ".ci/run does)";
			if ("true".equalsIgnoreCase(System.getenv(REQUIRE))) {
				fail(REQUIRE + "=true but " + message);
			}
			Assumptions.abort(message);
		}
		Path output = dir.resolve("output");
		int exitCode = ElectionReconApplication.run(new String[] { "--input=input", "--output=" + output });
		assertThat(exitCode).isEqualTo(ExitCodes.ERRORS);
		Path workbook = output.resolve(ReportWorkbookWriter.fileName(AREA));
		try (ReportWorkbookReader report = new ReportWorkbookReader(workbook)) {
			DataFormatter text = new DataFormatter();
			for (String sheet : report.sheetNames()) {
				List<String> header = new ArrayList<>();
				report.sheet(sheet).getRow(0).forEach(cell -> header.add(text.formatCellValue(cell)));
				// Summary's first row is its first label and value, whatever SummarySheet puts beside them
				headers.put(sheet, sheet.equals(ReportWorkbookWriter.SUMMARY) ? header.subList(0, 2) : header);
			}
			run = runNumber(report.sheet(ReportWorkbookWriter.SUMMARY));
		}

		Path pdfFolder = Files.createDirectories(dir.resolve("pdf"));
		run(dir, "soffice", "-env:UserInstallation=" + dir.resolve("libreoffice-profile").toUri(), "--headless",
				"--convert-to", "pdf", "--outdir", pdfFolder.toString(), workbook.toString());
		Path pdf = pdfFolder.resolve(workbook.getFileName().toString().replaceFirst("\\.xlsx$", ".pdf"));
		assertThat(pdf).as("LibreOffice's PDF").isRegularFile();

		Matcher count = Pattern.compile("(?m)^Pages:\\s+(\\d+)$").matcher(run(dir, "pdfinfo", pdf.toString()));
		assertThat(count.find()).as("pdfinfo's page count").isTrue();
		pages = new ArrayList<>();
		for (int number = 1; number <= Integer.parseInt(count.group(1)); number++) {
			String page = String.valueOf(number);
			List<String> lines = run(dir, "pdftotext", "-f", page, "-l", page, "-layout", pdf.toString(), "-").lines()
				.map(String::strip)
				.filter(line -> !line.isEmpty())
				.toList();
			assertThat(lines).as("page " + number).hasSizeGreaterThanOrEqualTo(2);
			// the footer's line: the last, unless a chart's text that pdftotext reads after it follows
			List<String> footers = lines.stream().filter(line -> FOOTER.matcher(line).matches()).toList();
			String bbox = run(dir, "pdftotext", "-f", page, "-l", page, "-bbox", pdf.toString(), "-");
			// a chart starting right under the page's last row has its top's text (clipped, not shown) on
			// the page, which -layout may merge into the footer's line: then the footer's words alone
			String footer = footers.isEmpty() ? lowestLine(bbox) : footers.get(footers.size() - 1);
			Matcher parts = FOOTER.matcher(footer);
			assertThat(parts.matches()).as("page %d's footer among %s", number, lines).isTrue();
			pages.add(new Page(number, parts.group(3), lines.get(0), footer, rowScale(bbox)));
		}
	}

	@Test
	void shouldPrintTheSampleOnAtMostTwentyPages() {
		assertThat(pages).hasSizeLessThanOrEqualTo(20);
	}

	@Test
	void shouldPrintEachSheetOnItsPagesInTheWorkbooksOrder() {
		Map<String, Long> perSheet = new LinkedHashMap<>();
		pages.forEach(page -> perSheet.merge(page.sheet(), 1L, Long::sum));
		assertThat(perSheet.keySet()).containsExactlyElementsOf(headers.keySet());
		// Summary's pages are its charts' (SummarySheet); the rest fit these exactly
		Map<String, Long> tables = new LinkedHashMap<>(perSheet);
		assertThat(tables.remove(ReportWorkbookWriter.SUMMARY)).isPositive();
		assertThat(tables).containsExactly(Map.entry("Constituencies", 2L), Map.entry("Boxes", 7L),
				Map.entry("Findings", 2L), Map.entry("Checks", 1L), Map.entry("Rejected rows", 1L),
				Map.entry("Provenance", 2L));
	}

	@Test
	void shouldFootEveryPageWithTheAreaTheRunTheSheetAndThePageNumber() {
		for (Page page : pages) {
			assertThat(page.footer().replaceAll("\\s{2,}", " | ")).as("page " + page.number())
				.isEqualTo(AREA + " | Run " + run + " | " + page.sheet() + ", page " + page.number() + " of "
						+ pages.size());
		}
	}

	@Test
	void shouldStartEveryPageWithItsSheetsHeaderRow() {
		Map<String, TreeSet<Integer>> printed = new LinkedHashMap<>();
		for (Page page : pages) {
			List<String> header = headers.get(page.sheet());
			List<Integer> columns = headerColumns(header, page.firstLine(),
					page.sheet().equals(ReportWorkbookWriter.SUMMARY));
			assertThat(columns).as("page %d (%s) starts with %s, not with cells of its header row %s", page.number(),
					page.sheet(), page.firstLine(), header).isNotEmpty();
			printed.computeIfAbsent(page.sheet(), sheet -> new TreeSet<>()).addAll(columns);
		}
		// every column up to the sheet's last printed one is on a page: Constituencies leaves out its
		// four source columns, Boxes its Source
		Map<String, List<Integer>> expected = new LinkedHashMap<>();
		headers.forEach((sheet, header) -> expected.put(sheet, columns(header.size())));
		expected.put("Constituencies", columns(headers.get("Constituencies").indexOf("Info") + 1));
		expected.put("Boxes", columns(headers.get("Boxes").indexOf("Difference") + 1));
		printed.forEach((sheet, columns) -> assertThat(columns).as(sheet).containsExactlyElementsOf(expected.get(sheet)));
		assertThat(printed.keySet()).containsExactlyElementsOf(headers.keySet());
	}

	@Test
	void shouldPrintTheTablesAtHalfSizeOrMore() {
		for (Page page : pages) {
			if (page.sheet().equals(ReportWorkbookWriter.SUMMARY) || page.scale() == null) {
				// Summary's width is its charts'; a page with only its header row has no row pitch to measure
				continue;
			}
			assertThat(page.scale()).as("page %d (%s)'s scale", page.number(), page.sheet()).isGreaterThanOrEqualTo(0.5);
		}
		assertThat(pages).filteredOn(page -> page.sheet().equals("Boxes"))
			.allSatisfy(page -> assertThat(page.scale()).isBetween(0.5, 0.6));
	}

	/**
	 * The columns of the header row that the page's first line shows: the line without its spaces
	 * is the texts of a first few columns (the repeated ones, or none) and then of a run of columns,
	 * joined. Empty when it is not. With {@code prefix} the line may go on after them (Summary's
	 * first row shares the line with a chart).
	 */
	static List<Integer> headerColumns(List<String> header, String line, boolean prefix) {
		String printed = line.replaceAll("\\s", "");
		List<String> cells = header.stream().map(cell -> cell.replaceAll("\\s", "")).toList();
		for (int repeated = 0; repeated < cells.size(); repeated++) {
			String left = String.join("", cells.subList(0, repeated));
			for (int first = repeated; first < cells.size(); first++) {
				for (int last = cells.size() - 1; last >= first; last--) {
					String text = left + String.join("", cells.subList(first, last + 1));
					if (prefix ? printed.startsWith(text) : printed.equals(text)) {
						List<Integer> columns = new ArrayList<>(columns(repeated));
						IntStream.rangeClosed(first, last).forEach(columns::add);
						return columns;
					}
				}
			}
		}
		return List.of();
	}

	/**
	 * The page's lowest line of words (the footer's), in x order: two spaces where words are apart.
	 */
	static String lowestLine(String bboxHtml) {
		Matcher word = Pattern.compile("<word xMin=\"([\\d.]+)\" yMin=\"[\\d.]+\" xMax=\"([\\d.]+)\""
				+ " yMax=\"([\\d.]+)\">([^<]*)</word>").matcher(bboxHtml);
		List<String[]> words = new ArrayList<>();
		while (word.find()) {
			words.add(new String[] { word.group(1), word.group(2), word.group(3), word.group(4) });
		}
		double lowest = words.stream().mapToDouble(w -> Double.parseDouble(w[2])).max().orElse(0);
		List<String[]> line = words.stream().filter(w -> Math.abs(Double.parseDouble(w[2]) - lowest) < 0.5)
			.sorted(java.util.Comparator.comparingDouble(w -> Double.parseDouble(w[0])))
			.toList();
		StringBuilder text = new StringBuilder();
		double end = 0;
		for (String[] w : line) {
			if (!text.isEmpty()) {
				text.append(Double.parseDouble(w[0]) - end > 6 ? "   " : " ");
			}
			text.append(w[3]);
			end = Double.parseDouble(w[1]);
		}
		return text.toString();
	}

	/**
	 * The scale the page's rows print at: the smallest step between the lines of text that start at
	 * the page's left edge (its first column, one line a row), over a row's 15 points at 100%.
	 * {@code null} when the page has fewer than two such lines below its header row.
	 */
	static Double rowScale(String bboxHtml) {
		List<double[]> words = new ArrayList<>();
		Matcher word = WORD.matcher(bboxHtml);
		while (word.find()) {
			words.add(new double[] { Double.parseDouble(word.group(1)), Double.parseDouble(word.group(2)) });
		}
		double left = words.stream().mapToDouble(w -> w[0]).min().orElse(0);
		TreeSet<Double> lines = new TreeSet<>();
		words.stream().filter(w -> w[0] < left + 3).forEach(w -> lines.add(Math.round(w[1] * 100) / 100.0));
		// the header row's bold text sits a little lower in its row, and the footer starts at the left
		// edge too: leave out the first line and the last
		List<Double> tops = new ArrayList<>(lines);
		if (tops.size() < 4) {
			return null;
		}
		tops = tops.subList(1, tops.size() - 1);
		List<Double> rows = tops;
		double step = IntStream.range(1, rows.size()).mapToDouble(i -> rows.get(i) - rows.get(i - 1)).min().orElseThrow();
		return step / ROW_POINTS;
	}

	private static List<Integer> columns(int count) {
		return IntStream.range(0, count).boxed().toList();
	}

	/** The Summary's run number: the value next to its "Run" label. */
	private static long runNumber(Sheet summary) {
		for (Row row : summary) {
			if (row.getCell(0) != null && ReportWorkbookWriter.RUN.equals(row.getCell(0).getStringCellValue())) {
				return (long) row.getCell(1).getNumericCellValue();
			}
		}
		throw new AssertionError("Summary has no Run row");
	}

	private static boolean onPath(String tool) {
		String path = System.getenv("PATH");
		return path != null && Stream.of(path.split(File.pathSeparator))
			.anyMatch(folder -> Files.isExecutable(Path.of(folder, tool)));
	}

	/** Runs the command in {@code dir} and returns its output; fails on a timeout or a non-zero exit. */
	private static String run(Path dir, String... command) throws IOException, InterruptedException {
		Path out = Files.createTempFile(dir, "command", ".out");
		Path err = Files.createTempFile(dir, "command", ".err");
		Process process = new ProcessBuilder(command).directory(dir.toFile())
			.redirectOutput(out.toFile())
			.redirectError(err.toFile())
			.start();
		if (!process.waitFor(CONVERSION_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			fail(command[0] + " did not finish within " + CONVERSION_TIMEOUT_SECONDS + " s");
		}
		assertThat(process.exitValue())
			.as(String.join(" ", command) + " printed:\n" + Files.readString(err, StandardCharsets.UTF_8))
			.isZero();
		return Files.readString(out, StandardCharsets.UTF_8);
	}
}
