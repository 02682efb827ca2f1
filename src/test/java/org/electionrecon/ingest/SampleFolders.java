package org.electionrecon.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.electionrecon.model.RejectedRow;
import org.electionrecon.sample.SampleInputGenerator;

/**
 * The sample input folder of {@link SampleInputGenerator} and a damaged copy of it: blanked and
 * mistyped cells, a truncated workbook, a PDF, an empty CSV, a CSV without a table, a hidden file
 * and an Office lock file. {@link #EXPECTED_REJECTED} lists the rows the damage must reject.
 */
final class SampleFolders {

	static final String HOC_CONSTITUENCIES = "declarations/HoC-GE2024-results-by-constituency.csv";
	static final String NOTIONAL = "notional/RallingsThrasher-2019-notional-results-2024-boundaries.csv";

	static final List<SourceKind> KINDS = List.of(SourceKind.VERIFICATION, SourceKind.DECLARATIONS, SourceKind.NOTIONAL);

	/** The rows the damage rejects, and only those. */
	static final List<RejectedRow> EXPECTED_REJECTED = List.of(
			new RejectedRow("verification/cheshire-east-council.xlsx", "Congleton", 10, "D10", "12.5",
					"ballot papers issued is not a whole number"),
			new RejectedRow("verification/cheshire-east-council.xlsx", "Congleton", 11, "E11", "n/a",
					"ballot papers verified is not a number"),
			new RejectedRow("verification/stafford.xlsx", "Stafford", 12, "E12", "",
					"ballot papers verified is blank (a blank is not zero)"),
			new RejectedRow("verification/stafford.xlsx", "Stafford", 14, "D14", "abc",
					"ballot papers issued is not a number"),
			new RejectedRow(HOC_CONSTITUENCIES, null, 3, "16", "n/a", "valid votes is not a number"),
			new RejectedRow(NOTIONAL, null, 2, "10", "", "notional electorate is blank (a blank is not zero)"));

	/** Files that cannot be read at all, each to give exactly one SOURCE_UNREADABLE finding. */
	static final List<String> UNREADABLE = List.of("declarations/empty.csv", "verification/notes.csv",
			"verification/statement.pdf", "verification/tamworth.xlsx");

	/** Files listed but never read. */
	static final List<String> IGNORED = List.of("verification/.x.csv", "verification/~$lock.xlsx");

	private static Path shared;
	private static SampleInputGenerator.Summary sharedSummary;

	private SampleFolders() {
	}

	/**
	 * One generated sample (in {@code sample/}) and its damaged copy (in {@code damaged/}) for all
	 * the test classes of this JVM: generating takes longer than reading. Deleted when the JVM exits.
	 */
	static synchronized Path shared() throws IOException {
		if (shared == null) {
			Path dir = Files.createTempDirectory("ingest-sample-");
			Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
			sharedSummary = generate(dir.resolve("sample"));
			copy(dir.resolve("sample"), dir.resolve("damaged"));
			damage(dir.resolve("damaged"));
			shared = dir;
		}
		return shared;
	}

	static synchronized SampleInputGenerator.Summary sharedSummary() throws IOException {
		shared();
		return sharedSummary;
	}

	private static void deleteTree(Path dir) {
		try (Stream<Path> files = Files.walk(dir)) {
			for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(p);
			}
		}
		catch (IOException ex) {
			// a temporary folder: nothing more to do
		}
	}

	static SampleInputGenerator.Summary generate(Path dir) throws IOException {
		return new SampleInputGenerator().generate(SampleInputGenerator.Spec.sample(), dir);
	}

	static void copy(Path from, Path to) throws IOException {
		try (Stream<Path> files = Files.walk(from)) {
			for (Path source : files.toList()) {
				Path target = to.resolve(from.relativize(source).toString());
				if (Files.isDirectory(source)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(source, target);
				}
			}
		}
	}

	/** Damages a copy of the sample folder as {@link #EXPECTED_REJECTED} and {@link #UNREADABLE} say. */
	static void damage(Path dir) throws IOException {
		editSheet(dir.resolve("verification/stafford.xlsx"), "Stafford", sheet -> {
			Row r12 = sheet.getRow(11);
			r12.removeCell(r12.getCell(4));
			sheet.getRow(13).getCell(3).setCellValue("abc");
		});
		editSheet(dir.resolve("verification/cheshire-east-council.xlsx"), "Congleton", sheet -> {
			sheet.getRow(9).getCell(3).setCellValue("12.5");
			sheet.getRow(10).getCell(4).setCellValue("n/a");
		});
		Path tamworth = dir.resolve("verification/tamworth.xlsx");
		Files.write(tamworth, Arrays.copyOf(Files.readAllBytes(tamworth), 100));
		Files.writeString(dir.resolve("verification/statement.pdf"), "%PDF-1.4\n%%EOF\n");
		Files.writeString(dir.resolve("verification/notes.csv"), "Notes\nStafford: statement to follow\n");
		Files.writeString(dir.resolve("verification/.x.csv"), "Constituency,Box,Issued,Verified\nStafford,1,1,x\n");
		Files.writeString(dir.resolve("verification/~$lock.xlsx"), "locked by J Smith");
		Files.createFile(dir.resolve("declarations/empty.csv"));
		setCsvField(dir.resolve(HOC_CONSTITUENCIES), 3, "Valid votes", "n/a");
		setCsvField(dir.resolve(NOTIONAL), 2, "electorate", "");
	}

	interface SheetEdit {
		void edit(Sheet sheet) throws IOException;
	}

	static void editSheet(Path file, String sheetName, SheetEdit edit) throws IOException {
		try (InputStream in = Files.newInputStream(file); XSSFWorkbook workbook = new XSSFWorkbook(in)) {
			edit.edit(workbook.getSheet(sheetName));
			try (OutputStream out = Files.newOutputStream(file)) {
				workbook.write(out);
			}
		}
	}

	/**
	 * Sets one field of a CSV line (1-based) found by its header on line 1, leaving every other
	 * line byte for byte as it was.
	 *
	 * @return the 1-based column number
	 */
	static int setCsvField(Path file, int line, String header, String value) throws IOException {
		String text = Files.readString(file, StandardCharsets.UTF_8);
		List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
		List<String> headers = parseLine(lines.get(0).replace("\uFEFF", ""));
		int column = -1;
		for (int i = 0; i < headers.size(); i++) {
			if (Names.header(headers.get(i)).equals(Names.header(header))) {
				column = i;
				break;
			}
		}
		if (column < 0) {
			throw new IllegalArgumentException(file + " has no column " + header + ": " + headers);
		}
		String original = lines.get(line - 1);
		boolean cr = original.endsWith("\r");
		List<String> fields = new ArrayList<>(parseLine(cr ? original.substring(0, original.length() - 1) : original));
		fields.set(column, value);
		StringWriter out = new StringWriter();
		try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator("").get())) {
			printer.printRecord(fields);
		}
		lines.set(line - 1, out + (cr ? "\r" : ""));
		Files.writeString(file, String.join("\n", lines), StandardCharsets.UTF_8);
		return column + 1;
	}

	private static List<String> parseLine(String line) throws IOException {
		try (CSVParser parser = CSVFormat.DEFAULT.parse(new StringReader(line))) {
			CSVRecord record = parser.getRecords().get(0);
			return record.toList();
		}
	}
}
