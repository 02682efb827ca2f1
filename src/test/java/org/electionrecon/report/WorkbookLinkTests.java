package org.electionrecon.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.electionrecon.ElectionReconApplication;
import org.electionrecon.model.SourceRef;
import org.electionrecon.run.ExitCodes;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workbook's links, read from its XML as a spreadsheet program reads them (report.md,
 * "Navigation and print"): every Source cell of Boxes, Findings and Constituencies links to the
 * input file its first reference names, by a path relative to the workbook's folder, at a cell that
 * is inside that file's sheet; a finding's Box links to the box's row on Boxes. The input files are
 * opened with POI and commons-csv, not the job's readers.
 */
class WorkbookLinkTests {

	private static final Path SAMPLE = Path.of("input");

	private static final String HYPERLINK_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink";

	@TempDir
	static Path output;

	/** The parts of the sample's workbook, by name. */
	private static Map<String, String> parts;

	@BeforeAll
	static void runTheJobOnTheSample() throws Exception {
		assertThat(ElectionReconApplication.run(new String[] { "--input=" + SAMPLE, "--output=" + output }))
			.isEqualTo(ExitCodes.ERRORS);
		parts = new LinkedHashMap<>();
		try (ZipFile zip = new ZipFile(output.resolve("staffordshire-and-cheshire-reconciliation.xlsx").toFile())) {
			for (ZipEntry entry : zip.stream().toList()) {
				parts.put(entry.getName(), new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8));
			}
		}
	}

	@Test
	void shouldLinkEveryBoxSourceToTheBallotPaperAccountsCell() throws Exception {
		List<String> checked = checkSourceLinks("Boxes", "I");
		assertThat(checked).hasSize(435);
		assertThat(checked.get(0)).isEqualTo("I2 -> ../" + fromOutput("verification/burton-and-uttoxeter.xlsx")
				+ " at 'Burton and Uttoxeter'!D10");
		// one relationship per file: the eleven verification workbooks
		assertThat(relationships("Boxes")).hasSize(11);
	}

	@Test
	void shouldLinkEveryFindingSourceToItsFirstReference() throws Exception {
		List<String> checked = checkSourceLinks("Findings", "K");
		assertThat(checked).hasSize(14);
		assertThat(checked).contains(
				"K2 -> ../" + fromOutput("declarations/HoC-GE2024-results-by-candidate.csv")
						+ " at 'HoC-GE2024-results-by-candidate'!S11",
				"K5 -> ../" + fromOutput("verification/cannock-chase.xlsx") + " at 'Cannock Chase'!E10",
				"K11 -> ../" + fromOutput("verification/lichfield.xlsx") + " at 'Lichfield'!D18");
		assertThat(relationships("Findings")).hasSize(9);
	}

	@Test
	void shouldLinkEveryConstituencySourceToItsFirstReference() throws Exception {
		int links = 0;
		for (String column : List.of("Z", "AA", "AB", "AC")) {
			links += checkSourceLinks("Constituencies", column).size();
		}
		assertThat(links).isEqualTo(14 * 4);
	}

	@Test
	void shouldLinkEveryFindingsBoxThatIsOnBoxesToItsRow() {
		String findings = worksheet("Findings");
		String boxes = worksheet("Boxes");
		Map<String, String> links = internalLinks(findings, "F");
		List<String> expected = new ArrayList<>();
		for (int row = 2; cellText(findings, "A" + row) != null; row++) {
			String box = cellText(findings, "F" + row);
			if (box == null) {
				continue;
			}
			String code = cellText(findings, "D" + row);
			Integer boxRow = null;
			for (int r = 2; cellText(boxes, "A" + r) != null; r++) {
				if (code.equals(cellText(boxes, "A" + r)) && box.equals(cellText(boxes, "C" + r))) {
					boxRow = r;
					break;
				}
			}
			if (boxRow != null) {
				expected.add("F" + row + " -> 'Boxes'!A" + boxRow);
			}
		}
		// B021 of Stoke-on-Trent Central, PV04 of Congleton, B010 of Stafford; not "B009, B010" (F11), no one box
		assertThat(expected).containsExactly("F4 -> 'Boxes'!A298", "F6 -> 'Boxes'!A93", "F8 -> 'Boxes'!A227");
		assertThat(links.entrySet().stream().map(link -> link.getKey() + " -> " + link.getValue()).toList())
			.containsExactlyElementsOf(expected);
		assertThat(cellText(boxes, "A298") + " " + cellText(boxes, "C298")).isEqualTo("E14001520 B021");
	}

	@Test
	void shouldDeclareTheRelationshipsNamespaceOnTheSheetsThatLinkOut() {
		for (String sheet : List.of("Constituencies", "Boxes", "Findings")) {
			assertThat(worksheet(sheet)).as(sheet)
				.containsPattern("^<\\?xml[^>]*>\\s*<worksheet [^>]*xmlns:r=\"http://schemas.openxmlformats.org/"
						+ "officeDocument/2006/relationships\"");
		}
	}

	@Test
	void shouldResolveTheTargetOfEachKindOfReference(@TempDir Path dir) throws IOException {
		Path input = Files.createDirectories(dir.resolve("in put"));
		Files.createDirectories(input.resolve("verification"));
		Files.createDirectories(input.resolve("register"));
		Files.writeString(input.resolve("verification/it's #1.xlsx"), "x");
		Files.writeString(input.resolve("verification/broken.xlsx"), "x");
		SourceLinks links = new SourceLinks(input, dir.resolve("out"));
		assertThat(links.of("'verification/[it''s #1.xlsx]Bob''s'!E12:E41"))
			.isEqualTo(new SourceLinks.Target("../in%20put/verification/it's%20%231.xlsx", "'Bob''s'!E12"));
		assertThat(links.of("issued: 'verification/[broken.xlsx]A & B'!D3; verified: 'verification/[it''s #1.xlsx]S'!E3"))
			.isEqualTo(new SourceLinks.Target("../in%20put/verification/broken.xlsx", "'A & B'!D3"));
		assertThat(links.of("'verification/[broken.xlsx]Sheet1'"))
			.isEqualTo(new SourceLinks.Target("../in%20put/verification/broken.xlsx", "'Sheet1'!A1"));
		assertThat(links.of("verification/broken.xlsx"))
			.isEqualTo(new SourceLinks.Target("../in%20put/verification/broken.xlsx", null));
		assertThat(links.of("register/")).isEqualTo(new SourceLinks.Target("../in%20put/register/", null));
		// nothing to open: a file that is not there, or outside the input folder
		assertThat(links.of("'verification/[gone.xlsx]S'!E3")).isNull();
		assertThat(links.of("notional/")).isNull();
		Files.writeString(dir.resolve("beside.xlsx"), "x");
		assertThat(links.of("../beside.xlsx")).isNull();
		assertThat(links.of(null)).isNull();
		// the same file and sheet as the last reference, another cell
		assertThat(links.of("'verification/[it''s #1.xlsx]Bob''s'!AB7"))
			.isEqualTo(new SourceLinks.Target("../in%20put/verification/it's%20%231.xlsx", "'Bob''s'!AB7"));
		assertThat(links.of("'verification/[gone.xlsx]S'!E4")).isNull();
	}

	@Test
	void shouldLinkNoMoreCellsOfASheetThanExcelOpens(@TempDir Path dir) throws Exception {
		Path input = Files.createDirectories(dir.resolve("input"));
		Files.writeString(Files.createDirectories(input.resolve("verification")).resolve("big.xlsx"), "x");
		ReportWorkbookWriterTests.Fixture fixture = new ReportWorkbookWriterTests.Fixture();
		fixture.inputFolder = input;
		fixture.boxes = new ArrayList<>();
		for (int i = 1; i <= SheetLinks.MAX_LINKS + 70; i++) {
			String cell = SourceRef.cell("verification/big.xlsx", "Boxes", i + 1, 3).toString();
			fixture.boxes.add(new AreaReportData.BoxLine("Stafford", new org.electionrecon.model.BallotBox("E14001513",
					"B" + i, null, org.electionrecon.model.BoxType.POLLING_STATION, i, i, cell, cell)));
		}
		Path report = new ReportWorkbookWriter().write(fixture, dir.resolve("output"));
		String boxes;
		String rels;
		try (ZipFile zip = new ZipFile(report.toFile())) {
			boxes = new String(zip.getInputStream(zip.getEntry("xl/worksheets/sheet3.xml")).readAllBytes(),
					StandardCharsets.UTF_8);
			rels = new String(zip.getInputStream(zip.getEntry("xl/worksheets/_rels/sheet3.xml.rels")).readAllBytes(),
					StandardCharsets.UTF_8);
		}
		assertThat(cellText(boxes, "C3")).isEqualTo("B2"); // sheet3 is Boxes
		Map<String, String[]> links = externalLinks(boxes, "I");
		assertThat(links).hasSize(65_530);
		assertThat(links.get("I2")).containsExactly("rId1", "'Boxes'!D2");
		assertThat(links.get("I65531")).containsExactly("rId1", "'Boxes'!D65531");
		assertThat(links).doesNotContainKey("I65532");
		assertThat(cellText(boxes, "I65601")).isEqualTo("'verification/[big.xlsx]Boxes'!D65601");
		assertThat(rels).containsOnlyOnce("<Relationship ")
			.contains("Target=\"../input/verification/big.xlsx\" TargetMode=\"External\"");
		// the workbook itself says which cells have no link, among Provenance's run facts
		List<String> leftOut = new ArrayList<>();
		try (OPCPackage pkg = OPCPackage.open(report.toFile(), PackageAccess.READ);
				XSSFWorkbook workbook = new XSSFWorkbook(pkg)) {
			for (Row row : workbook.getSheet("Provenance")) {
				if (row.getCell(0) != null && ReportWorkbookWriter.LINKS_NOT_WRITTEN.equals(row.getCell(0).getStringCellValue())) {
					leftOut.add(row.getCell(1).getStringCellValue());
				}
			}
		}
		assertThat(leftOut).containsExactly("Boxes: 70 links from cell I65532 on, past the 65,530 Excel opens on a sheet");
	}

	/**
	 * Checks the link of every Source cell in the column, and returns each as
	 * {@code I2 -> target at location}: it is an external relationship of the hyperlink type, its
	 * target resolves from the workbook's folder to an input file, its location names a sheet of that
	 * file (a CSV file's own) and a cell inside it, and it is the first reference of the cell's text.
	 */
	private List<String> checkSourceLinks(String sheetName, String column) throws Exception {
		String sheet = worksheet(sheetName);
		Map<String, String[]> links = externalLinks(sheet, column);
		Map<String, String[]> relationships = relationships(sheetName);
		List<String> checked = new ArrayList<>();
		for (int row = 2; cellText(sheet, "A" + row) != null; row++) {
			String source = cellText(sheet, column + row);
			if (source == null) {
				continue;
			}
			String cell = column + row;
			String[] link = links.get(cell);
			assertThat(link).as(sheetName + " " + cell + " " + source).isNotNull();
			String[] relationship = relationships.get(link[0]);
			assertThat(relationship).as(cell).isNotNull();
			assertThat(relationship[1]).as(cell).isEqualTo("External");
			assertThat(relationship[2]).as(cell).isEqualTo(HYPERLINK_TYPE);
			String target = relationship[0];
			Path file = output.resolve(URI.create(target).getPath()).normalize();
			assertThat(file).as(cell).isRegularFile();

			SourceRef.Parsed first = SourceRef.parse(SourceRef.references(source).get(0));
			assertThat(file).as(cell).isEqualTo(SAMPLE.toAbsolutePath().normalize().resolve(first.file()));
			assertThat(link[1]).as(cell)
				.isEqualTo(SheetWriter.sheetLocation(first.sheet(), first.firstColumn() + first.firstRow()));
			assertInside(file, first.sheet(), first.firstColumn(), first.firstRow());
			checked.add(cell + " -> " + target + " at " + link[1]);
		}
		assertThat(links).as(sheetName + " " + column + ": no link on a cell without a Source").hasSize(checked.size());
		return checked;
	}

	/** The file's name as the links write it from the output folder (a temporary folder) to the sample. */
	private static String fromOutput(String file) {
		Path relative = output.toAbsolutePath().normalize().relativize(SAMPLE.toAbsolutePath().normalize().resolve(file));
		return relative.toString().substring("../".length());
	}

	/** The sheet exists in the file, and the cell is one of its cells (a CSV file's line and field). */
	private static void assertInside(Path file, String sheetName, String column, int row) throws Exception {
		String what = file.getFileName() + " " + sheetName + "!" + column + row;
		int columnIndex = CellReference.convertColStringToIndex(column);
		if (file.toString().endsWith(".csv")) {
			assertThat(sheetName).as(what).isEqualTo(SourceRef.csvSheetName(file.getFileName().toString()));
			List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
			assertThat(row).as(what).isBetween(1, lines.size());
			List<CSVRecord> records = CSVFormat.DEFAULT.parse(new StringReader(lines.get(row - 1))).getRecords();
			assertThat(records).as(what).hasSize(1);
			assertThat(columnIndex).as(what).isLessThan(records.get(0).size());
			assertThat(records.get(0).get(columnIndex)).as(what).isNotBlank();
			return;
		}
		try (OPCPackage opc = OPCPackage.open(file.toFile(), PackageAccess.READ);
				XSSFWorkbook workbook = new XSSFWorkbook(opc)) {
			Sheet sheet = workbook.getSheet(sheetName);
			assertThat(sheet).as(what).isNotNull();
			Row cells = sheet.getRow(row - 1);
			assertThat(cells).as(what).isNotNull();
			assertThat(row - 1).as(what).isBetween(sheet.getFirstRowNum(), sheet.getLastRowNum());
			assertThat(columnIndex).as(what).isBetween((int) cells.getFirstCellNum(), cells.getLastCellNum() - 1);
			assertThat(cells.getCell(columnIndex)).as(what).isNotNull();
		}
	}

	private static final Pattern HYPERLINK = Pattern.compile("<hyperlink ([^>]*)/>");

	private static final Pattern ATTRIBUTE = Pattern.compile("([\\w:]+)=\"([^\"]*)\"");

	/** The sheet's hyperlinks on cells of the column, each as its attributes. */
	private static List<Map<String, String>> hyperlinks(String sheetXml, String column) {
		List<Map<String, String>> links = new ArrayList<>();
		Matcher link = HYPERLINK.matcher(sheetXml);
		while (link.find()) {
			Map<String, String> attributes = new HashMap<>();
			Matcher attribute = ATTRIBUTE.matcher(link.group(1));
			while (attribute.find()) {
				attributes.put(attribute.group(1), unescape(attribute.group(2)));
			}
			if (attributes.get("ref").matches(column + "\\d+")) {
				links.add(attributes);
			}
		}
		return links;
	}

	/** The column's links to other files, by cell: the relationship's id and the location. */
	private static Map<String, String[]> externalLinks(String sheetXml, String column) {
		Map<String, String[]> links = new LinkedHashMap<>();
		for (Map<String, String> link : hyperlinks(sheetXml, column)) {
			assertThat(link).as(link.toString()).containsKey("r:id");
			assertThat(links.put(link.get("ref"), new String[] { link.get("r:id"), link.get("location") }))
				.as("one link on " + link.get("ref")).isNull();
		}
		return links;
	}

	/** The column's links within the workbook, by cell: the location. */
	private static Map<String, String> internalLinks(String sheetXml, String column) {
		Map<String, String> links = new LinkedHashMap<>();
		for (Map<String, String> link : hyperlinks(sheetXml, column)) {
			assertThat(link).as(link.toString()).doesNotContainKey("r:id");
			links.put(link.get("ref"), link.get("location"));
		}
		return links;
	}

	/** The sheet's relationships, by id: target, target mode, type; checked to be one per target. */
	private static Map<String, String[]> relationships(String sheetName) {
		String rels = parts.get(sheetPart(sheetName).replace("worksheets/", "worksheets/_rels/") + ".rels");
		assertThat(rels).as(sheetName).isNotNull();
		Map<String, String[]> byId = new LinkedHashMap<>();
		Set<String> targets = new LinkedHashSet<>();
		Matcher relationship = Pattern.compile("<Relationship ([^>]*)/>").matcher(rels);
		while (relationship.find()) {
			Map<String, String> attributes = new HashMap<>();
			Matcher attribute = ATTRIBUTE.matcher(relationship.group(1));
			while (attribute.find()) {
				attributes.put(attribute.group(1), unescape(attribute.group(2)));
			}
			if (HYPERLINK_TYPE.equals(attributes.get("Type"))) {
				assertThat(targets.add(attributes.get("Target"))).as("one relationship per file").isTrue();
				byId.put(attributes.get("Id"), new String[] { attributes.get("Target"), attributes.get("TargetMode"),
						attributes.get("Type") });
			}
		}
		return byId;
	}

	private static String worksheet(String name) {
		return parts.get(sheetPart(name));
	}

	private static String sheetPart(String name) {
		Matcher sheet = Pattern.compile("<sheet name=\"" + Pattern.quote(name) + "\" r:id=\"(rId\\d+)\"")
			.matcher(parts.get("xl/workbook.xml"));
		assertThat(sheet.find()).as(name).isTrue();
		Matcher target = Pattern.compile("Id=\"" + sheet.group(1) + "\" Target=\"([^\"]+)\"")
			.matcher(parts.get("xl/_rels/workbook.xml.rels"));
		assertThat(target.find()).as(name).isTrue();
		return "xl/" + target.group(1);
	}

	/** The text of a cell written inline, unescaped; {@code null} when the cell has none. */
	private static String cellText(String sheetXml, String cell) {
		Matcher text = Pattern.compile("<c r=\"" + cell + "\"[^>]*><is><t[^>]*>([^<]*)</t></is></c>").matcher(sheetXml);
		return text.find() ? unescape(text.group(1)) : null;
	}

	private static String unescape(String xml) {
		return xml.replace("&apos;", "'").replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">")
			.replace("&amp;", "&");
	}
}
