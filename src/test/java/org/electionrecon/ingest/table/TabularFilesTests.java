package org.electionrecon.ingest.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.electionrecon.ingest.IngestFixtures.book;
import static org.electionrecon.ingest.IngestFixtures.count;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.apache.poi.hssf.record.crypto.Biff8EncryptionKey;
import org.apache.poi.hssf.usermodel.HSSFCell;
import org.apache.poi.hssf.usermodel.HSSFCellStyle;
import org.apache.poi.hssf.usermodel.HSSFRow;
import org.apache.poi.hssf.usermodel.HSSFSheet;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.crypt.EncryptionInfo;
import org.apache.poi.poifs.crypt.EncryptionMode;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.electionrecon.ingest.IngestFixtures.Book;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Opening a source by its content: what is read, and the reason a person gets for what is not. */
class TabularFilesTests {

	static final String ODS_MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet";

	@TempDir
	Path dir;

	@Test
	void anXlsxWorkbookOpensAsXlsx() throws IOException {
		try (TabularFile file = TabularFiles.open(xlsx("stafford.xlsx"))) {
			assertThat(UnreadableOnDamage.readerOf(file)).isInstanceOf(XlsxFile.class);
		}
	}

	@Test
	void anXlsxWorkbookNamedCsvIsStillReadAsAWorkbook() throws IOException {
		Path misnamed = Files.move(xlsx("stafford.xlsx"), dir.resolve("stafford.csv"));
		try (TabularFile file = TabularFiles.open(misnamed)) {
			assertThat(UnreadableOnDamage.readerOf(file)).isInstanceOf(XlsxFile.class);
		}
	}

	@Test
	void aCsvFileOpensAsCsv() throws IOException {
		Path csv = Files.writeString(dir.resolve("v.csv"), "Constituency,Box\nStafford,1\n");
		try (TabularFile file = TabularFiles.open(csv)) {
			assertThat(UnreadableOnDamage.readerOf(file)).isInstanceOf(CsvFile.class);
			assertThat(file.isCsv()).isTrue();
		}
	}

	@Test
	void anXlsWorkbookOpensWithHssfAndReadsLikeAnXlsx() throws IOException {
		Path xls = dir.resolve("legacy.xls");
		try (HSSFWorkbook wb = new HSSFWorkbook()) {
			HSSFSheet cover = wb.createSheet("Cover");
			cover.createRow(0).createCell(0).setCellValue("Stafford Borough Council");
			wb.setSheetHidden(0, true);
			HSSFSheet sheet = wb.createSheet("Stafford");
			HSSFCellStyle integer = wb.createCellStyle();
			integer.setDataFormat(wb.createDataFormat().getFormat("#,##0"));
			HSSFCellStyle percent = wb.createCellStyle();
			percent.setDataFormat(wb.createDataFormat().getFormat("0.00%"));
			HSSFRow row = sheet.createRow(4);
			row.createCell(0).setCellValue("Ynys Môn");
			HSSFCell electorate = row.createCell(1);
			electorate.setCellValue(46_169);
			electorate.setCellStyle(integer);
			HSSFCell turnout = row.createCell(2);
			turnout.setCellValue(0.6539);
			turnout.setCellStyle(percent);
			HSSFCell formula = row.createCell(4);
			formula.setCellFormula("B5*2");
			formula.setCellValue(92_338);
			formula.setCellStyle(integer);
			try (OutputStream out = Files.newOutputStream(xls)) {
				wb.write(out);
			}
		}
		try (TabularFile file = TabularFiles.open(xls)) {
			assertThat(UnreadableOnDamage.readerOf(file)).isInstanceOf(XlsFile.class);
			assertThat(file.sheets()).extracting(SheetInfo::name, SheetInfo::hidden).containsExactly(
					org.assertj.core.groups.Tuple.tuple("Cover", true), org.assertj.core.groups.Tuple.tuple("Stafford", false));
			assertThat(XlsxFileTests.rows(file, file.sheets().get(1))).containsExactly(new SheetRow(5, List.of(
					new Cell(0, "Ynys Môn", null, null, false),
					new Cell(1, "46,169", 46_169.0, "#,##0", false),
					new Cell(2, "65.39%", 0.6539, "0.00%", false),
					new Cell(4, "92,338", 92_338.0, "#,##0", true))));
		}
	}

	@Test
	void anEmptyFileIsUnreadable() throws IOException {
		Path empty = Files.createFile(dir.resolve("empty.csv"));
		assertUnreadable(empty, "the file is empty");
		assertUnreadable(Files.createFile(dir.resolve("empty.xlsx")), "the file is empty");
	}

	@Test
	void aTruncatedXlsxIsUnreadable() throws IOException {
		Path whole = xlsx("whole.xlsx");
		Path truncated = Files.write(dir.resolve("truncated.xlsx"), Arrays.copyOf(Files.readAllBytes(whole), 100));
		assertThatThrownBy(() -> TabularFiles.open(truncated)).isInstanceOf(UnreadableSourceException.class)
			.hasMessageStartingWith("a damaged or truncated .xlsx workbook (")
			.hasMessageEndingWith(")");
	}

	@Test
	void aTruncatedXlsIsUnreadable() throws IOException {
		Path xls = dir.resolve("whole.xls");
		try (HSSFWorkbook wb = new HSSFWorkbook(); OutputStream out = Files.newOutputStream(xls)) {
			wb.createSheet("S").createRow(0).createCell(0).setCellValue("x");
			wb.write(out);
		}
		Path truncated = Files.write(dir.resolve("truncated.xls"), Arrays.copyOf(Files.readAllBytes(xls), 100));
		assertThatThrownBy(() -> TabularFiles.open(truncated)).isInstanceOf(UnreadableSourceException.class)
			.hasMessageStartingWith("a damaged or truncated .xls workbook (");
	}

	@Test
	void aPdfIsUnreadableWhateverItsName() throws IOException {
		byte[] pdf = "%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
		String reason = "a PDF document is not a spreadsheet: ask the council for the .xlsx or .csv";
		assertUnreadable(Files.write(dir.resolve("statement.pdf"), pdf), reason);
		assertUnreadable(Files.write(dir.resolve("statement.xlsx"), pdf), reason);
		assertUnreadable(Files.write(dir.resolve("statement.csv"), pdf), reason);
	}

	@Test
	void anOpenDocumentSpreadsheetIsUnreadable() throws IOException {
		String reason = "OpenDocument spreadsheets (.ods) are not supported: save it as .xlsx or .csv";
		assertUnreadable(ods(dir.resolve("statement.ods")), reason);
		// judged by content too: the mimetype entry says what it is
		assertUnreadable(ods(dir.resolve("statement.xlsx")), reason);
	}

	@Test
	void aTextFileIsUnreadable() throws IOException {
		assertUnreadable(Files.writeString(dir.resolve("notes.txt"), "Stafford: all boxes verified\n"),
				"unsupported file type: only .xlsx, .xlsm, .xls and .csv are read");
		assertUnreadable(Files.writeString(dir.resolve("noextension"), "Constituency,Box\n"),
				"unsupported file type: only .xlsx, .xlsm, .xls and .csv are read");
	}

	@Test
	void textNamedAsAWorkbookIsUnreadable() throws IOException {
		assertUnreadable(Files.writeString(dir.resolve("statement.xlsx"), "Constituency,Box\nStafford,1\n"),
				"the file is named .xlsx but its content is not a workbook (truncated or another format)");
		assertUnreadable(Files.writeString(dir.resolve("statement.xls"), "Constituency,Box\n"),
				"the file is named .xls but its content is not a workbook (truncated or another format)");
		assertUnreadable(Files.writeString(dir.resolve("macro.XLSM"), "<html></html>"),
				"the file is named .xlsm but its content is not a workbook (truncated or another format)");
	}

	/**
	 * fixtures/ingest/password-protected.xlsx: a one-sheet workbook encrypted with POI's agile
	 * EncryptionInfo, password "secret" (committed: encrypting in the test takes over a second).
	 */
	@Test
	void aPasswordProtectedXlsxIsUnreadable() throws Exception {
		Path fixture = Path.of(TabularFilesTests.class.getResource("/fixtures/ingest/password-protected.xlsx").toURI());
		Path encrypted = Files.copy(fixture, dir.resolve("protected.xlsx"));
		try (POIFSFileSystem fs = new POIFSFileSystem(encrypted.toFile(), true)) {
			// it is what it says: an agile-encrypted package that opens with the password
			EncryptionInfo info = new EncryptionInfo(fs);
			assertThat(info.getEncryptionMode()).isEqualTo(EncryptionMode.agile);
		}
		assertUnreadable(encrypted, "the workbook is password-protected: ask for an unprotected copy");
		assertUnreadable(Files.copy(fixture, dir.resolve("protected.xls")),
				"the workbook is password-protected: ask for an unprotected copy");
	}

	/** An .xls workbook saved with a password to open (BIFF8 RC4 CryptoAPI encryption). */
	@Test
	void aPasswordProtectedXlsIsUnreadable() throws IOException {
		Path xls = dir.resolve("protected.xls");
		Biff8EncryptionKey.setCurrentUserPassword("secret");
		try (HSSFWorkbook wb = new HSSFWorkbook(); OutputStream out = Files.newOutputStream(xls)) {
			wb.createSheet("Stafford").createRow(0).createCell(0).setCellValue("Box no");
			wb.write(out);
		}
		finally {
			Biff8EncryptionKey.setCurrentUserPassword(null);
		}
		assertUnreadable(xls, "the workbook is password-protected: ask for an unprotected copy");
	}

	/** HSSF loads a whole .xls: one over 32 MiB is refused before POI reads a byte of it. */
	@Test
	void anXlsOverTheSizeLimitIsRefusedBeforePoiReadsIt() throws IOException {
		Path xls = dir.resolve("huge.xls");
		try (java.io.RandomAccessFile file = new java.io.RandomAccessFile(xls.toFile(), "rw")) {
			file.write(new byte[] { (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1 });
			file.setLength(ReaderLimits.MAX_XLS_BYTES + 1); // sparse: nothing written past the header
		}
		assertThatThrownBy(() -> TabularFiles.open(xls)).isInstanceOf(ReaderLimitException.class)
			.hasMessage("the .xls workbook: its size is over the limit of 33,554,432 bytes");
	}

	/**
	 * A cell whose style index lies past the workbook's styles table: POI fails on it with a runtime
	 * exception, which is the file's reason, not the run's failure.
	 */
	@Test
	void anXlsCellWithAStylePastTheStylesTableIsTheFilesReason() throws IOException {
		Path xls = dir.resolve("bad-style.xls");
		try (HSSFWorkbook wb = new HSSFWorkbook(); OutputStream out = Files.newOutputStream(xls)) {
			HSSFRow row = wb.createSheet("Stafford").createRow(0);
			row.createCell(0).setCellValue("Box no");
			row.createCell(1).setCellValue(12);
			wb.write(out);
		}
		try (POIFSFileSystem fs = new POIFSFileSystem(xls.toFile(), false)) {
			byte[] records;
			try (InputStream in = fs.createDocumentInputStream("Workbook")) {
				records = in.readAllBytes();
			}
			for (int at = 0; at + 4 <= records.length;) {
				int sid = (records[at] & 0xFF) | (records[at + 1] & 0xFF) << 8;
				int size = (records[at + 2] & 0xFF) | (records[at + 3] & 0xFF) << 8;
				if (sid == 0x0203) { // NUMBER: row, column, style (XF) index, value
					records[at + 8] = (byte) 0xE7;
					records[at + 9] = 0x03; // style 999
				}
				at += 4 + size;
			}
			fs.createOrUpdateDocument(new ByteArrayInputStream(records), "Workbook");
			fs.writeFilesystem();
		}
		try (TabularFile file = TabularFiles.open(xls)) {
			assertThatThrownBy(() -> XlsxFileTests.rows(file, file.sheets().get(0)))
				.isInstanceOf(UnreadableSourceException.class)
				.hasMessage("sheet 'Stafford' is damaged: Index 1032 out of bounds for length 68");
		}
	}

	private static void assertUnreadable(Path file, String reason) {
		assertThatThrownBy(() -> TabularFiles.open(file)).isInstanceOf(UnreadableSourceException.class)
			.hasMessage(reason);
	}

	private Path xlsx(String name) throws IOException {
		try (Book book = book()) {
			return book.sheet("Stafford")
				.row(1, "Box no", "Ballot papers issued", "Ballot papers verified")
				.row(2, "ST01", count(812), count(812))
				.write(dir.resolve(name));
		}
	}

	/** An OpenDocument spreadsheet's opening: the stored "mimetype" entry first, as the format requires. */
	static Path ods(Path file) throws IOException {
		Map<String, byte[]> entries = new LinkedHashMap<>();
		entries.put("mimetype", ODS_MIMETYPE.getBytes(StandardCharsets.US_ASCII));
		entries.put("content.xml", "<office:document-content/>".getBytes(StandardCharsets.UTF_8));
		return storedZip(file, entries);
	}

	/** A zip of the entries, in order, each stored without compression. */
	static Path storedZip(Path file, Map<String, byte[]> entries) throws IOException {
		try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
			for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
				ZipEntry stored = new ZipEntry(entry.getKey());
				stored.setMethod(ZipEntry.STORED);
				stored.setSize(entry.getValue().length);
				CRC32 crc = new CRC32();
				crc.update(entry.getValue());
				stored.setCrc(crc.getValue());
				zip.putNextEntry(stored);
				zip.write(entry.getValue());
				zip.closeEntry();
			}
		}
		return file;
	}
}
