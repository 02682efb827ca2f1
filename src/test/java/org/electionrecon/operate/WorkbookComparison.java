package org.electionrecon.operate;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Compares two report workbooks cell by cell: the same sheets in the same order, and in every sheet
 * the same cells with the same type, value and number format. The only cells left out are the
 * facts of the run itself, which differ between two runs of the same inputs: the label/value rows
 * whose label (column A) is one of the excluded labels have their value (column B) skipped, in the
 * Summary sheet and in the run facts below the Provenance table; and the times files were received
 * (count night: when this job database first staged them, which another database did at another
 * time), the cells under a {@link #RECEIVED} header that is among the excluded labels, down to the
 * table's end (a blank row), on Summary and on the index's Constituencies sheet. The headers
 * themselves are compared.
 */
final class WorkbookComparison {

	/**
	 * What differs between two runs of the same inputs: the run number, the input and output folders
	 * (the rest of the run's identity, the inputs' and settings' SHA-256 and the settings, must be
	 * equal), the start and end of the run (on Summary and Provenance), when a rerun was asked for
	 * and when a workbook was rebuilt.
	 */
	static final Set<String> RUN_FACTS = Set.of("Run", "Start", "End", "Input folder", "Output folder",
			"Rerun requested at", "Rebuilt at", "Verification received", "Declaration received");

	/** The headers of the columns of received times, in any sheet. */
	static final Set<String> RECEIVED = Set.of("Verification received", "Declaration received");

	private WorkbookComparison() {
	}

	/**
	 * @param differences one line per difference, empty when the workbooks match
	 * @param cellsCompared how many cells were compared (so an empty workbook cannot pass unnoticed)
	 */
	record Result(List<String> differences, int cellsCompared, int cellsExcluded) {

		String describe() {
			return differences.size() + " differences (" + cellsCompared + " cells compared, " + cellsExcluded
					+ " excluded):\n  " + String.join("\n  ", differences.subList(0, Math.min(40, differences.size())));
		}
	}

	static Result compare(Path expected, Path actual) throws Exception {
		return compare(expected, actual, RUN_FACTS);
	}

	static Result compare(Path expected, Path actual, Set<String> excludedLabels) throws Exception {
		OPCPackage expectedPackage = OPCPackage.open(expected.toFile(), PackageAccess.READ);
		OPCPackage actualPackage = OPCPackage.open(actual.toFile(), PackageAccess.READ);
		try {
			return compare(new XSSFWorkbook(expectedPackage), new XSSFWorkbook(actualPackage), excludedLabels);
		}
		finally {
			expectedPackage.revert();
			actualPackage.revert();
		}
	}

	private static Result compare(XSSFWorkbook expected, XSSFWorkbook actual, Set<String> excludedLabels) {
		List<String> differences = new ArrayList<>();
		int compared = 0;
		int excluded = 0;
		List<String> expectedSheets = sheetNames(expected);
		List<String> actualSheets = sheetNames(actual);
		if (!expectedSheets.equals(actualSheets)) {
			differences.add("sheets: expected " + expectedSheets + " but was " + actualSheets);
		}
		for (String name : expectedSheets) {
			Sheet left = expected.getSheet(name);
			Sheet right = actual.getSheet(name);
			if (right == null) {
				continue;
			}
			if (left.getLastRowNum() != right.getLastRowNum()) {
				differences.add(name + ": last row " + (left.getLastRowNum() + 1) + " expected but was "
						+ (right.getLastRowNum() + 1));
			}
			boolean labelled = name.equals("Summary");
			Set<Integer> receivedColumns = new java.util.HashSet<>();
			for (int r = 0; r <= Math.max(left.getLastRowNum(), right.getLastRowNum()); r++) {
				Row leftRow = left.getRow(r);
				Row rightRow = right.getRow(r);
				if (name.equals("Provenance") && isBlank(leftRow)) {
					// the run facts follow the files table after one blank row
					labelled = true;
				}
				int lastCell = Math.max(leftRow == null ? 0 : leftRow.getLastCellNum(),
						rightRow == null ? 0 : rightRow.getLastCellNum());
				String label = leftRow == null ? null : text(leftRow.getCell(0));
				boolean receivedHeader = false;
				if (isBlank(leftRow)) {
					receivedColumns.clear();
				}
				else {
					for (Cell cell : leftRow) {
						String header = text(cell);
						// Set.of's contains fails on null
						if (header != null && RECEIVED.contains(header) && excludedLabels.contains(header)) {
							receivedColumns.add(cell.getColumnIndex());
							receivedHeader = true;
						}
					}
				}
				for (int c = 0; c < lastCell; c++) {
					Cell leftCell = leftRow == null ? null : leftRow.getCell(c);
					Cell rightCell = rightRow == null ? null : rightRow.getCell(c);
					if (!receivedHeader && receivedColumns.contains(c)) {
						excluded++;
						continue;
					}
					if (labelled && c == 1 && label != null && excludedLabels.contains(label)
							&& Objects.equals(label, rightRow == null ? null : text(rightRow.getCell(0)))) {
						excluded++;
						continue;
					}
					compared++;
					String want = describe(leftCell);
					String got = describe(rightCell);
					if (!want.equals(got)) {
						differences.add(name + "!" + new org.apache.poi.ss.util.CellReference(r, c).formatAsString()
								+ ": expected " + want + " but was " + got);
					}
				}
			}
		}
		return new Result(differences, compared, excluded);
	}

	private static List<String> sheetNames(XSSFWorkbook workbook) {
		List<String> names = new ArrayList<>();
		workbook.forEach(sheet -> names.add(sheet.getSheetName()));
		return names;
	}

	private static boolean isBlank(Row row) {
		return row == null || row.getPhysicalNumberOfCells() == 0;
	}

	private static String text(Cell cell) {
		return cell == null || cell.getCellType() != org.apache.poi.ss.usermodel.CellType.STRING ? null
				: cell.getStringCellValue();
	}

	/** A cell's type, value and number format; a missing cell and an empty blank one read the same. */
	private static String describe(Cell cell) {
		if (cell == null) {
			return "(none)";
		}
		String format = cell.getCellStyle() == null ? "" : " [" + cell.getCellStyle().getDataFormatString() + "]";
		return switch (cell.getCellType()) {
			case NUMERIC -> "number " + cell.getNumericCellValue() + format;
			case STRING -> cell.getStringCellValue().isEmpty() ? "(none)" : "text '" + cell.getStringCellValue() + "'" + format;
			case BOOLEAN -> "boolean " + cell.getBooleanCellValue() + format;
			case FORMULA -> "formula " + cell.getCellFormula() + format;
			case ERROR -> "error " + cell.getErrorCellValue();
			default -> "(none)";
		};
	}
}
