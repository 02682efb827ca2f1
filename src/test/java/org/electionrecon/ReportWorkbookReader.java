package org.electionrecon;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Reads a report workbook back as an auditor's script would: each table sheet as rows keyed by
 * its header texts. Numeric cells come back as Double, text as String, blank as null; a formula
 * cell fails the read, since a report never contains one.
 */
public final class ReportWorkbookReader implements AutoCloseable {

	private final XSSFWorkbook workbook;

	public ReportWorkbookReader(Path file) throws IOException, org.apache.poi.openxml4j.exceptions.InvalidFormatException {
		this.workbook = new XSSFWorkbook(file.toFile());
	}

	public List<String> sheetNames() {
		List<String> names = new ArrayList<>();
		workbook.forEach(sheet -> names.add(sheet.getSheetName()));
		return names;
	}

	public Sheet sheet(String name) {
		return workbook.getSheet(name);
	}

	public List<String> headers(String sheetName) {
		List<String> headers = new ArrayList<>();
		for (Cell cell : workbook.getSheet(sheetName).getRow(0)) {
			headers.add(cell.getStringCellValue());
		}
		return headers;
	}

	/** The table's rows below the header, up to the first blank row. */
	public List<Map<String, Object>> rows(String sheetName) {
		Sheet sheet = workbook.getSheet(sheetName);
		List<String> headers = headers(sheetName);
		List<Map<String, Object>> rows = new ArrayList<>();
		for (int r = 1; r <= sheet.getLastRowNum(); r++) {
			Row row = sheet.getRow(r);
			if (row == null || row.getPhysicalNumberOfCells() == 0) {
				break;
			}
			Map<String, Object> values = new LinkedHashMap<>();
			for (int c = 0; c < headers.size(); c++) {
				values.put(headers.get(c), value(row.getCell(c)));
			}
			rows.add(values);
		}
		return rows;
	}

	/** The Summary row whose first cell is the label. */
	public Row summaryRow(String label) {
		for (Row row : sheet("Summary")) {
			Cell cell = row.getCell(0);
			if (cell != null && cell.getCellType() == CellType.STRING && cell.getStringCellValue().equals(label)) {
				return row;
			}
		}
		throw new AssertionError("No Summary row labelled " + label);
	}

	/** The rows under a Summary heading, up to the next blank row, each as its cells' values. */
	public List<List<Object>> summarySection(String heading) {
		Sheet summary = sheet("Summary");
		List<List<Object>> rows = new ArrayList<>();
		for (int r = summaryRow(heading).getRowNum() + 1; summary.getRow(r) != null; r++) {
			Row row = summary.getRow(r);
			List<Object> values = new ArrayList<>();
			for (int c = 0; c < row.getLastCellNum(); c++) {
				values.add(value(row.getCell(c)));
			}
			rows.add(values);
		}
		return rows;
	}

	static Object value(Cell cell) {
		if (cell == null) {
			return null;
		}
		if (cell.getCellType() == CellType.FORMULA) {
			throw new AssertionError("a report cell is a formula: " + cell.getAddress());
		}
		return switch (cell.getCellType()) {
			case NUMERIC -> cell.getNumericCellValue();
			case STRING -> cell.getStringCellValue().isEmpty() ? null : cell.getStringCellValue();
			case BOOLEAN -> cell.getBooleanCellValue();
			default -> null;
		};
	}

	@Override
	public void close() throws IOException {
		workbook.close();
	}
}
