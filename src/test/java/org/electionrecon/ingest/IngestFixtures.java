package org.electionrecon.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.SheetVisibility;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.electionrecon.model.Constituency;
import org.electionrecon.model.Staged;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Test fixtures for the ingest tests: a small register, workbooks written cell by cell with POI,
 * and the ingest step's partitions ({@link SourceFilePartitioner}), each read by its
 * {@link SourceFileReader} the way Spring Batch drives it.
 */
public final class IngestFixtures {

	public static final String STAFFORD = "E14001513";
	public static final String STOKE_NORTH = "E14001521";
	public static final String CREWE = "E14001185";
	public static final String KINGSWINFORD = "E14001316";
	public static final String YNYS_MON = "W07000112";

	private IngestFixtures() {
	}

	public static List<Constituency> register() {
		return List.of(
				new Constituency(STAFFORD, "Stafford", "West Midlands", "Staffordshire", "Staffs", List.of()),
				new Constituency(STOKE_NORTH, "Stoke-on-Trent North", "West Midlands", "Staffordshire", "Staffs",
						List.of("Stoke-On-Trent North")),
				new Constituency(CREWE, "Crewe and Nantwich", "North West", "Cheshire", "Staffs", List.of()),
				new Constituency(KINGSWINFORD, "Kingswinford and South Staffordshire", "West Midlands",
						"Staffordshire", "Staffs", List.of()),
				new Constituency(YNYS_MON, "Ynys Môn", "Wales", null, "Wales", List.of()));
	}

	public static ParseContext context(List<Constituency> register) {
		return new ParseContext(new ConstituencyDirectory(register), PartyNames.defaults(), Map.of());
	}

	public static ParseContext context() {
		return context(register());
	}

	// ---------------------------------------------------------------- Spring Batch

	/** The partitions of the files of those kinds, in the contract's order, as the ingest step makes them. */
	public static List<ExecutionContext> partitions(Path input, List<SourceKind> kinds) {
		return List.copyOf(new SourceFilePartitioner(input, kinds, 0).partition(1).values());
	}

	/** The reader of one partition, reading with {@code context}. */
	public static SourceFileReader reader(ExecutionContext partition, ParseContext context) {
		return SourceFileReader.of(partition, () -> context);
	}

	/** Opens the reader with {@code executionContext} and reads until it returns null. */
	public static List<StagedItem> readToEnd(SourceFileReader reader, ExecutionContext executionContext)
			throws IOException {
		reader.open(executionContext);
		try {
			List<StagedItem> items = new ArrayList<>();
			StagedItem item;
			while ((item = reader.read()) != null) {
				items.add(item);
			}
			return items;
		}
		finally {
			reader.close();
		}
	}

	/** Every partition of the files of those kinds read to its end, one after another, in order. */
	public static List<StagedItem> readAll(Path input, ParseContext context, List<SourceKind> kinds)
			throws IOException {
		List<StagedItem> items = new ArrayList<>();
		for (ExecutionContext partition : partitions(input, kinds)) {
			items.addAll(readToEnd(reader(partition, context), new ExecutionContext(partition)));
		}
		return items;
	}

	public static List<Staged> records(List<StagedItem> items) {
		return items.stream().map(StagedItem::record).toList();
	}

	public static List<Staged> records(Path input, ParseContext context, SourceKind... kinds) throws IOException {
		return records(readAll(input, context, List.of(kinds)));
	}

	public static <T> List<T> only(List<? extends Staged> records, Class<T> type) {
		return records.stream().filter(type::isInstance).map(type::cast).toList();
	}

	/** The register as the job would stage it: read from {@code register/} through the reader. */
	public static List<Constituency> readRegister(Path input) throws IOException {
		ParseContext empty = context(List.of());
		return only(records(input, empty, SourceKind.REGISTER), Constituency.class);
	}

	public static String sha256(Path file) throws IOException {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	// ---------------------------------------------------------------- workbooks

	/** A numeric cell with a number format. */
	public record Num(double value, String format) {
	}

	/** A formula cell with a cached result (a Double or a String), as Excel saves it. */
	public record Formula(String formula, Object cached, String format) {

		public Formula(String formula, Object cached) {
			this(formula, cached, null);
		}
	}

	public static Num num(double value, String format) {
		return new Num(value, format);
	}

	/** A count as councils format it: {@code #,##0}. */
	public static Num count(long value) {
		return new Num(value, "#,##0");
	}

	/**
	 * Writes a workbook cell by cell: Strings are string cells, Numbers General numeric cells,
	 * {@link Num} and {@link Formula} what they say, null leaves the cell out.
	 */
	public static final class Book implements AutoCloseable {

		private final Workbook workbook;
		private final Map<String, CellStyle> styles = new HashMap<>();
		private Sheet sheet;

		public Book(Workbook workbook) {
			this.workbook = workbook;
		}

		public Book sheet(String name) {
			sheet = workbook.createSheet(name);
			return this;
		}

		public Book hidden() {
			workbook.setSheetVisibility(workbook.getSheetIndex(sheet), SheetVisibility.HIDDEN);
			return this;
		}

		public Book veryHidden() {
			workbook.setSheetVisibility(workbook.getSheetIndex(sheet), SheetVisibility.VERY_HIDDEN);
			return this;
		}

		/** Cells of 1-based row {@code excelRow}, from column A. */
		public Book row(int excelRow, Object... values) {
			Row row = sheet.getRow(excelRow - 1) != null ? sheet.getRow(excelRow - 1) : sheet.createRow(excelRow - 1);
			for (int c = 0; c < values.length; c++) {
				Object value = values[c];
				if (value == null) {
					continue;
				}
				Cell cell = row.createCell(c);
				if (value instanceof String s) {
					cell.setCellValue(s);
				}
				else if (value instanceof Number n) {
					cell.setCellValue(n.doubleValue());
				}
				else if (value instanceof Num n) {
					cell.setCellValue(n.value());
					cell.setCellStyle(style(n.format()));
				}
				else if (value instanceof Formula f) {
					cell.setCellFormula(f.formula());
					if (f.cached() instanceof String s) {
						cell.setCellValue(s);
					}
					else {
						cell.setCellValue(((Number) f.cached()).doubleValue());
					}
					if (f.format() != null) {
						cell.setCellStyle(style(f.format()));
					}
				}
				else {
					throw new IllegalArgumentException("no cell for " + value.getClass());
				}
			}
			return this;
		}

		/** Merges cells of one row, 1-based row, 0-based columns. */
		public Book merge(int excelRow, int firstColumn, int lastColumn) {
			sheet.addMergedRegion(new CellRangeAddress(excelRow - 1, excelRow - 1, firstColumn, lastColumn));
			return this;
		}

		private CellStyle style(String format) {
			return styles.computeIfAbsent(format, f -> {
				CellStyle style = workbook.createCellStyle();
				style.setDataFormat(workbook.createDataFormat().getFormat(f));
				return style;
			});
		}

		public Workbook workbook() {
			return workbook;
		}

		public Path write(Path file) throws IOException {
			Files.createDirectories(file.getParent());
			try (OutputStream out = Files.newOutputStream(file)) {
				workbook.write(out);
			}
			return file;
		}

		@Override
		public void close() throws IOException {
			workbook.close();
		}
	}

	/** An .xlsx workbook. */
	public static Book book() {
		return new Book(new XSSFWorkbook());
	}

	/** A legacy .xls (BIFF8) workbook. */
	public static Book xlsBook() {
		return new Book(new HSSFWorkbook());
	}

	/**
	 * The title rows and key-value block of the sample's verification sheets (rows 1-7), as
	 * VerificationWorkbookWriter lays them out; the header goes on row 9.
	 */
	public static Book statementTop(Book book, String title, String constituency, long electorate, long verified,
			double turnoutFraction) {
		return book.row(1, title)
			.merge(1, 0, 4)
			.row(2, "Verification statement - UK Parliamentary general election, 4 July 2024")
			.merge(2, 0, 4)
			.row(4, "Constituency", constituency)
			.row(5, "Electorate", count(electorate))
			.row(6, "Total ballot papers verified", count(verified))
			.row(7, "Turnout", num(turnoutFraction, "0.00%"))
			.row(9, "Box no", "Polling station", "Type", "Ballot papers issued", "Ballot papers verified");
	}

	// ---------------------------------------------------------------- raw zips

	/** The entries of a zip file, in order (read through the central directory). */
	public static Map<String, byte[]> unzip(Path file) throws IOException {
		Map<String, byte[]> entries = new LinkedHashMap<>();
		try (ZipFile zip = new ZipFile(file.toFile())) {
			for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
				try (InputStream in = zip.getInputStream(entry)) {
					entries.put(entry.getName(), in.readAllBytes());
				}
			}
		}
		return entries;
	}

	public static Path zip(Path file, Map<String, byte[]> entries) throws IOException {
		Files.createDirectories(file.getParent());
		try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
			for (Map.Entry<String, byte[]> e : entries.entrySet()) {
				zip.putNextEntry(new ZipEntry(e.getKey()));
				zip.write(e.getValue());
				zip.closeEntry();
			}
		}
		return file;
	}

	/** Rewrites one entry of a zip file (an .xlsx part). */
	public static void rewriteEntry(Path file, String entry, UnaryOperator<byte[]> change) throws IOException {
		Map<String, byte[]> entries = unzip(file);
		if (!entries.containsKey(entry)) {
			throw new IllegalArgumentException(file + " has no " + entry + ": " + entries.keySet());
		}
		entries.put(entry, change.apply(entries.get(entry)));
		zip(file, entries);
	}
}
