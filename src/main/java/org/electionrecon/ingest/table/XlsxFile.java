package org.electionrecon.ingest.table;

import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.poi.openxml4j.opc.internal.InvalidZipException;
import org.apache.poi.openxml4j.opc.internal.ZipHelper;
import org.apache.poi.openxml4j.util.ZipEntrySource;
import org.apache.poi.openxml4j.util.ZipFileZipEntrySource;
import org.apache.poi.openxml4j.util.ZipInputStreamZipEntrySource;
import org.apache.poi.openxml4j.util.ZipSecureFile;
import org.apache.poi.ss.usermodel.BuiltinFormats;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.util.CellReference;
import org.codehaus.stax2.XMLStreamReader2;
import org.codehaus.stax2.typed.TypedValueDecoder;

/**
 * Streams an .xlsx/.xlsm workbook: one row in memory at a time, formulas read as their cached
 * values and never evaluated. Every XML part (sheets, shared strings, styles, workbook,
 * relationships, content types) is read with Woodstox through {@link XmlPart}, under the
 * {@link ReaderLimits}: a part that crosses one makes the file unreadable with a
 * {@link ReaderLimitException} that names the bound.
 * <p>
 * The package is read straight from the zip, without POI's OPC package model (which costs more to
 * open than small workbooks cost to read): POI's {@link ZipSecureFile} keeps its zip-bomb limits
 * (inflate ratio, entry size, entry count) on, and each part's inflated bytes are counted again by
 * {@link PartBounds}. The parts are found as POI finds them: the workbook by the package's
 * officeDocument relationship, the sheets, shared strings and styles by the workbook's
 * relationships; part names are matched ignoring case, as OPC allows. Shared strings and number
 * formats are read as POI's {@code ReadOnlySharedStringsTable} (without phonetic runs) and
 * {@code StylesTable}/{@code XSSFCellStyle} read them, so cells come out the same.
 */
public final class XlsxFile implements TabularFile {

	private static final String RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

	private static final String OFFICE_DOCUMENT = RELATIONSHIPS + "/officeDocument";

	private static final String STRICT_OFFICE_DOCUMENT = "http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument";

	private static final String SHARED_STRINGS = RELATIONSHIPS + "/sharedStrings";

	private static final String STYLES = RELATIONSHIPS + "/styles";

	private static final String SHARED_STRINGS_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml";

	private static final String STYLES_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml";

	private static final String CONTENT_TYPES = "[Content_Types].xml";

	private static final String SPREADSHEETML = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

	private static final String DEFAULT_WORKBOOK = "xl/workbook.xml";

	/**
	 * Inflated bytes of a part whose entries are held while the workbook is read (workbook,
	 * relationships, content types, styles): a real one is well under a megabyte.
	 */
	static final long MAX_STRUCTURE_PART_BYTES = 16L << 20;

	/** Sheets, relationships of one part, cell formats (Excel's own limit is 64,000 formats). */
	static final int MAX_STRUCTURE_ENTRIES = 65_536;

	/** As {@code XSSFRichTextString.utfDecode}: {@code _xHHHH_} stands for the character U+HHHH. */
	private static final Pattern UTF_ESCAPE = Pattern.compile("_x([0-9A-Fa-f]{4})_");

	private final ZipEntrySource zip;

	/** The zip's entries by lower-case name (OPC part names are case-insensitive). */
	private final Map<String, ZipArchiveEntry> entries;

	/** The workbook part's relationships: id to target part name (null for an external target). */
	private final Map<String, String> workbookRelationships = new HashMap<>();

	/**
	 * The shared strings, when the workbook has a shared strings part ({@code null} items when that
	 * part holds no table: every shared string cell is then damaged, as with POI).
	 */
	private boolean hasSharedStrings;

	private List<String> sharedStrings;

	/** Per cellXfs entry (a cell's s attribute): its number format's id and code; null without styles. */
	private short[] formatIndexes;

	private String[] formatCodes;

	private final List<SheetInfo> sheets;

	private DataFormatter formatter;

	private XmlPart openSheet;

	private InputStream openStream;

	private int lastRowNumber;

	private long cellsInSheet;

	/** Puts a row's cells together, reused from row to row. */
	private final RowCells rowCells = new RowCells();

	private final long maxCellsPerSheet;

	public XlsxFile(Path file) throws IOException {
		this(file, ReaderLimits.MAX_CELLS_PER_SHEET);
	}

	/** With a smaller bound on a sheet's cells, for a test that cannot write 16 million of them. */
	XlsxFile(Path file, long maxCellsPerSheet) throws IOException {
		this.maxCellsPerSheet = maxCellsPerSheet;
		try {
			this.zip = openZip(file);
		}
		catch (IOException | RuntimeException ex) {
			throw new IOException("not a readable .xlsx workbook: " + TabularFiles.rootMessage(ex), ex);
		}
		try {
			this.entries = indexEntries(zip);
			if (entry(CONTENT_TYPES) == null) {
				// as POI's ZipPackage: without it the zip is not an Office Open XML package
				throw new IOException(entries.isEmpty()
						? "No valid entries or contents found, this is not a valid OOXML (Office Open XML) file"
						: "Package should contain a content type part [M1.13]");
			}
			String workbook = workbookPart();
			readWorkbookParts(workbook);
			this.sheets = readSheetList(workbook);
		}
		catch (ReaderLimitException ex) {
			closeQuietly(zip);
			throw ex;
		}
		catch (IOException | XMLStreamException | RuntimeException ex) {
			closeQuietly(zip);
			throw new IOException("not a readable .xlsx workbook: " + TabularFiles.rootMessage(ex), ex);
		}
	}

	/** The workbook's relationships, and the shared strings and styles parts they name. */
	private void readWorkbookParts(String workbook) throws IOException, XMLStreamException {
		String sharedStringsPart = null;
		String stylesPart = null;
		for (Map.Entry<String, String[]> relationship : readRelationships(workbook).entrySet()) {
			String type = relationship.getValue()[0];
			String target = relationship.getValue()[1];
			workbookRelationships.put(relationship.getKey(), target);
			if (target != null && sharedStringsPart == null && SHARED_STRINGS.equals(type)) {
				sharedStringsPart = target;
			}
			if (target != null && stylesPart == null && STYLES.equals(type)) {
				stylesPart = target;
			}
		}
		// a part the workbook names but the zip lacks (a damaged entry name): reading on without it
		// would drop every shared string cell, or every number format, without a word
		for (String part : new String[] { sharedStringsPart, stylesPart }) {
			if (part != null && entry(part) == null) {
				throw new IOException("the part " + part + " is missing");
			}
		}
		// without a relationship (a writer's slip) POI still found them by their content type
		if (sharedStringsPart == null) {
			sharedStringsPart = partByContentType(SHARED_STRINGS_CONTENT_TYPE);
		}
		if (stylesPart == null) {
			stylesPart = partByContentType(STYLES_CONTENT_TYPE);
		}
		if (sharedStringsPart != null) {
			hasSharedStrings = true;
			sharedStrings = readSharedStrings(sharedStringsPart);
		}
		if (stylesPart != null) {
			List<Long> xfs = new ArrayList<>();
			Map<Short, String> numberFormats = new HashMap<>();
			readStyles(stylesPart, xfs, numberFormats);
			formatIndexes = new short[xfs.size()];
			formatCodes = new String[xfs.size()];
			for (int i = 0; i < formatIndexes.length; i++) {
				// as XSSFCellStyle.getDataFormat() and getDataFormatString(): the workbook's own format
				// first (it may redefine a built-in id), else the built-in one, else none (General)
				short index = (short) xfs.get(i).longValue();
				formatIndexes[i] = index;
				String code = numberFormats.get(index);
				formatCodes[i] = code != null ? code : BuiltinFormats.getBuiltinFormat(index);
			}
		}
	}

	/**
	 * The zip, by its central directory; when that is damaged (a truncated download), by its local
	 * headers from the start, as POI's {@code ZipPackage} falls back to. Both keep POI's limits.
	 */
	private static ZipEntrySource openZip(Path file) throws IOException {
		ZipSecureFile zipFile;
		try {
			zipFile = new ZipSecureFile(file.toFile());
		}
		catch (InvalidZipException ex) {
			throw ex;
		}
		catch (IOException ex) {
			InputStream in = Files.newInputStream(file);
			try {
				return new ZipInputStreamZipEntrySource(ZipHelper.openZipStream(in));
			}
			catch (IOException | RuntimeException again) {
				closeQuietly(in);
				throw again;
			}
		}
		return new ZipFileZipEntrySource(zipFile);
	}

	private static Map<String, ZipArchiveEntry> indexEntries(ZipEntrySource zip) throws IOException {
		List<? extends ZipArchiveEntry> list = Collections.list(zip.getEntries());
		if (list.size() > ZipSecureFile.getMaxFileCount()) {
			throw new IOException(String.format(Locale.ROOT, ZipSecureFile.MAX_FILE_COUNT_MSG, ZipSecureFile.getMaxFileCount()));
		}
		Map<String, ZipArchiveEntry> byName = new HashMap<>(list.size() * 2);
		for (ZipArchiveEntry entry : list) {
			String name = entry.getName();
			if (name.startsWith("[trash]") || name.endsWith("/")) {
				continue; // not parts (OPC)
			}
			String key = normalise(name).toLowerCase(Locale.ROOT);
			if (byName.putIfAbsent(key, entry) != null) {
				throw new IOException("Input file contains more than 1 entry with the name " + name);
			}
		}
		return byName;
	}

	private static String normalise(String name) {
		String path = name.replace('\\', '/');
		return path.startsWith("/") ? path.substring(1) : path;
	}

	private ZipArchiveEntry entry(String partName) {
		return entries.get(partName.toLowerCase(Locale.ROOT));
	}

	/** A part held in memory while the workbook is read (not a sheet, nor the shared strings). */
	private InputStream open(String partName) throws IOException {
		return open(partName, MAX_STRUCTURE_PART_BYTES);
	}

	private InputStream open(String partName, long maxBytes) throws IOException {
		ZipArchiveEntry entry = entry(partName);
		if (entry == null) {
			throw new IOException("the part " + partName + " is missing");
		}
		return new PartBounds(zip.getInputStream(entry), partName, entry.getCompressedSize(), maxBytes);
	}

	/** The officeDocument relationship's target, or {@code xl/workbook.xml} when there is none. */
	private String workbookPart() throws IOException, XMLStreamException {
		String workbook = null;
		boolean strict = false;
		if (entry("_rels/.rels") != null) {
			for (String[] relationship : readRelationships("").values()) {
				if (workbook == null && OFFICE_DOCUMENT.equals(relationship[0]) && relationship[1] != null) {
					workbook = relationship[1];
				}
				strict |= STRICT_OFFICE_DOCUMENT.equals(relationship[0]);
			}
		}
		if (workbook == null && strict) {
			throw new IOException("Strict OOXML isn't currently supported, please see bug #57699");
		}
		if (workbook != null && entry(workbook) != null) {
			return workbook;
		}
		if (entry(DEFAULT_WORKBOOK) != null) {
			return DEFAULT_WORKBOOK;
		}
		throw new IOException(workbook == null ? "OOXML file structure broken/invalid - no core document found!"
				: "the workbook part " + workbook + " is missing");
	}

	/**
	 * The relationships of a part (the package's own for {@code ""}): id to {type, target part name},
	 * the target null when it is external or not a part name; none when the part has no .rels.
	 */
	private Map<String, String[]> readRelationships(String sourcePart) throws IOException, XMLStreamException {
		int slash = sourcePart.lastIndexOf('/');
		String folder = sourcePart.substring(0, slash + 1);
		String relsPart = folder + "_rels/" + sourcePart.substring(slash + 1) + ".rels";
		Map<String, String[]> relationships = new LinkedHashMap<>();
		if (entry(relsPart) == null) {
			return relationships;
		}
		try (InputStream in = open(relsPart)) {
			try (XmlPart part = XmlPart.open(in, relsPart)) {
				XMLStreamReader xml = part.xml;
				while (part.hasNext()) {
					if (part.next() == XMLStreamConstants.START_ELEMENT && "Relationship".equals(xml.getLocalName())) {
						String id = attribute(xml, "Id");
						String type = attribute(xml, "Type");
						String target = attribute(xml, "Target");
						boolean external = "External".equals(attribute(xml, "TargetMode"));
						if (id != null) { // a repeated id replaces the earlier one, as in POI
							if (relationships.size() == MAX_STRUCTURE_ENTRIES && !relationships.containsKey(id)) {
								throw part.beyond("the count of relationships", MAX_STRUCTURE_ENTRIES, "relationships");
							}
							relationships.put(id,
									new String[] { type, external || target == null ? null : resolve(folder, target) });
						}
					}
				}
			}
		}
		return relationships;
	}

	/** The first part (by name) that [Content_Types].xml gives the content type, or {@code null}. */
	private String partByContentType(String contentType) throws IOException, XMLStreamException {
		if (entry(CONTENT_TYPES) == null) {
			return null;
		}
		String found = null;
		try (InputStream in = open(CONTENT_TYPES)) {
			try (XmlPart part = XmlPart.open(in, CONTENT_TYPES)) {
				XMLStreamReader xml = part.xml;
				while (part.hasNext()) {
					if (part.next() == XMLStreamConstants.START_ELEMENT && "Override".equals(xml.getLocalName())
							&& contentType.equalsIgnoreCase(attribute(xml, "ContentType"))) {
						String partName = attribute(xml, "PartName");
						if (partName != null && entry(normalise(partName)) != null
								&& (found == null || normalise(partName).compareToIgnoreCase(found) < 0)) {
							found = normalise(partName);
						}
					}
				}
			}
		}
		return found;
	}

	/** A relationship target as a part name: relative to the source part's folder unless it starts with /. */
	private String resolve(String folder, String target) {
		String path = target.replace('\\', '/');
		int end = indexOfAny(path, '#', '?');
		if (end >= 0) {
			path = path.substring(0, end);
		}
		path = path.startsWith("/") ? path.substring(1) : folder + path;
		if (path.contains("./")) {
			Deque<String> segments = new ArrayDeque<>();
			for (String segment : path.split("/", -1)) {
				if ("..".equals(segment)) {
					segments.pollLast();
				}
				else if (!".".equals(segment)) {
					segments.addLast(segment);
				}
			}
			path = String.join("/", segments);
		}
		if (entry(path) == null && path.indexOf('%') >= 0) {
			String decoded = percentDecode(path);
			if (decoded != null && entry(decoded) != null) {
				return decoded;
			}
		}
		return path;
	}

	private static int indexOfAny(String text, char a, char b) {
		for (int i = 0; i < text.length(); i++) {
			char ch = text.charAt(i);
			if (ch == a || ch == b) {
				return i;
			}
		}
		return -1;
	}

	/** A part name with its %HH escapes decoded (as a URI path); {@code null} when it is not a URI. */
	private static String percentDecode(String path) {
		try {
			return new URI(path).getPath();
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

	/** An attribute in no namespace (as in relationships and styles parts). */
	private static String attribute(XMLStreamReader xml, String localName) {
		for (int i = 0, n = xml.getAttributeCount(); i < n; i++) {
			if (localName.equals(xml.getAttributeLocalName(i))) {
				String namespace = xml.getAttributeNamespace(i);
				if (namespace == null || namespace.isEmpty()) {
					return xml.getAttributeValue(i);
				}
			}
		}
		return null;
	}

	/**
	 * As {@code ReadOnlySharedStringsTable(pkg, false)}: per {@code <si>}, the text of its
	 * {@code <t>} elements (plain or in rich text runs) but not of phonetic runs ({@code <rPh>});
	 * elements outside the spreadsheetml namespace ignored; {@code _xHHHH_} escapes decoded as
	 * {@code XSSFRichTextString.getString()} decodes them. {@code null} for an empty part or one
	 * without an {@code <sst>} element (every shared string cell is then damaged, as with POI).
	 */
	private List<String> readSharedStrings(String partName) throws IOException, XMLStreamException {
		// its markup is not held: the strings are bounded by their count and characters
		try (PushbackInputStream in = new PushbackInputStream(open(partName, ReaderLimits.MAX_PART_BYTES), 1)) {
			int first = in.read();
			if (first < 0) {
				return null;
			}
			in.unread(first);
			try (XmlPart part = XmlPart.open(in, partName)) {
				XMLStreamReader xml = part.xml;
				List<String> strings = null;
				StringBuilder text = null;
				long totalChars = 0;
				boolean inT = false;
				boolean inPhonetic = false;
				while (part.hasNext()) {
					int event = part.next();
					if (event == XMLStreamConstants.START_ELEMENT) {
						if (!SPREADSHEETML.equals(xml.getNamespaceURI())) {
							continue;
						}
						switch (xml.getLocalName()) {
							case "sst" -> {
								String count = attribute(xml, "count");
								if (count != null) {
									Long.parseLong(count); // POI fails on a count that is not a number
								}
								String unique = attribute(xml, "uniqueCount");
								int capacity = unique == null ? 0 : (int) Long.parseLong(unique);
								strings = new ArrayList<>(Math.max(0, Math.min(capacity, 1 << 16)));
								text = new StringBuilder(64);
							}
							case "si" -> {
								if (text != null) {
									text.setLength(0);
								}
							}
							case "t" -> inT = true;
							case "rPh" -> inPhonetic = true;
							default -> {
							}
						}
					}
					else if (event == XMLStreamConstants.END_ELEMENT) {
						if (!SPREADSHEETML.equals(xml.getNamespaceURI())) {
							continue;
						}
						switch (xml.getLocalName()) {
							case "si" -> {
								if (strings != null && text != null) {
									if (strings.size() == ReaderLimits.MAX_SHARED_STRINGS) {
										throw new ReaderLimitException(partName, "the count of shared strings",
												ReaderLimits.MAX_SHARED_STRINGS, "strings");
									}
									totalChars += text.length();
									if (totalChars > ReaderLimits.MAX_SHARED_STRING_CHARS) {
										throw new ReaderLimitException(partName, "the shared strings' characters",
												ReaderLimits.MAX_SHARED_STRING_CHARS, "characters");
									}
									strings.add(utfDecode(text.toString()));
								}
							}
							case "t" -> inT = false;
							case "rPh" -> inPhonetic = false;
							default -> {
							}
						}
					}
					else if ((event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
							|| event == XMLStreamConstants.SPACE) && inT && !inPhonetic && text != null) {
						if (text.length() + xml.getTextLength() > ReaderLimits.MAX_TEXT_CHARS) {
							throw part.beyond("one shared string", ReaderLimits.MAX_TEXT_CHARS, "characters");
						}
						text.append(xml.getTextCharacters(), xml.getTextStart(), xml.getTextLength());
					}
				}
				return strings;
			}
		}
	}

	private static String utfDecode(String value) {
		if (value.indexOf("_x") < 0) {
			return value;
		}
		Matcher m = UTF_ESCAPE.matcher(value);
		StringBuilder out = new StringBuilder(value.length());
		int done = 0;
		while (m.find()) {
			out.append(value, done, m.start()).append((char) Integer.parseInt(m.group(1), 16));
			done = m.end();
		}
		return done == 0 ? value : out.append(value, done, value.length()).toString();
	}

	/**
	 * As POI's {@code StylesTable}: the number formats of the stylesheet's {@code <numFmts>} (a later
	 * id replacing an earlier one) and, per {@code <cellXfs>} entry, its numFmtId (0 when absent).
	 * Only these direct children of the root count: not cellStyleXfs, nor the numFmt of a dxf.
	 */
	private void readStyles(String partName, List<Long> xfs, Map<Short, String> numberFormats)
			throws IOException, XMLStreamException {
		try (InputStream in = open(partName)) {
			try (XmlPart part = XmlPart.open(in, partName)) {
				XMLStreamReader xml = part.xml;
				int depth = 0;
				boolean seenNumFmts = false;
				boolean seenCellXfs = false;
				boolean inNumFmts = false;
				boolean inCellXfs = false;
				while (part.hasNext()) {
					int event = part.next();
					if (event == XMLStreamConstants.START_ELEMENT) {
						depth++;
						boolean main = SPREADSHEETML.equals(xml.getNamespaceURI());
						String name = xml.getLocalName();
						if (depth == 1) {
							if (!main || !"styleSheet".equals(name)) {
								throw new IOException("the styles part " + partName + " is not a spreadsheetml styleSheet");
							}
						}
						else if (depth == 2 && main) {
							if ("numFmts".equals(name) && !seenNumFmts) {
								seenNumFmts = true;
								inNumFmts = true;
							}
							else if ("cellXfs".equals(name) && !seenCellXfs) {
								seenCellXfs = true;
								inCellXfs = true;
							}
						}
						else if (depth == 3 && main) {
							if (inNumFmts && "numFmt".equals(name)) {
								numberFormats.put((short) unsignedInt(attribute(xml, "numFmtId")), attribute(xml, "formatCode"));
							}
							else if (inCellXfs && "xf".equals(name)) {
								if (xfs.size() == MAX_STRUCTURE_ENTRIES) {
									throw part.beyond("the count of cell formats", MAX_STRUCTURE_ENTRIES, "formats");
								}
								xfs.add(unsignedInt(attribute(xml, "numFmtId")));
							}
						}
					}
					else if (event == XMLStreamConstants.END_ELEMENT) {
						if (depth == 2) {
							inNumFmts = false;
							inCellXfs = false;
						}
						depth--;
					}
				}
			}
		}
	}

	/** An xsd:unsignedInt attribute as XMLBeans reads it: 0 when absent. */
	private static long unsignedInt(String value) {
		if (value == null) {
			return 0;
		}
		long number = Long.parseLong(value.strip());
		if (number < 0 || number > 0xFFFF_FFFFL) {
			throw new NumberFormatException("numFmtId out of range: " + value);
		}
		return number;
	}

	private List<SheetInfo> readSheetList(String workbook) throws IOException, XMLStreamException {
		List<SheetInfo> list = new ArrayList<>();
		try (InputStream in = open(workbook)) {
			try (XmlPart part = XmlPart.open(in, workbook)) {
				XMLStreamReader xml = part.xml;
				while (part.hasNext()) {
					if (part.next() == XMLStreamConstants.START_ELEMENT && "sheet".equals(xml.getLocalName())) {
						String name = xml.getAttributeValue(null, "name");
						String state = xml.getAttributeValue(null, "state");
						String id = xml.getAttributeValue(RELATIONSHIPS, "id");
						boolean hidden = state != null && !"visible".equalsIgnoreCase(state);
						if (list.size() == MAX_STRUCTURE_ENTRIES) {
							throw part.beyond("the count of sheets", MAX_STRUCTURE_ENTRIES, "sheets");
						}
						list.add(new SheetInfo(name, hidden, id));
					}
				}
			}
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
		String where = "sheet '" + sheet.name() + "'";
		try {
			ZipArchiveEntry entry = sheetEntry(sheet.reference());
			openStream = new PartBounds(zip.getInputStream(entry), where, entry.getCompressedSize());
			openSheet = XmlPart.open(openStream, where);
		}
		catch (ReaderLimitException ex) {
			closeOpenSheet();
			throw ex;
		}
		catch (XMLStreamException | IOException | RuntimeException ex) {
			closeOpenSheet();
			throw new IOException(where + " cannot be opened: " + TabularFiles.rootMessage(ex), ex);
		}
		XmlPart xml = openSheet;
		return () -> {
			try {
				return nextRow(xml);
			}
			catch (ReaderLimitException ex) {
				throw ex;
			}
			catch (XMLStreamException | IOException | RuntimeException ex) {
				throw new UnreadableSourceException(where + " is damaged: " + TabularFiles.rootMessage(ex), ex);
			}
		};
	}

	/** As {@code XSSFReader.getSheet(relId)}. */
	private ZipArchiveEntry sheetEntry(String relationshipId) {
		String target = relationshipId == null ? null : workbookRelationships.get(relationshipId);
		if (target == null) {
			throw new IllegalArgumentException("No Sheet found with r:id " + relationshipId);
		}
		ZipArchiveEntry entry = entry(target);
		if (entry == null) {
			throw new IllegalArgumentException("No data found for Sheet with r:id " + relationshipId);
		}
		return entry;
	}

	/** The next row that has a cell. */
	private SheetRow nextRow(XmlPart part) throws XMLStreamException, IOException {
		XMLStreamReader xml = part.xml;
		while (part.hasNext()) {
			int event = part.next();
			if (event == XMLStreamConstants.START_ELEMENT && "row".equals(xml.getLocalName())) {
				String r = xml.getAttributeValue(null, "r");
				int rowNumber = r != null ? Integer.parseInt(r) : lastRowNumber + 1;
				lastRowNumber = rowNumber;
				List<Cell> cells = readCells(part);
				if (!cells.isEmpty()) {
					return new SheetRow(rowNumber, cells);
				}
			}
		}
		return null;
	}

	/** A row's cells. */
	private List<Cell> readCells(XmlPart part) throws XMLStreamException, IOException {
		XMLStreamReader2 xml = part.xml;
		RowCells row = rowCells;
		row.start();
		while (part.hasNext()) {
			int event = part.next();
			if (event == XMLStreamConstants.START_ELEMENT) {
				switch (xml.getLocalName()) {
					case "c" -> {
						if (++cellsInSheet > maxCellsPerSheet) {
							throw part.beyond("the cells of one sheet", maxCellsPerSheet, "cells");
						}
						// one pass over the attributes; the first of a name counts, as getAttributeValue(null, name);
						// the reference and style decoded from the parser's characters, without a string
						int column = RowCells.NO_REFERENCE;
						boolean hasRef = false;
						String type = null;
						long style = NO_STYLE;
						for (int i = 0, n = xml.getAttributeCount(); i < n; i++) {
							String attribute = xml.getAttributeLocalName(i);
							if (!hasRef && "r".equals(attribute)) {
								hasRef = true;
								xml.getAttributeAs(i, columnDecoder);
								column = columnDecoder.column;
							}
							else if (type == null && "t".equals(attribute)) {
								type = xml.getAttributeValue(i);
							}
							else if (style == NO_STYLE && "s".equals(attribute)) {
								xml.getAttributeAs(i, styleDecoder);
								style = styleDecoder.style;
							}
						}
						row.startCell(column, type, style);
					}
					case "v" -> row.startValue();
					case "f" -> row.formula();
					case "is" -> row.startInlineString();
					case "t" -> row.startTextRun();
					default -> {
					}
				}
			}
			else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
				if (!row.text(xml)) {
					throw part.beyond("a cell's text", ReaderLimits.MAX_TEXT_CHARS, "characters");
				}
			}
			else if (event == XMLStreamConstants.END_ELEMENT) {
				switch (xml.getLocalName()) {
					case "v" -> row.endValue();
					case "t" -> row.endTextRun();
					case "c" -> row.endCell();
					case "row" -> {
						return row.cells();
					}
					default -> {
					}
				}
			}
		}
		return row.cells();
	}

	/**
	 * A row's cells as their elements come. A {@code <v>} (value) or {@code <is>}
	 * (inline string) starts its text again; the text of an inline string is that of every {@code
	 * <t>} in it. Text that comes in one piece (nearly always) is kept as the reader's string, with
	 * no buffer. A cell without a reference is the one after the cell before it.
	 */
	private final class RowCells {

		static final int NO_REFERENCE = -1;

		/** A value's characters, copied from the parser: most values are numbers, read without a string. */
		private final StringBuilder value = new StringBuilder(32);

		private final Text inline = new Text();

		private List<Cell> cells;

		private int nextColumn;

		private int column;

		private String type;

		private long style;

		private boolean formula;

		private boolean hasValue;

		private boolean hasInline;

		private boolean inValue;

		private boolean inInlineText;

		void start() {
			cells = new ArrayList<>();
			nextColumn = 0;
			inValue = false;
			inInlineText = false;
		}

		void startCell(int column, String type, long style) {
			this.column = column == NO_REFERENCE ? nextColumn : column;
			this.type = type;
			this.style = style;
			formula = false;
			hasValue = false;
			hasInline = false;
		}

		void startValue() {
			inValue = true;
			hasValue = true;
			value.setLength(0);
		}

		void formula() {
			formula = true;
		}

		void startInlineString() {
			hasInline = true;
			inline.clear();
		}

		void startTextRun() {
			inInlineText = hasInline;
		}

		/** Adds the parser's text event to the cell; false when the cell's text is then too long. */
		boolean text(XMLStreamReader xml) {
			if (inValue) {
				int length = xml.getTextLength();
				if (value.length() + length > ReaderLimits.MAX_TEXT_CHARS) {
					return false;
				}
				value.append(xml.getTextCharacters(), xml.getTextStart(), length);
				return true;
			}
			if (inInlineText) {
				return inline.add(xml.getText());
			}
			return true;
		}

		void endValue() {
			inValue = false;
		}

		void endTextRun() {
			inInlineText = false;
		}

		void endCell() {
			Cell cell = toCell(column, type, style, formula, hasValue ? value : null, hasInline ? inline.get() : null);
			if (cell != null) {
				cells.add(cell);
			}
			nextColumn = column + 1;
		}

		List<Cell> cells() {
			return cells;
		}
	}

	/** Text that may come in several parser events; one event's string is kept as it is. */
	private static final class Text {

		private String first;

		private StringBuilder more;

		private boolean joined;

		void clear() {
			first = null;
			joined = false;
		}

		/** False when the text is then over {@link ReaderLimits#MAX_TEXT_CHARS}. */
		boolean add(String text) {
			if (first == null && !joined) {
				first = text;
				return true;
			}
			if (!joined) {
				if (more == null) {
					more = new StringBuilder(64);
				}
				more.setLength(0);
				more.append(first);
				joined = true;
			}
			if (more.length() + text.length() > ReaderLimits.MAX_TEXT_CHARS) {
				return false;
			}
			more.append(text);
			return true;
		}

		String get() {
			return joined ? more.toString() : first == null ? "" : first;
		}
	}

	/** No s attribute; and one that is not a whole number (the cell is damaged if it is a number). */
	private static final long NO_STYLE = Long.MIN_VALUE;

	private static final long BAD_STYLE = Long.MAX_VALUE;

	/**
	 * Plain digits (1 to 15 of them, exact as a double) as their value, without a string; -1 for
	 * anything else (a sign, a point, an exponent, spaces), which is parsed as it always was.
	 */
	static long wholeNumber(CharSequence text) {
		int length = text.length();
		if (length == 0 || length > 15) {
			return -1;
		}
		long value = 0;
		for (int i = 0; i < length; i++) {
			char ch = text.charAt(i);
			if (ch < '0' || ch > '9') {
				return -1;
			}
			value = value * 10 + (ch - '0');
		}
		return value;
	}

	private final ColumnDecoder columnDecoder = new ColumnDecoder();

	private final StyleDecoder styleDecoder = new StyleDecoder();

	/** A cell reference's column, from the parser's characters: by hand for the usual A1 form. */
	private static final class ColumnDecoder extends TypedValueDecoder {

		int column;

		@Override
		public void decode(String value) {
			column = column(value);
		}

		@Override
		public void decode(char[] buffer, int start, int end) {
			int letters = 0;
			int number = 0;
			while (start + letters < end && letters < 4) {
				char ch = buffer[start + letters];
				if (ch < 'A' || ch > 'Z') {
					break;
				}
				number = number * 26 + (ch - 'A' + 1);
				letters++;
			}
			int digits = end - start - letters;
			boolean usual = letters > 0 && letters <= 3 && digits > 0 && digits <= 9;
			for (int i = start + letters; usual && i < end; i++) {
				usual = buffer[i] >= '0' && buffer[i] <= '9';
			}
			column = usual ? number - 1 : column(new String(buffer, start, end - start));
		}

		@Override
		public void handleEmptyValue() {
			column = column("");
		}
	}

	/** A cell's style index (s), from the parser's characters; {@link #BAD_STYLE} when not an int. */
	private static final class StyleDecoder extends TypedValueDecoder {

		long style;

		@Override
		public void decode(String value) {
			decode(value.toCharArray(), 0, value.length());
		}

		@Override
		public void decode(char[] buffer, int start, int end) {
			// as Integer.parseInt, after the parser's trimming of spaces: an optional sign, then digits
			int i = start;
			boolean negative = i < end && buffer[i] == '-';
			if (i < end && (buffer[i] == '-' || buffer[i] == '+')) {
				i++;
			}
			if (i == end || end - i > 10) {
				style = BAD_STYLE;
				return;
			}
			long value = 0;
			for (; i < end; i++) {
				char ch = buffer[i];
				if (ch < '0' || ch > '9') {
					style = BAD_STYLE;
					return;
				}
				value = value * 10 + (ch - '0');
			}
			value = negative ? -value : value;
			style = value < Integer.MIN_VALUE || value > Integer.MAX_VALUE ? BAD_STYLE : value;
		}

		@Override
		public void handleEmptyValue() {
			style = BAD_STYLE;
		}
	}

	/** The 0-based column of a cell reference: by hand for the usual A1 form, else as POI parses it. */
	static int column(String ref) {
		int length = ref.length();
		int letters = 0;
		int column = 0;
		while (letters < length && letters < 4) {
			char ch = ref.charAt(letters);
			if (ch < 'A' || ch > 'Z') {
				break;
			}
			column = column * 26 + (ch - 'A' + 1);
			letters++;
		}
		int digits = length - letters;
		if (letters == 0 || letters > 3 || digits == 0 || digits > 9) {
			return new CellReference(ref).getCol();
		}
		for (int i = letters; i < length; i++) {
			char ch = ref.charAt(i);
			if (ch < '0' || ch > '9') {
				return new CellReference(ref).getCol();
			}
		}
		return column - 1;
	}

	private Cell toCell(int column, String type, long style, boolean formula, CharSequence raw, String inline) {
		if ("inlineStr".equals(type)) {
			return inline == null ? null : new Cell(column, inline, null, null, formula);
		}
		if (raw == null) {
			return null;
		}
		if (type == null || "n".equals(type)) {
			if (raw.isEmpty()) {
				return null;
			}
			double number;
			long whole = wholeNumber(raw);
			if (whole >= 0) {
				number = whole;
			}
			else {
				String text = raw.toString();
				try {
					number = Double.parseDouble(text);
				}
				catch (NumberFormatException ex) {
					return new Cell(column, text, null, null, formula);
				}
			}
			String format = null;
			int formatIndex = 0;
			if (style != NO_STYLE && formatIndexes != null) {
				if (style == BAD_STYLE) {
					throw new NumberFormatException("a cell's style index (s) is not a whole number");
				}
				long xf = style;
				if (xf >= 0 && xf < formatIndexes.length) {
					formatIndex = formatIndexes[(int) xf];
					format = formatCodes[(int) xf];
				}
			}
			if (format == null) {
				format = "General";
			}
			String text = formatInteger(number, formatIndex, format);
			if (text == null) {
				if (formatter == null) {
					formatter = new DataFormatter(Locale.UK);
				}
				text = formatter.formatRawCellContents(number, formatIndex, format);
			}
			return new Cell(column, text, number, format, formula);
		}
		return switch (type) {
			case "s" -> {
				if (!hasSharedStrings) {
					yield null;
				}
				long whole = wholeNumber(raw);
				if (whole >= 0 && whole <= Integer.MAX_VALUE) {
					yield new Cell(column, sharedString((int) whole), null, null, formula);
				}
				String text = raw.toString();
				if (text.isBlank()) {
					yield null;
				}
				yield new Cell(column, sharedString(Integer.parseInt(text.trim())), null, null, formula);
			}
			case "b" -> new Cell(column, "1".contentEquals(raw) ? "TRUE" : "FALSE", null, null, formula);
			default -> new Cell(column, raw.toString(), null, null, formula); // "e", "str": a formula's cached text
		};
	}

	private String sharedString(int index) {
		if (sharedStrings == null || index >= sharedStrings.size()) {
			throw new IllegalStateException("shared string " + index + " does not exist: the workbook has "
					+ (sharedStrings == null ? "no shared strings table" : sharedStrings.size() + " shared strings"));
		}
		return sharedStrings.get(index);
	}

	/**
	 * What {@link DataFormatter#formatRawCellContents} (Locale.UK) gives for a whole number under
	 * 10^10 in magnitude in the formats General, 0 and #,##0, without it; {@code null} for any other
	 * value or format, and for a format id that Excel reserves for dates (DataFormatter formats
	 * those as dates whatever their format code says).
	 */
	static String formatInteger(double number, int formatIndex, String format) {
		if (!(Math.abs(number) < 1e10) || number != Math.rint(number) || DateUtil.isInternalDateFormat(formatIndex)) {
			return null;
		}
		long whole = (long) number;
		if ("General".equals(format) || "0".equals(format)) {
			return Long.toString(whole);
		}
		if ("#,##0".equals(format)) {
			if (whole > -1000 && whole < 1000) {
				return Long.toString(whole);
			}
			String digits = Long.toString(Math.abs(whole));
			StringBuilder out = new StringBuilder(digits.length() + 4);
			if (whole < 0) {
				out.append('-');
			}
			int lead = digits.length() % 3 == 0 ? 3 : digits.length() % 3;
			out.append(digits, 0, lead);
			for (int i = lead; i < digits.length(); i += 3) {
				out.append(',').append(digits, i, i + 3);
			}
			return out.toString();
		}
		return null;
	}

	private void closeOpenSheet() throws IOException {
		lastRowNumber = 0;
		cellsInSheet = 0;
		if (openSheet != null) {
			openSheet.close();
			openSheet = null;
		}
		if (openStream != null) {
			InputStream stream = openStream;
			openStream = null;
			stream.close();
		}
	}

	private static void closeQuietly(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ex) {
			// already failing: the first problem is the one reported
		}
	}

	@Override
	public void close() throws IOException {
		try {
			closeOpenSheet();
		}
		finally {
			zip.close();
		}
	}
}
