package org.electionrecon.ingest.table;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.apache.poi.openxml4j.exceptions.InvalidFormatException;
import org.apache.poi.openxml4j.exceptions.OpenXML4JException;
import org.apache.poi.openxml4j.opc.OPCPackage;
import org.apache.poi.openxml4j.opc.PackageAccess;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.util.CellReference;
import org.apache.poi.util.XMLHelper;
import org.apache.poi.xssf.eventusermodel.ReadOnlySharedStringsTable;
import org.apache.poi.xssf.eventusermodel.XSSFReader;
import org.apache.poi.xssf.model.SharedStrings;
import org.apache.poi.xssf.model.StylesTable;
import org.apache.poi.xssf.usermodel.XSSFCellStyle;

/**
 * The .xlsx reader as it was before {@link XlsxFile} read the package itself: POI's OPCPackage,
 * XSSFReader, ReadOnlySharedStringsTable (no phonetic runs) and StylesTable, kept unchanged but for
 * its name as the reference that XlsxFile must read every workbook the same as.
 */
final class OpcXlsxReference implements TabularFile {

	private static final String RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

	private final OPCPackage pkg;
	private final XSSFReader reader;
	private final SharedStrings sharedStrings;
	private final StylesTable styles;
	private final List<SheetInfo> sheets;
	private final XMLInputFactory xmlInputFactory = XMLHelper.newXMLInputFactory();
	private final DataFormatter formatter = new DataFormatter(java.util.Locale.UK);
	private XMLStreamReader openSheet;
	private InputStream openStream;

	OpcXlsxReference(Path file) throws IOException {
		try {
			this.pkg = OPCPackage.open(file.toFile(), PackageAccess.READ);
		}
		catch (InvalidFormatException | RuntimeException ex) {
			throw new IOException("not a readable .xlsx workbook: " + TabularFiles.rootMessage(ex), ex);
		}
		try {
			this.reader = new XSSFReader(pkg);
			this.sharedStrings = pkg.getPartsByContentType(
					"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml").isEmpty()
							? null : new ReadOnlySharedStringsTable(pkg, false);
			this.styles = reader.getStylesTable();
			this.sheets = readSheetList();
		}
		catch (IOException ex) {
			pkg.revert();
			throw ex;
		}
		catch (OpenXML4JException | org.xml.sax.SAXException | XMLStreamException | RuntimeException ex) {
			pkg.revert();
			throw new IOException("not a readable .xlsx workbook: " + TabularFiles.rootMessage(ex), ex);
		}
	}

	private List<SheetInfo> readSheetList() throws IOException, InvalidFormatException, XMLStreamException {
		List<SheetInfo> list = new ArrayList<>();
		try (InputStream in = reader.getWorkbookData()) {
			XMLStreamReader xml = xmlInputFactory.createXMLStreamReader(in);
			while (xml.hasNext()) {
				if (xml.next() == XMLStreamConstants.START_ELEMENT && "sheet".equals(xml.getLocalName())) {
					String name = xml.getAttributeValue(null, "name");
					String state = xml.getAttributeValue(null, "state");
					String id = xml.getAttributeValue(RELATIONSHIPS, "id");
					boolean hidden = state != null && !"visible".equalsIgnoreCase(state);
					list.add(new SheetInfo(name, hidden, id));
				}
			}
			xml.close();
		}
		return List.copyOf(list);
	}

	@Override
	public List<SheetInfo> sheets() {
		return sheets;
	}

	@Override
	public boolean isCsv() {
		return false;
	}

	@Override
	public RowCursor rows(SheetInfo sheet) throws IOException {
		closeOpenSheet();
		try {
			openStream = reader.getSheet(sheet.reference());
			openSheet = xmlInputFactory.createXMLStreamReader(openStream);
		}
		catch (InvalidFormatException | XMLStreamException | RuntimeException ex) {
			throw new IOException("sheet '" + sheet.name() + "' cannot be opened: " + TabularFiles.rootMessage(ex), ex);
		}
		XMLStreamReader xml = openSheet;
		return () -> {
			try {
				return nextRow(xml);
			}
			catch (XMLStreamException | RuntimeException ex) {
				throw new IOException("sheet '" + sheet.name() + "' is damaged: " + TabularFiles.rootMessage(ex), ex);
			}
		};
	}

	private int lastRowNumber;

	private SheetRow nextRow(XMLStreamReader xml) throws XMLStreamException {
		while (xml.hasNext()) {
			int event = xml.next();
			if (event == XMLStreamConstants.START_ELEMENT && "row".equals(xml.getLocalName())) {
				String r = xml.getAttributeValue(null, "r");
				int rowNumber = r != null ? Integer.parseInt(r) : lastRowNumber + 1;
				lastRowNumber = rowNumber;
				List<Cell> cells = readCells(xml);
				if (!cells.isEmpty()) {
					return new SheetRow(rowNumber, cells);
				}
			}
		}
		return null;
	}

	private List<Cell> readCells(XMLStreamReader xml) throws XMLStreamException {
		List<Cell> cells = new ArrayList<>();
		int nextColumn = 0;
		String type = null;
		String style = null;
		int column = 0;
		boolean formula = false;
		StringBuilder value = null;
		StringBuilder inline = null;
		boolean inValue = false;
		boolean inInlineText = false;
		while (xml.hasNext()) {
			int event = xml.next();
			if (event == XMLStreamConstants.START_ELEMENT) {
				switch (xml.getLocalName()) {
					case "c" -> {
						String ref = xml.getAttributeValue(null, "r");
						column = ref != null ? new CellReference(ref).getCol() : nextColumn;
						type = xml.getAttributeValue(null, "t");
						style = xml.getAttributeValue(null, "s");
						formula = false;
						value = null;
						inline = null;
					}
					case "v" -> {
						inValue = true;
						value = new StringBuilder();
					}
					case "f" -> formula = true;
					case "is" -> inline = new StringBuilder();
					case "t" -> inInlineText = inline != null;
					default -> {
					}
				}
			}
			else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
				if (inValue) {
					value.append(xml.getText());
				}
				else if (inInlineText) {
					inline.append(xml.getText());
				}
			}
			else if (event == XMLStreamConstants.END_ELEMENT) {
				switch (xml.getLocalName()) {
					case "v" -> inValue = false;
					case "t" -> inInlineText = false;
					case "c" -> {
						Cell cell = toCell(column, type, style, formula, value, inline);
						if (cell != null) {
							cells.add(cell);
						}
						nextColumn = column + 1;
					}
					case "row" -> {
						return cells;
					}
					default -> {
					}
				}
			}
		}
		return cells;
	}

	private Cell toCell(int column, String type, String style, boolean formula, StringBuilder value,
			StringBuilder inline) {
		if ("inlineStr".equals(type)) {
			return inline == null ? null : new Cell(column, inline.toString(), null, null, formula);
		}
		if (value == null) {
			return null;
		}
		String raw = value.toString();
		if (type == null || "n".equals(type)) {
			if (raw.isEmpty()) {
				return null;
			}
			double number;
			try {
				number = Double.parseDouble(raw);
			}
			catch (NumberFormatException ex) {
				return new Cell(column, raw, null, null, formula);
			}
			String format = null;
			int formatIndex = 0;
			if (style != null && styles != null) {
				XSSFCellStyle cellStyle = styles.getStyleAt(Integer.parseInt(style));
				if (cellStyle != null) {
					formatIndex = cellStyle.getDataFormat();
					format = cellStyle.getDataFormatString();
				}
			}
			String text = formatter.formatRawCellContents(number, formatIndex, format == null ? "General" : format);
			return new Cell(column, text, number, format == null ? "General" : format, formula);
		}
		return switch (type) {
			case "s" -> {
				if (sharedStrings == null || raw.isBlank()) {
					yield null;
				}
				yield new Cell(column, sharedStrings.getItemAt(Integer.parseInt(raw.trim())).getString(), null, null,
						formula);
			}
			case "b" -> new Cell(column, "1".equals(raw) ? "TRUE" : "FALSE", null, null, formula);
			case "e" -> new Cell(column, raw, null, null, formula);
			default -> new Cell(column, raw, null, null, formula); // "str": a formula's cached text
		};
	}

	private void closeOpenSheet() throws IOException {
		lastRowNumber = 0;
		if (openSheet != null) {
			try {
				openSheet.close();
			}
			catch (XMLStreamException ex) {
				// the stream is closed below anyway
			}
			openSheet = null;
		}
		if (openStream != null) {
			openStream.close();
			openStream = null;
		}
	}

	@Override
	public void close() throws IOException {
		closeOpenSheet();
		pkg.revert();
	}
}
