package org.electionrecon.ingest.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;


import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFCell;
import org.apache.poi.xssf.usermodel.XSSFFont;
import org.apache.poi.xssf.usermodel.XSSFRichTextString;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.electionrecon.ingest.IngestFixtures;
import org.electionrecon.sample.SampleInputGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link XlsxFile} reads the package itself rather than through POI's OPC model: every cell must
 * still come out as POI's usermodel gives it (Locale.UK DataFormatter, formula cells as their
 * cached values) and exactly as the OPC-based reader did ({@link OpcXlsxReference}), for workbooks
 * of other writers, POI-written ones, odd hand-written XML and damaged files alike.
 */
class XlsxFileEquivalenceTests {

	private static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

	@TempDir
	Path dir;

	// ------------------------------------------------------------------ whole workbooks

	@Test
	void readsTheLibreOfficeWorkbooksAsPoisUsermodelAndTheOpcReader() throws Exception {
		Path folder = Path.of(XlsxFileEquivalenceTests.class.getResource("/fixtures/libreoffice").toURI());
		List<Path> workbooks;
		try (Stream<Path> list = Files.list(folder)) {
			workbooks = list.filter(p -> p.toString().endsWith(".xlsx")).sorted().toList();
		}
		assertThat(workbooks).isNotEmpty();
		for (Path workbook : workbooks) {
			assertSameAsPoi(workbook);
		}
	}

	/** Workbooks saved by Excel for US counties (rich shared strings, many styles, merged cells). */
	@Test
	void readsTheRealReferenceWorkbooksAsPoisUsermodelAndTheOpcReader() throws Exception {
		Path folder = Path.of(
				XlsxFileEquivalenceTests.class.getResource("/reference-data/council-sheets/us-kansas").toURI());
		List<Path> workbooks;
		try (Stream<Path> list = Files.list(folder)) {
			workbooks = list.filter(p -> p.toString().endsWith(".xlsx")).sorted().toList();
		}
		assertThat(workbooks).hasSizeGreaterThanOrEqualTo(5);
		for (Path workbook : workbooks) {
			assertSameAsPoi(workbook);
		}
	}

	@Test
	void readsAPoiWrittenWorkbookOfEveryKindOfCellAsPoisUsermodelAndTheOpcReader() throws IOException {
		Path file = dir.resolve("everything.xlsx");
		try (XSSFWorkbook wb = new XSSFWorkbook()) {
			XSSFSheet cover = wb.createSheet("Cover");
			cover.createRow(0).createCell(0).setCellValue("Stafford Borough Council");
			XSSFSheet sheet = wb.createSheet("Everything");
			int r = 0;
			Row strings = sheet.createRow(r++);
			String[] texts = { "Box no", "  padded  ", "Ynys Môn", "", "a_x0041_b", "line 1\nline 2", "tab\there",
					"& < > \" '", "😀 emoji", "1,210", "469" };
			for (int c = 0; c < texts.length; c++) {
				strings.createCell(c).setCellValue(texts[c]);
			}
			Row rich = sheet.createRow(r++);
			XSSFFont bold = wb.createFont();
			bold.setBold(true);
			XSSFRichTextString runs = new XSSFRichTextString("Ballot papers verified");
			runs.applyFont(0, 6, bold);
			rich.createCell(0).setCellValue(runs);
			XSSFRichTextString tail = new XSSFRichTextString("Total ");
			tail.applyFont(0, 5, bold);
			rich.createCell(2).setCellValue(tail);

			double[] values = { 0, -0.0, 1, -1, 812, 46_169, -46_169, 999, 1000, -1000, 1_234_567, 1e9, 9_999_999_999.0,
					1e10, 12_345_678_901.0, 1e15, 0.1, 1.0 / 3, 0.6539, 1234.5, -1234.5, 1e-12, 2.5e-5, 45_000, 45_000.75,
					123_456.789 };
			List<CellStyle> styles = new ArrayList<>();
			styles.add(null); // no style: General
			for (String format : List.of("General", "0", "#,##0", "#,##0.00", "0.00%", "0%", "0.0", "\"£\"#,##0",
					"#,##0;[Red]-#,##0", "0.00E+00", "@", "# ?/?", "d/m/yyyy", "dd/mm/yyyy hh:mm", "0.000", "#,##0_);(#,##0)")) {
				CellStyle style = wb.createCellStyle();
				style.setDataFormat(wb.createDataFormat().getFormat(format));
				styles.add(style);
			}
			for (int builtin : new int[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 14, 15, 20, 22, 23, 30, 36, 37, 40, 41, 42, 48,
					49, 60, 200 }) {
				CellStyle style = wb.createCellStyle();
				style.setDataFormat((short) builtin); // ids 5-8 and 23-36 are locale formats, 50+ undefined
				styles.add(style);
			}
			for (CellStyle style : styles) {
				Row row = sheet.createRow(r++);
				for (int c = 0; c < values.length; c++) {
					XSSFCell cell = (XSSFCell) row.createCell(c);
					cell.setCellValue(values[c]);
					if (style != null) {
						cell.setCellStyle(style);
					}
				}
			}
			CellStyle date = wb.createCellStyle();
			date.setDataFormat(wb.createDataFormat().getFormat("dd/mm/yyyy"));
			Row dates = sheet.createRow(r++);
			dates.createCell(0).setCellValue(LocalDate.of(2024, 7, 4));
			dates.getCell(0).setCellStyle(date);
			dates.createCell(1).setCellValue(LocalDateTime.of(2024, 7, 5, 2, 30));
			dates.getCell(1).setCellStyle(styles.get(14));

			Row other = sheet.createRow(r++);
			other.createCell(0).setCellValue(true);
			other.createCell(1).setCellValue(false);
			other.createCell(2).setCellErrorValue(FormulaError.DIV0.getCode());
			other.createCell(3).setCellErrorValue(FormulaError.NA.getCode());
			other.createCell(4).setCellErrorValue(FormulaError.VALUE.getCode());
			other.createCell(6).setCellStyle(styles.get(3)); // styled but empty: no cell
			other.createCell(30).setCellValue("AE");

			Row formulas = sheet.createRow(r++);
			formulas.createCell(0).setCellFormula("B3+1");
			formulas.getCell(0).setCellValue(813);
			formulas.createCell(1).setCellFormula("SUM(B3:B4)");
			formulas.getCell(1).setCellValue(46_169);
			formulas.getCell(1).setCellStyle(styles.get(3));
			formulas.createCell(2).setCellFormula("\"a\"&\"b\"");
			formulas.getCell(2).setCellValue("ab");
			formulas.createCell(3).setCellFormula("1=1");
			formulas.getCell(3).setCellValue(true);
			formulas.createCell(4).setCellFormula("1/0");
			formulas.getCell(4).setCellErrorValue(FormulaError.DIV0.getCode());
			formulas.createCell(5).setCellFormula("B3/B4");
			formulas.getCell(5).setCellValue(0.6539);
			formulas.getCell(5).setCellStyle(styles.get(5));

			XSSFSheet hidden = wb.createSheet("Hidden");
			hidden.createRow(4).createCell(1).setCellValue(2019);
			wb.setSheetHidden(2, true);
			try (OutputStream out = Files.newOutputStream(file)) {
				wb.write(out);
			}
		}
		String sst = new String(IngestFixtures.unzip(file).get("xl/sharedStrings.xml"), StandardCharsets.UTF_8);
		assertThat(sst).contains("<r>").contains("xml:space=\"preserve\"");

		assertSameAsPoi(file);
		try (XlsxFile xlsx = new XlsxFile(file)) {
			List<SheetRow> rows = XlsxFileTests.rows(xlsx, xlsx.sheets().get(1));
			assertThat(rows.get(0).cells()).extracting(Cell::text)
				.containsExactly("Box no", "  padded  ", "Ynys Môn", "", "aAb", "line 1\nline 2", "tab\there", "& < > \" '",
						"😀 emoji", "1,210", "469");
			assertThat(rows.get(1).cells()).extracting(Cell::text).containsExactly("Ballot papers verified", "Total ");
		}
	}

	@Test
	void readsInlineStringWorkbooksAsPoisUsermodelAndTheOpcReader() throws IOException {
		Path file = dir.resolve("inline.xlsx");
		try (SXSSFWorkbook wb = new SXSSFWorkbook(10)) {
			Sheet sheet = wb.createSheet("Crewe and Nantwich");
			CellStyle count = wb.createCellStyle();
			count.setDataFormat(wb.createDataFormat().getFormat("#,##0"));
			for (int r = 0; r < 40; r++) {
				Row row = sheet.createRow(r * 2);
				row.createCell(0).setCellValue("CN" + r);
				row.createCell(1).setCellValue(" Station " + r + " ");
				row.createCell(3).setCellValue(r * 1_037.0 - 4_000);
				row.getCell(3).setCellStyle(count);
				row.createCell(4).setCellValue(r / 7.0);
			}
			try (OutputStream out = Files.newOutputStream(file)) {
				wb.write(out);
			}
			wb.dispose();
		}
		assertSameAsPoi(file);
	}

	@Test
	void readsTheGeneratedSampleWorkbooksAsPoisUsermodelAndTheOpcReader() throws IOException {
		Path sample = dir.resolve("sample");
		new SampleInputGenerator().generate(SampleInputGenerator.Spec.sample(), sample);
		List<Path> workbooks;
		try (Stream<Path> walk = Files.walk(sample)) {
			workbooks = walk.filter(p -> p.toString().endsWith(".xlsx")).sorted().toList();
		}
		assertThat(workbooks).isNotEmpty();
		for (Path workbook : workbooks) {
			assertSameAsPoi(workbook);
		}
	}

	// ------------------------------------------------------------------ odd XML

	/**
	 * Styles that redefine built-in ids, repeat an id, leave numFmtId out, use locale and undefined
	 * ids, a dxf number format (not a cell format) and cellStyleXfs unlike cellXfs; shared strings
	 * with rich and phonetic runs, _xHHHH_ escapes, entities and CDATA; cells of every type.
	 */
	@Test
	void readsOddStylesSharedStringsAndCellsAsTheOpcReader() throws IOException {
		Path file = rawWorkbook(STYLES, SHARED_STRINGS, sheetOfEveryCell());
		assertSameAsReference(file);
		try (XlsxFile xlsx = new XlsxFile(file)) {
			List<SheetRow> rows = XlsxFileTests.rows(xlsx, xlsx.sheets().get(0));
			assertThat(rows.get(0).cells()).extracting(Cell::text).containsExactly("plain", "  spaced  ", "Verified ", "漢字",
					"run", "a\rbAé and _x004g_ and _X0041_", "&<>\"😀", "cdata <text>", "", "", "line1\nline2", "plain");
			// rows 4-6 have styles 1-3: the redefined built-in id 3, a custom id, the later of two definitions of id 165
			assertThat(List.of(rows.get(3), rows.get(4), rows.get(5))).extracting(row -> row.cells().get(0).format())
				.containsExactly("0.0", "\"£\"#,##0", "0.0%");
		}
	}

	/** One sheet per way a cell can break: each read, or failing, as the OPC reader did. */
	@Test
	void failsOnBadCellsAsTheOpcReader() throws IOException {
		List<String> cells = List.of("<c r=\"A1\" t=\"s\"><v>99</v></c>", "<c r=\"A1\" t=\"s\"><v>-1</v></c>",
				"<c r=\"A1\" t=\"s\"><v>x</v></c>", "<c r=\"A1\" s=\"x\"><v>1</v></c>", "<c r=\"A1\" s=\"999\"><v>1</v></c>",
				"<c r=\"1A\"><v>1</v></c>", "<c r=\"A1\"><v>NaN</v></c>", "<c r=\"A1\"><v>Infinity</v></c>",
				"<c r=\"A1\" s=\"2\"><v>-Infinity</v></c>", "<c r=\"A1\" s=\"12\"><v>-5</v></c>",
				"<c r=\"A1\" s=\"12\"><v>1e300</v></c>");
		for (String cell : cells) {
			String sheet = "<worksheet xmlns=\"" + MAIN + "\"><sheetData><row r=\"1\">" + cell + "</row></sheetData></worksheet>";
			Path file = rawWorkbook(STYLES, SHARED_STRINGS, sheet);
			assertThat(outcome(file, false)).as(cell).isEqualTo(outcome(file, true));
		}
	}

	@Test
	void readsAWorkbookWithoutSharedStringsOrStylesAsTheOpcReader() throws IOException {
		String sheet = "<worksheet xmlns=\"" + MAIN + "\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c>"
				+ "<c r=\"B1\" s=\"3\"><v>46169</v></c><c r=\"C1\" t=\"inlineStr\"><is><t>x</t></is></c></row></sheetData></worksheet>";
		Path file = rawWorkbook(null, null, sheet);
		assertSameAsReference(file);
		try (XlsxFile xlsx = new XlsxFile(file)) {
			// a shared string with no table is no cell; a style with no stylesheet is General
			assertThat(XlsxFileTests.rows(xlsx, xlsx.sheets().get(0))).containsExactly(new SheetRow(1,
					List.of(new Cell(1, "46169", 46_169.0, "General", false), new Cell(2, "x", null, null, false))));
		}
	}

	// ------------------------------------------------------------------ the fast paths

	@Test
	void formatsWholeNumbersAsDataFormatterDoes() {
		DataFormatter formatter = new DataFormatter(Locale.UK);
		List<Double> values = new ArrayList<>(List.of(0.0, -0.0, 1.0, -1.0, 9.0, 10.0, 99.0, 100.0, 999.0, 1000.0, -999.0,
				-1000.0, 9999.0, 10_000.0, 99_999.0, 100_000.0, 999_999.0, 1_000_000.0, 1e9, -1e9, 9_999_999_999.0,
				-9_999_999_999.0, 1_234_567_890.0, (double) Integer.MAX_VALUE, (double) Integer.MIN_VALUE));
		Random random = new Random(20240704);
		for (int i = 0; i < 20_000; i++) {
			long bound = (long) Math.pow(10, 1 + random.nextInt(10));
			long value = Math.floorMod(random.nextLong(), bound);
			values.add((double) (random.nextBoolean() ? value : -value));
		}
		for (double value : values) {
			for (String format : List.of("General", "0", "#,##0")) {
				for (int index : new int[] { 0, 1, 3, 164, 200 }) {
					String fast = XlsxFile.formatInteger(value, index, format);
					assertThat(fast).as("%s in %s (%d)", value, format, index)
						.isEqualTo(formatter.formatRawCellContents(value, index, format));
				}
			}
		}
		// left to DataFormatter: fractions, ten digits and more, other formats, ids Excel keeps for dates
		assertThat(XlsxFile.formatInteger(0.5, 0, "General")).isNull();
		assertThat(XlsxFile.formatInteger(1e10, 0, "General")).isNull();
		assertThat(XlsxFile.formatInteger(Double.NaN, 0, "General")).isNull();
		assertThat(XlsxFile.formatInteger(Double.POSITIVE_INFINITY, 0, "General")).isNull();
		assertThat(XlsxFile.formatInteger(812, 4, "#,##0.00")).isNull();
		assertThat(XlsxFile.formatInteger(45_000, 14, "General")).isNull();
		assertThat(XlsxFile.formatInteger(45_000, 22, "0")).isNull();
	}

	@Test
	void readsCellReferencesAsCellReferenceDoes() {
		List<String> refs = new ArrayList<>(List.of("A1", "Z9", "AA10", "AZ1", "BA1", "ZZ99", "AAA1", "XFD1048576", "ZZZ1",
				"$A$1", "A$1", "$B2", "a1", "b12", "Sheet1!B2", "'My sheet'!C3", "A", "AAAA1", "A0", "A01", "A123456789",
				"A0123456789"));
		Random random = new Random(7);
		for (int i = 0; i < 5_000; i++) {
			refs.add(CellReference.convertNumToColString(random.nextInt(18_278)) + (1 + random.nextInt(1_048_576)));
		}
		for (String ref : refs) {
			assertThat(XlsxFile.column(ref)).as(ref).isEqualTo(new CellReference(ref).getCol());
		}
	}

	// ------------------------------------------------------------------ the package

	@Test
	void findsPartsByAbsoluteTargetsAndWhateverTheCaseOfTheirNames() throws IOException {
		Path file = poiWorkbook("parts.xlsx");
		Map<String, byte[]> entries = IngestFixtures.unzip(file);
		Map<String, byte[]> renamed = new LinkedHashMap<>();
		for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
			String name = entry.getKey();
			byte[] bytes = entry.getValue();
			if (name.equals("xl/_rels/workbook.xml.rels")) {
				bytes = new String(bytes, StandardCharsets.UTF_8).replace("Target=\"worksheets/sheet2.xml\"",
						"Target=\"/xl/worksheets/sheet2.xml\"").getBytes(StandardCharsets.UTF_8);
			}
			if (name.equals("xl/worksheets/sheet1.xml") || name.equals("xl/sharedStrings.xml")) {
				name = name.toUpperCase(Locale.ROOT).replace(".XML", ".xml");
			}
			renamed.put(name, bytes);
		}
		assertThat(new String(renamed.get("xl/_rels/workbook.xml.rels"), StandardCharsets.UTF_8))
			.contains("Target=\"/xl/worksheets/sheet2.xml\"");
		Path odd = IngestFixtures.zip(dir.resolve("odd-parts.xlsx"), renamed);
		assertThat(read(odd, false)).isEqualTo(read(file, false));
		assertThat(read(odd, false)).isEqualTo(read(odd, true));
	}

	@Test
	void fallsBackToTheUsualWorkbookPartWithoutPackageRelationships() throws IOException {
		Path file = poiWorkbook("rels.xlsx");
		Map<String, byte[]> entries = IngestFixtures.unzip(file);
		entries.remove("_rels/.rels");
		Path withoutRels = IngestFixtures.zip(dir.resolve("no-rels.xlsx"), entries);
		assertThat(read(withoutRels, false)).isEqualTo(read(file, false));
	}

	@Test
	void aWorkbookWithoutItsWorkbookPartIsUnreadable() throws IOException {
		Path file = poiWorkbook("no-workbook.xlsx");
		Map<String, byte[]> entries = IngestFixtures.unzip(file);
		entries.remove("xl/workbook.xml");
		Path broken = IngestFixtures.zip(dir.resolve("no-workbook.xlsx"), entries);
		assertThatThrownBy(() -> new XlsxFile(broken)).isInstanceOf(IOException.class)
			.hasMessage("not a readable .xlsx workbook: the workbook part xl/workbook.xml is missing");
		assertThatThrownBy(() -> TabularFiles.open(broken)).isInstanceOf(UnreadableSourceException.class)
			.hasMessage("a damaged or truncated .xlsx workbook (the workbook part xl/workbook.xml is missing)");
	}

	@Test
	void aSheetWhosePartIsMissingCannotBeOpened() throws IOException {
		Path file = poiWorkbook("no-sheet.xlsx");
		Map<String, byte[]> entries = IngestFixtures.unzip(file);
		entries.remove("xl/worksheets/sheet2.xml");
		Path broken = IngestFixtures.zip(dir.resolve("no-sheet.xlsx"), entries);
		try (XlsxFile xlsx = new XlsxFile(broken); OpcXlsxReference reference = new OpcXlsxReference(broken)) {
			assertThat(XlsxFileTests.rows(xlsx, xlsx.sheets().get(0))).isEqualTo(XlsxFileTests.rows(reference,
					reference.sheets().get(0)));
			SheetInfo stafford = xlsx.sheets().get(1);
			assertThatThrownBy(() -> xlsx.rows(stafford)).isInstanceOf(IOException.class)
				.hasMessage("sheet 'Stafford' cannot be opened: No data found for Sheet with r:id " + stafford.reference())
				.hasMessage(messageOf(() -> reference.rows(reference.sheets().get(1))));
		}
	}

	/**
	 * POI's inflate-ratio limit (zip bomb) stays on: a sheet that expands 1,000-fold is refused, with
	 * the bound as the reason (ReaderLimits), where the OPC reader calls it damaged.
	 */
	@Test
	void keepsPoisZipBombLimit() throws IOException {
		String padding = "<x/>".repeat(1_000_000);
		String sheet = "<worksheet xmlns=\"" + MAIN + "\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>x</t>"
				+ "</is></c></row>" + padding + "<row r=\"2\"><c r=\"A2\"><v>1</v></c></row></sheetData></worksheet>";
		Path file = rawWorkbook(null, null, sheet);
		try (XlsxFile xlsx = new XlsxFile(file)) {
			RowCursor rows = xlsx.rows(xlsx.sheets().get(0));
			assertThat(rows.next().cells()).containsExactly(new Cell(0, "x", null, null, false));
			assertThatThrownBy(rows::next).isInstanceOf(ReaderLimitException.class)
				.hasMessage("sheet 'S': the part's inflation is over the limit of 100 times its compressed size")
				.rootCause()
				.isInstanceOf(IOException.class)
				.hasMessageStartingWith("Zip bomb detected! The file would exceed the max. ratio of compressed file size");
		}
		assertThat(outcome(file, true)).containsExactly("sheets [SheetInfo[name=S, hidden=false, reference=rId1]]",
				"S: SheetRow[number=1, cells=[Cell[column=0, text=x, number=null, format=null, formula=false]]]",
				"failed: sheet 'S' is damaged");
	}

	@Test
	void refusesAZipOfMoreEntriesThanPoiAllows() throws IOException {
		Map<String, byte[]> entries = IngestFixtures.unzip(poiWorkbook("many.xlsx"));
		for (int i = 0; i < 1_001; i++) {
			entries.put("xl/media/image" + i + ".png", new byte[] { 1 });
		}
		Path many = IngestFixtures.zip(dir.resolve("many-entries.xlsx"), entries);
		assertThatThrownBy(() -> new XlsxFile(many)).isInstanceOf(IOException.class).hasMessageStartingWith(
				"not a readable .xlsx workbook: The file appears to be potentially malicious. This file embeds more internal"
						+ " file entries than expected.");
		assertThat(outcome(many, false)).isEqualTo(outcome(many, true));
	}

	/**
	 * Cut at every length: each copy opens, reads the same rows and fails at the same point (the
	 * same kind of message) as with the OPC reader, which falls back to the zip's local headers when
	 * the central directory is cut off.
	 */
	@Test
	void truncatedCopiesFailOrReadAsWithTheOpcReader() throws Exception {
		byte[] bytes = Files.readAllBytes(libreOfficeWorkbook());
		List<String> differences = new ArrayList<>();
		int readable = 0;
		// sparsely through the entries, closely through the central directory at the end
		for (int length = 0; length <= bytes.length; length += length < bytes.length - 900 ? 251 : 9) {
			Path cut = Files.write(dir.resolve("cut.xlsx"), Arrays.copyOf(bytes, length));
			List<String> outcome = outcome(cut, false);
			readable += outcome.contains(CANNOT_BE_OPENED) ? 0 : 1;
			if (!outcome.equals(outcome(cut, true))) {
				differences.add("cut at " + length + ": " + outcome + " vs " + outcome(cut, true));
			}
		}
		assertThat(differences).isEmpty();
		assertThat(readable).as("copies cut in the central directory only, read from the local headers").isGreaterThan(1);
	}

	/**
	 * With bytes overwritten, most copies read or fail as with the OPC reader. Where they do not, this
	 * reader reads only rows of the undamaged workbook: it reads on when the damage is in parts it has
	 * no use for (document properties, the content types, the package relationships when
	 * xl/workbook.xml is there), which stopped the OPC reader, and it refuses a workbook whose shared
	 * strings or styles part has gone (a damaged entry name), which the OPC reader read without them.
	 */
	@Test
	void damagedCopiesFailOrReadAsWithTheOpcReaderOrReadOnlyUndamagedRows() throws Exception {
		Path workbook = libreOfficeWorkbook();
		byte[] bytes = Files.readAllBytes(workbook);
		List<String> undamaged = outcome(workbook, false);
		Random random = new Random(1);
		List<String> unexpected = new ArrayList<>();
		int same = 0;
		int readOn = 0;
		int refused = 0;
		for (int i = 0; i < 300; i++) {
			byte[] damaged = bytes.clone();
			for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
				damaged[random.nextInt(damaged.length)] ^= (byte) (1 + random.nextInt(255));
			}
			Path flipped = Files.write(dir.resolve("flipped.xlsx"), damaged);
			List<String> outcome = outcome(flipped, false);
			List<String> reference = outcome(flipped, true);
			if (outcome.equals(reference)) {
				same++;
			}
			else if (outcome.contains(CANNOT_BE_OPENED)) {
				refused++;
				String message = messageOf(() -> new XlsxFile(flipped).close());
				if (!message.matches("not a readable \\.xlsx workbook: the part xl/(sharedStrings|styles)\\.xml is missing")) {
					unexpected.add("flip " + i + " refused: " + message + " vs " + reference);
				}
			}
			else {
				readOn++;
				List<String> rows = outcome.stream().filter(line -> line.contains("SheetRow")).toList();
				if (!undamaged.containsAll(rows)) {
					unexpected.add("flip " + i + ": " + outcome + " vs " + reference);
				}
			}
		}
		assertThat(unexpected).isEmpty();
		assertThat(same).isGreaterThan(100);
		assertThat(readOn).isPositive();
		assertThat(refused).isPositive();
	}

	/** A reader, open or failed, leaves no file open behind it. */
	@Test
	void closesTheZipOnCloseAndWhenOpeningFails() throws IOException {
		Path fds = Path.of("/proc/self/fd");
		org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(fds), "needs /proc/self/fd");
		Path file = poiWorkbook("close.xlsx");
		Map<String, byte[]> entries = IngestFixtures.unzip(file);
		entries.remove("xl/workbook.xml");
		Path broken = IngestFixtures.zip(dir.resolve("broken.xlsx"), entries);
		Path cut = Files.write(dir.resolve("cut.xlsx"), Arrays.copyOf(Files.readAllBytes(file), 2_000));
		long before = openFiles(fds);
		for (int i = 0; i < 50; i++) {
			try (XlsxFile xlsx = new XlsxFile(file)) {
				xlsx.rows(xlsx.sheets().get(1)).next(); // left part-way
			}
			assertThatThrownBy(() -> new XlsxFile(broken)).isInstanceOf(IOException.class);
			assertThatThrownBy(() -> new XlsxFile(cut)).isInstanceOf(IOException.class);
		}
		assertThat(openFiles(fds)).isLessThanOrEqualTo(before);
	}

	// ------------------------------------------------------------------ helpers

	private static final String CANNOT_BE_OPENED = "the workbook cannot be opened";

	private static Path libreOfficeWorkbook() throws URISyntaxException {
		return Path.of(XlsxFileEquivalenceTests.class.getResource("/fixtures/libreoffice/stafford-libreoffice.xlsx").toURI());
	}

	private static long openFiles(Path fds) throws IOException {
		try (Stream<Path> list = Files.list(fds)) {
			return list.count();
		}
	}

	/** Every sheet and row as XlsxFile reads them equal POI's usermodel and the OPC reader's. */
	private static void assertSameAsPoi(Path workbook) throws IOException {
		Map<SheetInfo, List<SheetRow>> read = read(workbook, false);
		assertThat(read).as(workbook.toString()).isEqualTo(usermodel(workbook));
		assertThat(read).as(workbook.toString()).isEqualTo(read(workbook, true));
	}

	private static void assertSameAsReference(Path workbook) throws IOException {
		assertThat(read(workbook, false)).as(workbook.toString()).isEqualTo(read(workbook, true));
	}

	private static Map<SheetInfo, List<SheetRow>> read(Path workbook, boolean reference) throws IOException {
		Map<SheetInfo, List<SheetRow>> sheets = new LinkedHashMap<>();
		try (TabularFile file = reference ? new OpcXlsxReference(workbook) : new XlsxFile(workbook)) {
			for (SheetInfo sheet : file.sheets()) {
				sheets.put(sheet, XlsxFileTests.rows(file, sheet));
			}
		}
		return sheets;
	}

	/**
	 * What a reader makes of a file, damaged or not: its sheets and rows, and where and how it fails
	 * (the message up to its detail, which is the zip or XML library's own).
	 */
	private static List<String> outcome(Path workbook, boolean reference) {
		List<String> outcome = new ArrayList<>();
		try (TabularFile file = reference ? new OpcXlsxReference(workbook) : new XlsxFile(workbook)) {
			outcome.add("sheets " + file.sheets());
			for (SheetInfo sheet : file.sheets()) {
				try {
					RowCursor cursor = file.rows(sheet);
					SheetRow row;
					while ((row = cursor.next()) != null) {
						outcome.add(sheet.name() + ": " + row);
					}
				}
				catch (IOException | RuntimeException ex) {
					outcome.add("failed: " + kind(ex));
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// the OPC reader let some of POI's IOExceptions through as they were: a failure to open all the same
			outcome.add(CANNOT_BE_OPENED);
		}
		return outcome;
	}

	private static String kind(Exception ex) {
		String message = String.valueOf(ex.getMessage());
		for (String prefix : List.of("' cannot be opened", "' is damaged")) {
			int at = message.indexOf(prefix);
			if (at >= 0) {
				return message.substring(0, at + prefix.length());
			}
		}
		return ex.getClass().getSimpleName();
	}

	private interface Failing {
		void run() throws Exception;
	}

	private static String messageOf(Failing failing) {
		try {
			failing.run();
		}
		catch (Exception ex) {
			return ex.getMessage();
		}
		throw new AssertionError("did not fail");
	}

	/**
	 * The cells as POI's usermodel has them, as the readers report them: formula cells by their
	 * cached value, numbers formatted by a Locale.UK DataFormatter with the style's format (a cell
	 * without an s attribute read as General, as the streaming readers always did), blanks left out.
	 */
	private static Map<SheetInfo, List<SheetRow>> usermodel(Path workbook) throws IOException {
		DataFormatter formatter = new DataFormatter(Locale.UK);
		Map<SheetInfo, List<SheetRow>> sheets = new LinkedHashMap<>();
		try (OPCPackage pkg = OPCPackage.open(workbook.toFile(), PackageAccess.READ);
				XSSFWorkbook wb = new XSSFWorkbook(pkg)) {
			for (int s = 0; s < wb.getNumberOfSheets(); s++) {
				XSSFSheet sheet = wb.getSheetAt(s);
				SheetInfo info = new SheetInfo(sheet.getSheetName(), wb.isSheetHidden(s) || wb.isSheetVeryHidden(s),
						wb.getRelationId(sheet));
				List<SheetRow> rows = new ArrayList<>();
				for (Row row : sheet) {
					List<Cell> cells = new ArrayList<>();
					for (org.apache.poi.ss.usermodel.Cell c : row) {
						Cell cell = usermodelCell((XSSFCell) c, formatter);
						if (cell != null) {
							cells.add(cell);
						}
					}
					if (!cells.isEmpty()) {
						rows.add(new SheetRow(row.getRowNum() + 1, cells));
					}
				}
				sheets.put(info, rows);
			}
		}
		catch (org.apache.poi.openxml4j.exceptions.InvalidFormatException ex) {
			throw new IOException(ex);
		}
		return sheets;
	}

	private static Cell usermodelCell(XSSFCell c, DataFormatter formatter) {
		boolean formula = c.getCellType() == CellType.FORMULA;
		CellType type = formula ? c.getCachedFormulaResultType() : c.getCellType();
		int column = c.getColumnIndex();
		return switch (type) {
			case NUMERIC -> {
				int index = 0;
				String format = null;
				if (c.getCTCell().isSetS()) {
					index = c.getCellStyle().getDataFormat();
					format = c.getCellStyle().getDataFormatString();
				}
				format = format == null ? "General" : format;
				double value = c.getNumericCellValue();
				yield new Cell(column, formatter.formatRawCellContents(value, index, format), value, format, formula);
			}
			case STRING -> new Cell(column, c.getRichStringCellValue().getString(), null, null, formula);
			case BOOLEAN -> new Cell(column, c.getBooleanCellValue() ? "TRUE" : "FALSE", null, null, formula);
			case ERROR -> new Cell(column, FormulaError.forInt(c.getErrorCellValue()).getString(), null, null, formula);
			default -> null;
		};
	}

	/** A POI-written workbook: a cover sheet and a sheet of shared strings and numbers. */
	private Path poiWorkbook(String name) throws IOException {
		try (IngestFixtures.Book book = IngestFixtures.book()) {
			return book.sheet("Cover")
				.row(1, "Stafford Borough Council")
				.sheet("Stafford")
				.row(1, "Box no", "Ballot papers issued", "Ballot papers verified")
				.row(2, "ST01", IngestFixtures.count(812), IngestFixtures.count(812))
				.row(3, "ST02", IngestFixtures.count(1_210), IngestFixtures.num(0.6539, "0.00%"))
				.write(dir.resolve(name));
		}
	}

	/**
	 * A one-sheet workbook ("S", rId1) from hand-written parts, with or without styles and shared
	 * strings, as a writer other than POI might lay it out.
	 */
	private Path rawWorkbook(String styles, String sharedStrings, String sheet) throws IOException {
		Map<String, byte[]> entries = new LinkedHashMap<>();
		StringBuilder types = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
				+ "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
				+ "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
				+ "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
				+ "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>"
				+ "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>");
		StringBuilder rels = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
				+ "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
				+ "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>");
		if (styles != null) {
			types.append("<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>");
			rels.append("<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>");
			entries.put("xl/styles.xml", styles.getBytes(StandardCharsets.UTF_8));
		}
		if (sharedStrings != null) {
			types.append("<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>");
			rels.append("<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"/xl/sharedStrings.xml\"/>");
			entries.put("xl/sharedStrings.xml", sharedStrings.getBytes(StandardCharsets.UTF_8));
		}
		entries.put("[Content_Types].xml", types.append("</Types>").toString().getBytes(StandardCharsets.UTF_8));
		entries.put("_rels/.rels", ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
				+ "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
				+ "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/>"
				+ "</Relationships>").getBytes(StandardCharsets.UTF_8));
		entries.put("xl/workbook.xml", ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"" + MAIN
				+ "\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">"
				+ "<sheets><sheet name=\"S\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>").getBytes(StandardCharsets.UTF_8));
		entries.put("xl/_rels/workbook.xml.rels", rels.append("</Relationships>").toString().getBytes(StandardCharsets.UTF_8));
		entries.put("xl/worksheets/sheet1.xml", sheet.getBytes(StandardCharsets.UTF_8));
		return IngestFixtures.zip(Files.createTempFile(dir, "raw", ".xlsx"), entries);
	}

	private static final String STYLES = """
			<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
			<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
			<numFmts count="6">
			<numFmt numFmtId="3" formatCode="0.0"/>
			<numFmt numFmtId="164" formatCode="&quot;£&quot;#,##0"/>
			<numFmt numFmtId="165" formatCode="0.000%"/>
			<numFmt numFmtId="165" formatCode="0.0%"/>
			<numFmt numFmtId="14" formatCode="General"/>
			<numFmt numFmtId="166" formatCode="#,##0"/>
			</numFmts>
			<fonts count="1"><font><sz val="11"/></font></fonts>
			<cellStyleXfs count="2"><xf numFmtId="10"/><xf numFmtId="4"/></cellStyleXfs>
			<cellXfs count="22">
			<xf numFmtId="0" xfId="0"/>
			<xf numFmtId="3" xfId="1"/>
			<xf numFmtId="164" xfId="0"/>
			<xf numFmtId="165"/>
			<xf/>
			<xf numFmtId="5"/><xf numFmtId="6"/><xf numFmtId="7"/><xf numFmtId="8"/>
			<xf numFmtId="23"/><xf numFmtId="30"/><xf numFmtId="36"/>
			<xf numFmtId="14"/>
			<xf numFmtId="22"/>
			<xf numFmtId="200"/>
			<xf numFmtId="49"/>
			<xf numFmtId="1"/>
			<xf numFmtId="166"/>
			<xf numFmtId="47"/>
			<xf numFmtId="65539"/>
			<xf numFmtId="167"/>
			<xf numFmtId="2"><alignment horizontal="left"/></xf>
			</cellXfs>
			<dxfs count="1"><dxf><numFmt numFmtId="167" formatCode="0.0000"/></dxf></dxfs>
			</styleSheet>
			""";

	private static final String SHARED_STRINGS = """
			<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
			<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="12" uniqueCount="12">\
			<si><t>plain</t></si>\
			<si><t xml:space="preserve">  spaced  </t></si>\
			<si><r><rPr><b/></rPr><t>Veri</t></r><r><t xml:space="preserve">fied </t></r></si>\
			<si><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh><phoneticPr fontId="1"/></si>\
			<si><r><t>run</t></r><rPh sb="0" eb="1"><t>ラン</t></rPh></si>\
			<si><t>a_x000D_b_x0041__x00e9_ and _x004g_ and _X0041_</t></si>\
			<si><t>&amp;&lt;&gt;&quot;&#x1F600;</t></si>\
			<si><t><![CDATA[cdata <text>]]></t></si>\
			<si/>\
			<si><t/></si>\
			<si><t>line1
			line2</t></si>\
			<si><x:t xmlns:x="urn:other">other namespace</x:t><t>plain</t></si>\
			</sst>
			""";

	/** Row 1: every shared string; row 2: odd cells; rows 3 on: each style with a range of numbers. */
	private static String sheetOfEveryCell() {
		StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"" + MAIN
				+ "\"><sheetData><row r=\"1\">");
		for (int i = 0; i < 12; i++) {
			xml.append("<c r=\"").append(CellReference.convertNumToColString(i)).append("1\" t=\"s\"><v>").append(i)
				.append("</v></c>");
		}
		xml.append("</row><row r=\"2\">")
			.append("<c r=\"A2\" t=\"s\"><v> 3 </v></c><c r=\"B2\" t=\"s\"><v></v></c><c r=\"C2\" t=\"s\"><v>  </v></c>")
			.append("<c r=\"D2\" t=\"inlineStr\"><is><t>x</t><rPh><t>y</t></rPh></is></c><c r=\"E2\" t=\"inlineStr\"/>")
			.append("<c r=\"F2\" t=\"inlineStr\"><is/></c><c r=\"G2\" t=\"inlineStr\"><is><r><t>a</t></r><r><t xml:space=\"preserve\"> b</t></r></is></c>")
			.append("<c r=\"H2\" t=\"b\"><v>0</v></c><c r=\"I2\" t=\"b\"><v>1</v></c><c r=\"J2\" t=\"b\"><v>true</v></c>")
			.append("<c r=\"K2\" t=\"b\"><v/></c><c r=\"L2\" t=\"e\"><v>#N/A</v></c><c r=\"M2\" t=\"str\"><f>\"s\"</f><v>s</v></c>")
			.append("<c r=\"N2\" t=\"d\"><v>2024-07-04T00:00:00</v></c><c r=\"O2\" t=\"n\"><f>1+1</f><v>2</v></c>")
			.append("<c r=\"P2\"><v>12abc</v></c><c r=\"Q2\"><v> 7 </v></c><c r=\"R2\"><v></v></c><c r=\"S2\"><f>A1</f></c>")
			.append("<c r=\"T2\"><v>1</v><v>2</v></c><c r=\"U2\" t=\"inlineStr\"><is><t>one</t></is><is><t>two</t></is></c>")
			.append("<c r=\"V2\"><v>4&#48;</v></c><c r=\"W2\"><v><![CDATA[41]]></v></c><c r=\"x2\"><v>5</v></c>")
			.append("<c r=\"$Z$2\"><v>6</v></c><c><v>7</v></c><c r=\"AB2\" t=\"inlineStr\"><is><t>&lt;&amp;&gt;</t></is></c>")
			.append("</row>");
		String[] values = { "0", "-0", "1", "-1", "812", "46169", "-46169", "999", "1000", "-1000", "1000000000", "1E9",
				"9999999999", "-9999999999", "10000000000", "1E15", "0.6539", "1234.5", "-1234.5", "1E-12", "45000",
				"45000.75", "3.0", "0.1", "123456.789", "2.5E-5" };
		for (int style = 0; style < 22; style++) {
			if (style == 12) {
				continue; // id 14 (a date) redefined as General: DataFormatter fails (failsOnBadCellsAsTheOpcReader)
			}
			int row = style + 3;
			xml.append("<row r=\"").append(row).append("\">");
			for (int i = 0; i < values.length; i++) {
				xml.append("<c r=\"").append(CellReference.convertNumToColString(i)).append(row).append("\" s=\"")
					.append(style).append("\"><v>").append(values[i]).append("</v></c>");
			}
			xml.append("</row>");
		}
		xml.append("<row><c><v>1</v></c><c t=\"inlineStr\"><is><t>no r</t></is></c></row>");
		return xml.append("</sheetData></worksheet>").toString();
	}
}
