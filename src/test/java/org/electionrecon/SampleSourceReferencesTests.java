package org.electionrecon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.electionrecon.model.SourceRef;
import org.electionrecon.run.ExitCodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The auditor's check on the sample: every number of the Constituencies sheet has a source
 * reference, and opening that reference in the input file gives the number, or cells that sum to
 * it. The references are read back from their text as a person would follow them (the file, the
 * sheet, the cell or range), and the input files are opened with POI and commons-csv, not the job's
 * readers.
 */
class SampleSourceReferencesTests {

	private static final Path SAMPLE = Path.of("input");

	@TempDir
	static Path output;

	private static List<Map<String, Object>> constituencies;

	private static List<Map<String, Object>> findings;

	private static final InputCells cells = new InputCells(SAMPLE);

	@BeforeAll
	static void runTheJobOnTheSample() throws Exception {
		assertThat(ElectionReconApplication.run(new String[] { "--input=" + SAMPLE, "--output=" + output }))
			.isEqualTo(ExitCodes.ERRORS);
		try (ReportWorkbookReader report = new ReportWorkbookReader(
				output.resolve("staffordshire-and-cheshire-reconciliation.xlsx"))) {
			constituencies = report.rows("Constituencies");
			findings = report.rows("Findings");
		}
	}

	@AfterAll
	static void closeTheInputs() throws IOException {
		cells.close();
	}

	@Test
	void shouldFollowEveryConstituencyNumberBackToTheCellsItCameFrom() {
		assertThat(constituencies).hasSize(14);
		for (Map<String, Object> seat : constituencies) {
			String name = (String) seat.get("Constituency");
			Map<String, String> declaration = byRole((String) seat.get("Declaration source"));
			assertThat(declaration.keySet()).as(name)
				.containsExactly("valid votes", "rejected", "winner's votes", "runner-up's votes");
			assertThat(cells.sum((String) seat.get("Electorate source"))).as(name + " electorate")
				.isEqualByComparingTo(number(seat.get("Electorate")));
			assertThat(cells.sum((String) seat.get("Verified source"))).as(name + " verified")
				.isEqualByComparingTo(number(seat.get("Verified")));
			assertThat(cells.sum(declaration.get("valid votes"))).as(name + " valid votes")
				.isEqualByComparingTo(number(seat.get("Valid votes")));
			assertThat(cells.sum(declaration.get("rejected"))).as(name + " rejected")
				.isEqualByComparingTo(number(seat.get("Rejected")));
			assertThat(cells.sum(declaration.get("winner's votes"))).as(name + " votes")
				.isEqualByComparingTo(number(seat.get("Votes")));
			assertThat(cells.sum(declaration.get("winner's votes")).subtract(cells.sum(declaration.get("runner-up's votes"))))
				.as(name + " majority")
				.isEqualByComparingTo(number(seat.get("Majority")));
			Map<String, String> notional = byRole((String) seat.get("Notional source"));
			assertThat(notional.keySet()).as(name).containsExactly("turnout", "electorate", "winner");
			assertThat(cells.sum(notional.get("turnout"))).as(name + " notional 2019 turnout")
				.isEqualByComparingTo(number(seat.get("Notional 2019 turnout %")));
			// the notional electorate is the turnout's base: the Turnout change is 2024 minus that turnout
			assertThat(cells.sum(notional.get("electorate"))).as(name + " notional 2019 electorate").isPositive();
			// R&T's abbreviations are the HoC Library's for every party of the sample's seats
			assertThat(cells.text(notional.get("winner"))).as(name + " notional 2019 winner")
				.isEqualTo(seat.get("Notional 2019 winner"));
		}
	}

	@Test
	void shouldCiteTheBoxesAsOneRangeAndACsvAsTheSheetASpreadsheetProgramNamesIt() {
		Map<String, Object> stafford = constituencies.stream()
			.filter(seat -> "Stafford".equals(seat.get("Constituency")))
			.findFirst()
			.orElseThrow();
		String byConstituency = "'declarations/[HoC-GE2024-results-by-constituency.csv]HoC-GE2024-results-by-constitue'!";
		String byCandidate = "'declarations/[HoC-GE2024-results-by-candidate.csv]HoC-GE2024-results-by-candidate'!";
		assertThat(stafford.get("Electorate source")).isEqualTo(byConstituency + "O9");
		assertThat(stafford.get("Verified source")).isEqualTo("'verification/[stafford.xlsx]Stafford'!E10:E40");
		assertThat(stafford.get("Declaration source")).isEqualTo("valid votes: " + byConstituency + "P9; rejected: "
				+ byConstituency + "Q9; winner's votes: " + byCandidate + "S52; runner-up's votes: " + byCandidate + "S51");
		String notional = "'notional/[RallingsThrasher-2019-notional-results-2024-boundaries.csv]RallingsThrasher-2019-notional-'!";
		assertThat(stafford.get("Notional source"))
			.isEqualTo("turnout: " + notional + "I9; electorate: " + notional + "J9; winner: " + notional + "CM9");
		assertThat(cells.sum(notional + "J9")).as("Stafford's notional 2019 electorate").isEqualByComparingTo("70537");
	}

	@Test
	void shouldPointEveryFindingReferenceAtACellThatHoldsAValue() {
		int references = 0;
		for (Map<String, Object> finding : findings) {
			for (String reference : SourceRef.references((String) finding.get("Source"))) {
				assertThat(cells.sum(reference)).as(finding.get("Check") + " " + reference).isNotNull();
				references++;
			}
		}
		assertThat(references).isEqualTo(30);
	}

	/** A Source cell's references by role ({@code role: reference, reference; role: ...}). */
	private static Map<String, String> byRole(String source) {
		Map<String, String> roles = new LinkedHashMap<>();
		for (String part : source.split("; (?=[a-z' -]+: ')")) {
			int colon = part.indexOf(": '");
			roles.put(part.substring(0, colon), part.substring(colon + 2));
		}
		return roles;
	}

	private static BigDecimal number(Object cell) {
		return cell == null ? null : new BigDecimal(cell.toString()).stripTrailingZeros();
	}

	/** The input folder's cells, each file opened once. */
	private static final class InputCells implements AutoCloseable {

		private final Path input;

		private final Map<String, XSSFWorkbook> workbooks = new HashMap<>();

		private final Map<String, List<String>> csvLines = new HashMap<>();

		InputCells(Path input) {
			this.input = input;
		}

		/** The sum of the cells a Source text names (one cell, ranges, several references), or null when it names none. */
		BigDecimal sum(String source) {
			List<String> references = SourceRef.references(source);
			if (references.isEmpty()) {
				return null;
			}
			BigDecimal sum = BigDecimal.ZERO;
			for (String reference : references) {
				SourceRef.Parsed parsed = SourceRef.parse(reference);
				assertThat(parsed).as(reference).isNotNull();
				int firstColumn = SourceRef.columnIndex(parsed.firstColumn());
				int lastColumn = SourceRef.columnIndex(parsed.lastColumn());
				for (int row = parsed.firstRow(); row <= parsed.lastRow(); row++) {
					for (int column = firstColumn; column <= lastColumn; column++) {
						sum = sum.add(value(parsed, row, column));
					}
				}
			}
			return sum.stripTrailingZeros();
		}

		/** The text of the one cell a reference names. */
		String text(String reference) {
			SourceRef.Parsed parsed = SourceRef.parse(reference);
			assertThat(parsed).as(reference).isNotNull();
			assertThat(parsed.isRange()).as(reference).isFalse();
			return rawText(parsed, parsed.firstRow(), SourceRef.columnIndex(parsed.firstColumn())).strip();
		}

		private BigDecimal value(SourceRef.Parsed reference, int row, int column) {
			return new BigDecimal(rawText(reference, row, column).strip().replace(",", ""));
		}

		private String rawText(SourceRef.Parsed reference, int row, int column) {
			String text;
			if (reference.file().endsWith(".csv")) {
				assertThat(reference.sheet()).isEqualTo(SourceRef.csvSheetName(reference.file()));
				text = csvLine(reference.file(), row).get(column);
			}
			else {
				Sheet sheet = workbook(reference.file()).getSheet(reference.sheet());
				assertThat(sheet).as(reference.file() + " sheet " + reference.sheet()).isNotNull();
				Row cells = sheet.getRow(row - 1);
				Cell cell = cells == null ? null : cells.getCell(column);
				assertThat(cell).as(reference + " row " + row + " column " + column).isNotNull();
				text = cell.getCellType() == CellType.NUMERIC ? BigDecimal.valueOf(cell.getNumericCellValue()).toPlainString()
						: cell.getStringCellValue();
			}
			return text;
		}

		private CSVRecord csvLine(String file, int line) {
			List<String> lines = csvLines.computeIfAbsent(file, f -> {
				try {
					return Files.readAllLines(input.resolve(f), StandardCharsets.UTF_8);
				}
				catch (IOException ex) {
					throw new AssertionError(ex);
				}
			});
			try {
				return CSVFormat.DEFAULT.parse(new StringReader(lines.get(line - 1))).getRecords().get(0);
			}
			catch (IOException ex) {
				throw new AssertionError(ex);
			}
		}

		private XSSFWorkbook workbook(String file) {
			return workbooks.computeIfAbsent(file, f -> {
				try {
					// read-only: closing a workbook opened for writing would save it over the input
					return new XSSFWorkbook(OPCPackage.open(input.resolve(f).toFile(), PackageAccess.READ));
				}
				catch (Exception ex) {
					throw new AssertionError(f + ": " + ex.getMessage(), ex);
				}
			});
		}

		@Override
		public void close() throws IOException {
			for (XSSFWorkbook workbook : workbooks.values()) {
				workbook.getPackage().revert();
			}
		}
	}
}
