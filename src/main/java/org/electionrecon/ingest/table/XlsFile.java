package org.electionrecon.ingest.table;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;

/**
 * A legacy BIFF8 .xls workbook through POI's HSSF. HSSF has no streaming row API of its own, so
 * the file is loaded whole; legacy council files are small, and .xlsx stays the streamed path. A
 * file over {@link ReaderLimits#MAX_XLS_BYTES} is refused before POI reads it, and a problem POI
 * meets reading a sheet (a runtime exception, such as a cell style past the styles table) is the
 * file's {@link UnreadableSourceException}.
 */
public final class XlsFile implements TabularFile {

	private final POIFSFileSystem fileSystem;
	private final HSSFWorkbook workbook;
	private final DataFormatter formatter = new DataFormatter(Locale.UK);
	private final List<SheetInfo> sheets = new ArrayList<>();

	public XlsFile(Path file) throws IOException {
		refuseOverTheLimit(file);
		try {
			this.fileSystem = new POIFSFileSystem(file.toFile(), true);
		}
		catch (RuntimeException ex) {
			throw new IOException("not a readable .xls workbook: " + TabularFiles.rootMessage(ex), ex);
		}
		try {
			this.workbook = new HSSFWorkbook(fileSystem.getRoot(), false);
		}
		catch (IOException | RuntimeException ex) {
			fileSystem.close();
			throw new IOException("not a readable .xls workbook: " + TabularFiles.rootMessage(ex), ex);
		}
		for (int i = 0; i < workbook.getNumberOfSheets(); i++) {
			boolean hidden = workbook.isSheetHidden(i) || workbook.isSheetVeryHidden(i);
			sheets.add(new SheetInfo(workbook.getSheetName(i), hidden, Integer.toString(i)));
		}
	}

	/** Before POI reads it: HSSF holds the whole workbook's records in memory. */
	static void refuseOverTheLimit(Path file) throws IOException {
		if (Files.size(file) > ReaderLimits.MAX_XLS_BYTES) {
			throw new ReaderLimitException("the .xls workbook", "its size", ReaderLimits.MAX_XLS_BYTES, "bytes");
		}
	}

	@Override
	public List<SheetInfo> sheets() {
		return List.copyOf(sheets);
	}

	@Override
	public boolean isCsv() {
		return false;
	}

	@Override
	public RowCursor rows(SheetInfo sheet) {
		Sheet poiSheet = workbook.getSheetAt(Integer.parseInt(sheet.reference()));
		Iterator<Row> rows = poiSheet.rowIterator();
		return () -> {
			try {
				return nextRow(rows);
			}
			catch (RuntimeException ex) {
				throw new UnreadableSourceException(
						"sheet '" + sheet.name() + "' is damaged: " + TabularFiles.rootMessage(ex), ex);
			}
		};
	}

	private SheetRow nextRow(Iterator<Row> rows) {
		while (rows.hasNext()) {
			Row row = rows.next();
			List<Cell> cells = new ArrayList<>();
			for (org.apache.poi.ss.usermodel.Cell cell : row) {
				Cell read = toCell(cell);
				if (read != null) {
					cells.add(read);
				}
			}
			if (!cells.isEmpty()) {
				return new SheetRow(row.getRowNum() + 1, cells);
			}
		}
		return null;
	}

	private Cell toCell(org.apache.poi.ss.usermodel.Cell cell) {
		boolean formula = cell.getCellType() == CellType.FORMULA;
		CellType type = formula ? cell.getCachedFormulaResultType() : cell.getCellType();
		int column = cell.getColumnIndex();
		return switch (type) {
			case NUMERIC -> {
				double value = cell.getNumericCellValue();
				String format = cell.getCellStyle().getDataFormatString();
				String text = formatter.formatRawCellContents(value, cell.getCellStyle().getDataFormat(), format);
				yield new Cell(column, text, value, format, formula);
			}
			case STRING -> {
				String text = cell.getRichStringCellValue().getString();
				yield text.isEmpty() ? null : new Cell(column, text, null, null, formula);
			}
			case BOOLEAN -> new Cell(column, Boolean.toString(cell.getBooleanCellValue()).toUpperCase(Locale.ROOT),
					null, null, formula);
			case ERROR -> new Cell(column, "#ERROR", null, null, formula);
			default -> null;
		};
	}

	@Override
	public void close() throws IOException {
		workbook.close();
		fileSystem.close();
	}
}
