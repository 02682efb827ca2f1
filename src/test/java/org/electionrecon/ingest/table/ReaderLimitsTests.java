package org.electionrecon.ingest.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.electionrecon.ingest.IngestFixtures.book;
import static org.electionrecon.ingest.IngestFixtures.count;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.electionrecon.ingest.IngestFixtures;
import org.electionrecon.ingest.IngestFixtures.Book;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each bound of {@link ReaderLimits} on a small workbook that crosses it: the file is unreadable
 * with the bound as its reason, word for word, and nothing beyond the bound is held in memory.
 */
class ReaderLimitsTests {

	private static final String SHEET = "xl/worksheets/sheet1.xml";

	private static final String SHARED_STRINGS = "xl/sharedStrings.xml";

	private static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

	@TempDir
	Path dir;

	@Test
	void elementNestingPastFortyLevelsIsRefused() throws IOException {
		// worksheet, sheetData, row, c, is: five levels, then 35 more is 40 (read), 36 more is 41 (refused)
		assertThat(cellTexts(sheetWithNesting(35))).containsExactly("Box no", "12", "deep");
		assertThatThrownBy(() -> cellTexts(sheetWithNesting(36))).isInstanceOf(ReaderLimitException.class)
			.hasMessage("sheet 'Stafford': element nesting is over the limit of 40 levels");
	}

	/** A cell of 25 MB of nested elements ran out of memory before (issue 13): it stops at level 41. */
	@Test
	void aCellNestingElementsWithoutEndIsRefusedAtOnce() throws IOException {
		Path file = workbookWithSheet("<c r=\"C1\" t=\"inlineStr\"><is>" + "<r>".repeat(2_000_000));
		assertThatThrownBy(() -> cellTexts(file)).isInstanceOf(ReaderLimitException.class)
			.hasMessage("sheet 'Stafford': element nesting is over the limit of 40 levels");
	}

	@Test
	void aCellsTextOverTheLimitIsRefused() throws IOException {
		String fits = "x".repeat(ReaderLimits.MAX_TEXT_CHARS);
		assertThat(cellTexts(workbookWithSheet(inlineCell(fits)))).containsExactly("Box no", "12", fits);
		assertThatThrownBy(() -> cellTexts(workbookWithSheet(inlineCell(fits + "x"))))
			.isInstanceOf(ReaderLimitException.class)
			.hasMessage("sheet 'Stafford': one text is over the limit of 32,767 characters");
	}

	/** Text in several pieces (runs of an inline string) counts as one cell's text. */
	@Test
	void aCellsTextInRunsOverTheLimitIsRefused() throws IOException {
		String half = "y".repeat(20_000);
		String cell = "<c r=\"C1\" t=\"inlineStr\"><is><r><t>" + half + "</t></r><r><t>" + half + "</t></r></is></c>";
		assertThatThrownBy(() -> cellTexts(workbookWithSheet(cell))).isInstanceOf(ReaderLimitException.class)
			.hasMessage("sheet 'Stafford': a cell's text is over the limit of 32,767 characters");
	}

	@Test
	void anAttributeValueOverTheLimitIsRefused() throws IOException {
		String cell = "<c r=\"C1\" t=\"inlineStr\" x=\"" + "z".repeat(ReaderLimits.MAX_TEXT_CHARS + 1) + "\"><is><t>a</t></is></c>";
		assertThatThrownBy(() -> cellTexts(workbookWithSheet(cell))).isInstanceOf(ReaderLimitException.class)
			.hasMessage("sheet 'Stafford': one attribute's value is over the limit of 32,767 characters");
	}

	@Test
	void aSharedStringInRunsOverTheLimitIsRefused() throws IOException {
		String half = "s".repeat(20_000);
		Path file = workbookWithSharedStrings("<si><r><t>" + half + "</t></r><r><t>" + half + "</t></r></si>");
		assertThatThrownBy(() -> TabularFiles.open(file)).isInstanceOf(ReaderLimitException.class)
			.hasMessage("xl/sharedStrings.xml: one shared string is over the limit of 32,767 characters");
	}

	@Test
	void moreSharedStringsThanTheLimitAreRefused() throws IOException {
		StringBuilder strings = new StringBuilder();
		for (int i = 0; i <= ReaderLimits.MAX_SHARED_STRINGS; i++) {
			strings.append("<si><t>").append(i).append("</t></si>");
		}
		Path file = workbookWithSharedStrings(strings.toString());
		assertThatThrownBy(() -> TabularFiles.open(file)).isInstanceOf(ReaderLimitException.class)
			.hasMessage("xl/sharedStrings.xml: the count of shared strings is over the limit of 500,000 strings");
	}

	/** 200 MB of shared strings reached 3.6 GiB before (issue 13): reading stops past 16 million characters. */
	@Test
	void sharedStringsOverTheTotalLimitAreRefused() throws IOException {
		String one = "<si><t>" + "t".repeat(30_000) + "</t></si>";
		Path file = workbookWithSharedStrings(one.repeat(560));
		assertThatThrownBy(() -> TabularFiles.open(file)).isInstanceOf(ReaderLimitException.class)
			.hasMessage("xl/sharedStrings.xml: the shared strings' characters is over the limit of 16,777,216 characters");
	}

	/** Many distinct names in a part hung the run before (issue 13): the part is refused at the 1,001st. */
	@Test
	void moreDistinctNamesInAPartThanTheLimitAreRefused() throws IOException {
		StringBuilder names = new StringBuilder("<si><t>a</t>");
		for (int i = 0; i < ReaderLimits.MAX_DISTINCT_NAMES; i++) {
			names.append("<n").append(i).append("/>");
		}
		Path file = workbookWithSharedStrings(names.append("</si>").toString());
		assertThatThrownBy(() -> TabularFiles.open(file)).isInstanceOf(ReaderLimitException.class)
			.hasMessage("xl/sharedStrings.xml: the distinct element and attribute names is over the limit of 1,000 names");
	}

	@Test
	void moreCellsInASheetThanTheLimitAreRefused() throws IOException {
		Path file = workbookWithSheet(inlineCell("third"));
		try (XlsxFile xlsx = new XlsxFile(file, 3)) {
			assertThat(XlsxFileTests.rows(xlsx, xlsx.sheets().get(0))).hasSize(1);
		}
		try (XlsxFile xlsx = new XlsxFile(file, 2)) {
			assertThatThrownBy(() -> XlsxFileTests.rows(xlsx, xlsx.sheets().get(0)))
				.isInstanceOf(ReaderLimitException.class)
				.hasMessage("sheet 'Stafford': the cells of one sheet is over the limit of 2 cells");
		}
	}

	@Test
	void aPartInflatingPastItsBoundIsRefused() throws IOException {
		PartBounds part = new PartBounds(new ByteArrayInputStream(new byte[5_000]), "xl/styles.xml", -1, 4_096);
		assertThatThrownBy(part::readAllBytes).isInstanceOf(ReaderLimitException.class)
			.hasMessage("xl/styles.xml: the part's inflated size is over the limit of 4,096 bytes");
	}

	@Test
	void aPartInflatingMoreThanAHundredfoldIsRefused() throws IOException {
		// 2 MiB from 10 KB: past the first megabyte, 200 times its compressed size
		PartBounds part = new PartBounds(new ByteArrayInputStream(new byte[2 << 20]), "xl/styles.xml", 10_000);
		assertThatThrownBy(part::readAllBytes).isInstanceOf(ReaderLimitException.class)
			.hasMessage("xl/styles.xml: the part's inflation is over the limit of 100 times its compressed size");
	}

	/** Per cell format the reader holds a number format: more than Excel can have are refused. */
	@Test
	void moreCellFormatsThanTheLimitAreRefused() throws IOException {
		String styles = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><styleSheet xmlns=\"" + MAIN + "\"><cellXfs>"
				+ "<xf/>".repeat(XlsxFile.MAX_STRUCTURE_ENTRIES + 1) + "</cellXfs></styleSheet>";
		Path file = workbookWithPart("xl/styles.xml", styles);
		assertThatThrownBy(() -> TabularFiles.open(file)).isInstanceOf(ReaderLimitException.class)
			.hasMessage("xl/styles.xml: the count of cell formats is over the limit of 65,536 formats");
	}

	/** A part whose entries are held (here the workbook's list of sheets) is bounded at 16 MiB. */
	@Test
	void aStructurePartOverItsBoundIsRefused() throws IOException {
		String workbook = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"" + MAIN + "\"><sheets>"
				+ "<!-- padding -->".repeat((int) (XlsxFile.MAX_STRUCTURE_PART_BYTES / 16) + 1) + "</sheets></workbook>";
		Path file = workbookWithPart("xl/workbook.xml", workbook);
		assertThatThrownBy(() -> TabularFiles.open(file)).isInstanceOf(ReaderLimitException.class)
			.hasMessage("xl/workbook.xml: the part's inflated size is over the limit of 16,777,216 bytes");
	}

	private Path sheetWithNesting(int levels) throws IOException {
		return workbookWithSheet("<c r=\"C1\" t=\"inlineStr\"><is><t>deep</t>" + "<x>".repeat(levels) + "</x>".repeat(levels)
				+ "</is></c>");
	}

	private static String inlineCell(String text) {
		return "<c r=\"C1\" t=\"inlineStr\"><is><t>" + text + "</t></is></c>";
	}

	/** A POI-written workbook whose first row ends with the given cell XML. */
	private Path workbookWithSheet(String lastCellXml) throws IOException {
		Path file = poiWorkbook();
		IngestFixtures.rewriteEntry(file, SHEET, xml -> new String(xml, StandardCharsets.UTF_8)
			.replaceFirst("</row>", java.util.regex.Matcher.quoteReplacement(lastCellXml) + "</row>")
			.getBytes(StandardCharsets.UTF_8));
		return file;
	}

	/**
	 * A POI-written workbook whose shared strings are the given {@code <si>} elements, its parts
	 * stored uncompressed (so the bound met is the one tested, not the inflate ratio).
	 */
	private Path workbookWithSharedStrings(String items) throws IOException {
		return workbookWithPart(SHARED_STRINGS,
				"<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"" + MAIN + "\">" + items + "</sst>");
	}

	/** A POI-written workbook with one part replaced, its parts stored uncompressed. */
	private Path workbookWithPart(String name, String xml) throws IOException {
		Path file = poiWorkbook();
		Map<String, byte[]> entries = IngestFixtures.unzip(file);
		entries.put(name, xml.getBytes(StandardCharsets.UTF_8));
		return TabularFilesTests.storedZip(file, entries);
	}

	private Path poiWorkbook() throws IOException {
		try (Book book = book()) {
			return book.sheet("Stafford").row(1, "Box no", count(12)).write(Files.createTempFile(dir, "limits", ".xlsx"));
		}
	}

	private static java.util.List<String> cellTexts(Path file) throws IOException {
		try (TabularFile xlsx = TabularFiles.open(file)) {
			return XlsxFileTests.rows(xlsx, xlsx.sheets().get(0)).stream()
				.flatMap(row -> row.cells().stream())
				.map(Cell::text)
				.toList();
		}
	}
}
