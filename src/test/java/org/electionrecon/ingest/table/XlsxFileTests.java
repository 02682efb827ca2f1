package org.electionrecon.ingest.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.electionrecon.ingest.IngestFixtures.book;
import static org.electionrecon.ingest.IngestFixtures.count;
import static org.electionrecon.ingest.IngestFixtures.num;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.electionrecon.ingest.IngestFixtures;
import org.electionrecon.ingest.IngestFixtures.Book;
import org.electionrecon.ingest.IngestFixtures.Formula;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streaming .xlsx reader: what each kind of cell reads as, sheet visibility, row numbering. */
class XlsxFileTests {

	@TempDir
	Path dir;

	@Test
	void readsSharedStringsNumbersWithTheirFormatsAndFormulaCachedValues() throws IOException {
		Path file;
		try (Book book = book()) {
			file = book.sheet("Stafford")
				.row(1, "Box no", "Ballot papers issued")
				.row(3, "ST01", count(46_169), num(0.6539, "0.00%"), 812, new Formula("D3+1", 813.0),
						new Formula("\"a\"&\"b\"", "ab"), new Formula("SUM(B3:B3)", 46_169.0, "#,##0"))
				.write(dir.resolve("stafford.xlsx"));
		}
		try (XlsxFile xlsx = new XlsxFile(file)) {
			assertThat(xlsx.isCsv()).isFalse();
			assertThat(xlsx.sheets()).extracting(SheetInfo::name, SheetInfo::hidden)
				.containsExactly(org.assertj.core.groups.Tuple.tuple("Stafford", false));
			List<SheetRow> rows = rows(xlsx, xlsx.sheets().get(0));
			assertThat(rows).extracting(SheetRow::number).containsExactly(1, 3);
			assertThat(rows.get(0).cells()).containsExactly(new Cell(0, "Box no", null, null, false),
					new Cell(1, "Ballot papers issued", null, null, false));
			assertThat(rows.get(1).cells()).containsExactly(
					new Cell(0, "ST01", null, null, false),
					new Cell(1, "46,169", 46_169.0, "#,##0", false),
					new Cell(2, "65.39%", 0.6539, "0.00%", false),
					new Cell(3, "812", 812.0, "General", false),
					new Cell(4, "813", 813.0, "General", true),
					new Cell(5, "ab", null, null, true),
					new Cell(6, "46,169", 46_169.0, "#,##0", true));
			// the formula text itself is never handed out
			assertThat(rows.get(1).cells()).extracting(Cell::text)
				.noneMatch(t -> t.contains("D3") || t.contains("SUM") || t.contains("&"));
		}
	}

	@Test
	void readsInlineStringsAsStreamingWritersSaveThem() throws IOException {
		Path file = dir.resolve("inline.xlsx");
		try (SXSSFWorkbook wb = new SXSSFWorkbook(10)) { // SXSSF writes inline strings by default
			Sheet sheet = wb.createSheet("Crewe and Nantwich");
			Row row = sheet.createRow(0);
			row.createCell(0).setCellValue("Crewe & Nantwich");
			row.createCell(1).setCellValue("Ynys Môn");
			row.createCell(2).setCellValue(46_169);
			try (OutputStream out = Files.newOutputStream(file)) {
				wb.write(out);
			}
			wb.dispose();
		}
		assertThat(new String(IngestFixtures.unzip(file).get("xl/worksheets/sheet1.xml"), StandardCharsets.UTF_8))
			.contains("t=\"inlineStr\"");
		try (XlsxFile xlsx = new XlsxFile(file)) {
			List<SheetRow> rows = rows(xlsx, xlsx.sheets().get(0));
			assertThat(rows).containsExactly(new SheetRow(1, List.of(new Cell(0, "Crewe & Nantwich", null, null, false),
					new Cell(1, "Ynys Môn", null, null, false), new Cell(2, "46169", 46_169.0, "General", false))));
		}
	}

	@Test
	void flagsHiddenAndVeryHiddenSheets() throws IOException {
		Path file;
		try (Book book = book()) {
			file = book.sheet("Cover").row(1, "Stafford Borough Council")
				.sheet("Old").row(1, "2019").hidden()
				.sheet("Older").row(1, "2017").veryHidden()
				.sheet("Stafford").row(1, "Box no")
				.write(dir.resolve("hidden.xlsx"));
		}
		try (XlsxFile xlsx = new XlsxFile(file)) {
			assertThat(xlsx.sheets()).extracting(SheetInfo::name, SheetInfo::hidden).containsExactly(
					org.assertj.core.groups.Tuple.tuple("Cover", false), org.assertj.core.groups.Tuple.tuple("Old", true),
					org.assertj.core.groups.Tuple.tuple("Older", true),
					org.assertj.core.groups.Tuple.tuple("Stafford", false));
			// each sheet's own rows, whichever was read before
			assertThat(rows(xlsx, xlsx.sheets().get(3))).containsExactly(
					new SheetRow(1, List.of(new Cell(0, "Box no", null, null, false))));
			assertThat(rows(xlsx, xlsx.sheets().get(0))).containsExactly(
					new SheetRow(1, List.of(new Cell(0, "Stafford Borough Council", null, null, false))));
		}
	}

	@Test
	void numbersSparseRowsAndColumnsAsTheSheetHasThem() throws IOException {
		Path file;
		try (Book book = book()) {
			book.sheet("Sparse")
				.row(2, null, "B2")
				.row(5, null, null, null, "D5")
				.row(10, "A10");
			Row empty = book.workbook().getSheet("Sparse").createRow(6); // a row element with no cells
			empty.createCell(2).setCellStyle(book.workbook().createCellStyle()); // a styled, empty cell
			Row wide = book.workbook().getSheet("Sparse").createRow(11);
			wide.createCell(26).setCellValue("AA12");
			file = book.write(dir.resolve("sparse.xlsx"));
		}
		try (XlsxFile xlsx = new XlsxFile(file)) {
			assertThat(rows(xlsx, xlsx.sheets().get(0))).containsExactly(
					new SheetRow(2, List.of(new Cell(1, "B2", null, null, false))),
					new SheetRow(5, List.of(new Cell(3, "D5", null, null, false))),
					new SheetRow(10, List.of(new Cell(0, "A10", null, null, false))),
					new SheetRow(12, List.of(new Cell(26, "AA12", null, null, false))));
		}
	}

	/** Rows and cells without r attributes (allowed by the format), rich inline text, errors, booleans. */
	@Test
	void numbersRowsAndCellsThatHaveNoReferenceByPosition() throws IOException {
		Path file;
		try (Book book = book()) {
			file = book.sheet("Raw").row(1, "placeholder").write(dir.resolve("raw.xlsx"));
		}
		String sheetXml = """
				<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
				<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
				<row><c t="inlineStr"><is><t>Box</t></is></c><c t="inlineStr"><is><r><t>Veri</t></r><r><t>fied</t></r></is></c></row>
				<row><c><v>1</v></c><c t="n"><v>12.5</v></c><c><f>A2*2</f><v>2</v></c></row>
				<row r="5"><c r="C5" t="e"><v>#DIV/0!</v></c><c t="b"><v>1</v></c><c t="str"><f>"x"</f><v>x</v></c></row>
				<row><c r="B6"><f>B5</f></c></row>
				<row><c r="B7" t="inlineStr"><is><t>  </t></is></c></row>
				</sheetData></worksheet>
				""";
		IngestFixtures.rewriteEntry(file, "xl/worksheets/sheet1.xml", old -> sheetXml.getBytes(StandardCharsets.UTF_8));
		try (XlsxFile xlsx = new XlsxFile(file)) {
			assertThat(rows(xlsx, xlsx.sheets().get(0))).containsExactly(
					new SheetRow(1, List.of(new Cell(0, "Box", null, null, false), new Cell(1, "Verified", null, null, false))),
					new SheetRow(2, List.of(new Cell(0, "1", 1.0, "General", false), new Cell(1, "12.5", 12.5, "General", false),
							new Cell(2, "2", 2.0, "General", true))),
					new SheetRow(5, List.of(new Cell(2, "#DIV/0!", null, null, false), new Cell(3, "TRUE", null, null, false),
							new Cell(4, "x", null, null, true))),
					// row 6: a formula never calculated has no cached value, so no cell and no row
					new SheetRow(7, List.of(new Cell(1, "  ", null, null, false))));
		}
	}

	@Test
	void aSecondCursorOnTheSameSheetStartsAgainFromTheTop() throws IOException {
		Path file;
		try (Book book = book()) {
			file = book.sheet("S").row(1, "a").row(2, "b").write(dir.resolve("again.xlsx"));
		}
		try (XlsxFile xlsx = new XlsxFile(file)) {
			SheetInfo sheet = xlsx.sheets().get(0);
			assertThat(xlsx.rows(sheet).next().number()).isEqualTo(1);
			assertThat(rows(xlsx, sheet)).extracting(SheetRow::number).containsExactly(1, 2);
		}
	}

	/**
	 * Inputs come from outside: a sheet's DOCTYPE never brings a file's content in (an external
	 * entity) nor expands an entity bomb; the sheet is refused, and with it the file.
	 */
	@Test
	void neverExpandsTheEntitiesOfADoctype() throws IOException {
		Path secret = Files.writeString(dir.resolve("secret.txt"), "the returning officer's password");
		String external = "<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM \"" + secret.toUri() + "\">]>";
		String bomb = "<!DOCTYPE worksheet [<!ENTITY a \"aaaaaaaaaa\">" + "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
				+ "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">" + "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]>";
		for (String[] doctypeAndEntity : new String[][] { { external, "&xxe;" }, { bomb, "&d;" } }) {
			Path file;
			try (Book book = book()) {
				file = book.sheet("Stafford").row(1, "Box no", count(12)).write(dir.resolve("entities.xlsx"));
			}
			IngestFixtures.rewriteEntry(file, "xl/worksheets/sheet1.xml", xml -> {
				String text = new String(xml, StandardCharsets.UTF_8);
				String withDoctype = text.replaceFirst("\\?>", "?>" + doctypeAndEntity[0]);
				return withDoctype.replaceFirst("</row>",
						"<c r=\"C1\" t=\"inlineStr\"><is><t>" + doctypeAndEntity[1] + "</t></is></c></row>")
					.getBytes(StandardCharsets.UTF_8);
			});
			String sheetXml = new String(IngestFixtures.unzip(file).get("xl/worksheets/sheet1.xml"),
					StandardCharsets.UTF_8);
			assertThat(sheetXml).contains("<!DOCTYPE worksheet [<!ENTITY").contains(doctypeAndEntity[1]);
			List<String> texts = new ArrayList<>();
			org.assertj.core.api.Assertions.assertThatThrownBy(() -> {
				try (XlsxFile xlsx = new XlsxFile(file)) {
					rows(xlsx, xlsx.sheets().get(0)).forEach(row -> row.cells().forEach(cell -> texts.add(cell.text())));
				}
			}).as(doctypeAndEntity[1]).hasMessage("sheet 'Stafford' is damaged: a DOCTYPE, which no workbook part has: refused");
			assertThat(texts).noneMatch(text -> text.contains("password") || text.contains("aaaa"));
		}
	}

	static List<SheetRow> rows(TabularFile file, SheetInfo sheet) throws IOException {
		RowCursor cursor = file.rows(sheet);
		List<SheetRow> rows = new ArrayList<>();
		SheetRow row;
		while ((row = cursor.next()) != null) {
			rows.add(row);
		}
		return rows;
	}
}
