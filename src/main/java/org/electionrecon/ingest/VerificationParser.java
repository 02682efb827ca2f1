package org.electionrecon.ingest;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.electionrecon.ingest.ConstituencyDirectory.Match;
import org.electionrecon.ingest.NumberParser.NotANumberException;
import org.electionrecon.ingest.NumberParser.Parsed;
import org.electionrecon.ingest.table.Cell;
import org.electionrecon.ingest.table.SheetInfo;
import org.electionrecon.ingest.table.SheetRow;
import org.electionrecon.ingest.table.TabularFile;
import org.electionrecon.model.BallotBox;
import org.electionrecon.model.BoxType;
import org.electionrecon.model.CheckCode;
import org.electionrecon.model.Constituency;
import org.electionrecon.model.Finding;
import org.electionrecon.model.RejectedFigure;
import org.electionrecon.model.Severity;
import org.electionrecon.model.SourceRef;
import org.electionrecon.model.Staged;
import org.electionrecon.model.StatedFigure;
import org.electionrecon.model.VerificationSheet;

/**
 * {@code verification/}: a council's verification statements. One sheet per constituency (named by
 * a key-value block or the sheet name) or one table with a constituency column; an optional
 * key-value block above the box table; a Total row that states the total verified.
 */
public final class VerificationParser extends SourceParser {

	static final List<Field> KEYS = List.of(
			Field.optional("constituency", "Parliamentary constituency", "Constituency name", "Contest"),
			Field.optional("electorate", "Eligible electorate", "Electorate (register)"),
			Field.optional("stated total verified", "Total ballot papers verified", "Ballot papers verified",
					"Total verified", "Verified total"),
			Field.optional("stated turnout", "Turnout", "Percentage turnout"));

	static final List<Field> COLUMNS = List.of(
			Field.optional("box", "Box no", "Box number", "Ballot box", "Box ref"),
			Field.optional("station", "Polling station", "Polling place", "Polling district", "District"),
			Field.optional("type", "Box type"),
			Field.required("issued", "Ballot papers issued", "Per BPA", "BPA", "BPA total", "Papers issued",
					"Expected"),
			Field.required("verified", "Ballot papers verified", "Counted", "Found in box", "Papers in box",
					"Verification count"),
			Field.optional("constituency", "Constituency", "Parliamentary constituency", "Constituency name",
					"Contest"));

	private static final int TOTAL_ROW_LOOKAHEAD = 3;

	private final List<Field> keys;
	private final List<Field> columns;
	private final Set<String> statementsSeen = new HashSet<>();
	private final Set<String> unknownNamesReported = new HashSet<>();

	private Map<String, Integer> header;
	private Constituency sheetConstituency;
	private String sheetFailure;
	/** Whether the table already has its Total row, so a "Total postal" below it is not a second one. */
	private boolean endedAtTotalRow;

	public VerificationParser(String fileName, TabularFile file, ParseContext context) {
		super(fileName, file, context);
		this.keys = Field.withExtras("verification", KEYS, context.extraSynonyms());
		this.columns = Field.withExtras("verification", COLUMNS, context.extraSynonyms());
	}

	@Override
	protected String describe() {
		return "verification statement";
	}

	@Override
	protected int findHeader(SheetInfo sheet, List<SheetRow> rows) {
		HeaderRow found = locateHeader(rows, columns);
		if (found == null) {
			return -1;
		}
		header = found.columns();
		return found.index();
	}

	@Override
	protected void startTable(SheetInfo sheet, List<SheetRow> rowsAbove, List<Staged> out) {
		sheetConstituency = null;
		sheetFailure = null;
		endedAtTotalRow = false;
		KeyValue constituencyKey = null;
		KeyValue electorate = null;
		KeyValue total = null;
		KeyValue turnout = null;
		for (SheetRow row : rowsAbove) {
			List<Cell> cells = row.cells();
			for (int i = 0; i < cells.size() - 1; i++) {
				Cell key = cells.get(i);
				if (key.isNumeric() || key.isBlank()) {
					continue;
				}
				Cell value = nextNonBlank(cells, i + 1);
				if (value == null) {
					continue;
				}
				KeyValue kv = new KeyValue(value, ref(sheet, row.number(), value.column()));
				if (keys.get(0).matches(key.text()) && constituencyKey == null) {
					constituencyKey = kv;
				}
				else if (keys.get(1).matches(key.text()) && electorate == null) {
					electorate = kv;
				}
				else if (keys.get(2).matches(key.text()) && total == null) {
					total = kv;
				}
				else if (keys.get(3).matches(key.text()) && turnout == null) {
					turnout = kv;
				}
			}
		}
		boolean perRow = header.containsKey("constituency") && constituencyKey == null;
		if (perRow) {
			return;
		}
		Match match;
		String described;
		if (constituencyKey != null) {
			String text = constituencyKey.value().text().strip();
			match = Constituencies.match(context.directory(), text);
			described = "'" + text + "' at " + constituencyKey.source();
		}
		else if (sheet.name() != null) {
			match = context.directory().matchSheetName(sheet.name());
			described = "sheet name '" + sheet.name() + "'";
		}
		else {
			match = new Match(null, null, "the file names no constituency (no constituency column)");
			described = fileName;
		}
		if (!match.found()) {
			sheetFailure = "unknown constituency: " + match.failure();
			out.add(Finding.open(Severity.ERROR, CheckCode.UNKNOWN_CONSTITUENCY, null, null, null, null,
					null, null, "Verification statement for " + described + ": " + match.failure(),
					constituencyKey != null ? constituencyKey.source().toString()
							: SourceRef.sheetPrefix(fileName, sheet.name() != null ? sheet.name() : SourceRef.csvSheetName(fileName))));
			return;
		}
		sheetConstituency = match.constituency();
		if (match.note() != null) {
			notes.add(sheetLabel(sheet) + ": " + match.note());
		}
		String code = sheetConstituency.code();
		out.add(new VerificationSheet(code, SourceRef.sheetPrefix(fileName, sheet.name() != null ? sheet.name() : SourceRef.csvSheetName(fileName))));
		stateCount(code, StatedFigure.Kind.ELECTORATE, electorate, out);
		stateCount(code, StatedFigure.Kind.VERIFIED_TOTAL, total, out);
		if (turnout != null) {
			try {
				Parsed parsed = NumberParser.percent(turnout.value());
				out.add(new StatedFigure(code, StatedFigure.Kind.TURNOUT, parsed.value(), parsed.decimals(),
						turnout.source().toString()));
			}
			catch (NotANumberException ex) {
				rejectStatedValue(turnout.source(), turnout.value().text(), "stated turnout is " + ex.getMessage(), out);
			}
		}
	}

	private void stateCount(String code, StatedFigure.Kind kind, KeyValue kv, List<Staged> out) {
		if (kv == null) {
			return;
		}
		try {
			Long value = NumberParser.count(kv.value());
			out.add(new StatedFigure(code, kind, BigDecimal.valueOf(value), 0, kv.source().toString()));
		}
		catch (NotANumberException ex) {
			rejectStatedValue(kv.source(), kv.value().text(), kind.name().toLowerCase(Locale.ROOT).replace('_', ' ')
					+ " is " + ex.getMessage(), out);
		}
	}

	@Override
	protected boolean row(SheetInfo sheet, SheetRow row, List<Staged> out) {
		if (isTotalRow(row)) {
			totalRow(sheet, row, out);
			// in a one-table layout a constituency's Total row is followed by the next constituency's boxes
			boolean perConstituency = sheetConstituency == null && sheetFailure == null
					&& header.containsKey("constituency") && text(row, "constituency") != null;
			endedAtTotalRow = !perConstituency;
			if (!perConstituency) {
				lastRowOfTable();
			}
			return true;
		}
		int issuedColumn = header.get("issued");
		int verifiedColumn = header.get("verified");
		Cell issuedCell = row.get(issuedColumn);
		Cell verifiedCell = row.get(verifiedColumn);
		boolean issuedBlank = issuedCell == null || issuedCell.isBlank();
		boolean verifiedBlank = verifiedCell == null || verifiedCell.isBlank();
		if (issuedBlank && verifiedBlank) {
			return false;
		}
		String boxText = text(row, "box");
		if (boxText != null && startsWithTotal(boxText, 0)) {
			totalRow(sheet, row, out);
			return true;
		}
		Constituency constituency = constituencyOf(sheet, row, out);
		if (constituency == null) {
			return true;
		}
		String leftOut = "box " + (boxText != null ? boxText : "in row " + row.number());
		if (issuedBlank || verifiedBlank) {
			int blankColumn = issuedBlank ? issuedColumn : verifiedColumn;
			reject(ref(sheet, row.number(), blankColumn), null,
					(issuedBlank ? "ballot papers issued" : "ballot papers verified")
							+ " is blank (a blank is not zero)", RejectedFigure.Kind.BOX, constituency.code(), leftOut, out);
			return true;
		}
		Long issued;
		Long verified;
		try {
			issued = NumberParser.count(issuedCell);
		}
		catch (NotANumberException ex) {
			reject(ref(sheet, row.number(), issuedColumn), issuedCell.text(), "ballot papers issued is " + ex.getMessage(),
					RejectedFigure.Kind.BOX, constituency.code(), leftOut, out);
			return true;
		}
		try {
			verified = NumberParser.count(verifiedCell);
		}
		catch (NotANumberException ex) {
			reject(ref(sheet, row.number(), verifiedColumn), verifiedCell.text(),
					"ballot papers verified is " + ex.getMessage(), RejectedFigure.Kind.BOX, constituency.code(), leftOut,
					out);
			return true;
		}
		if (issued < 0 || verified < 0) {
			int column = issued < 0 ? issuedColumn : verifiedColumn;
			reject(ref(sheet, row.number(), column), Long.toString(issued < 0 ? issued : verified),
					"a count of ballot papers cannot be negative", RejectedFigure.Kind.BOX, constituency.code(), leftOut,
					out);
			return true;
		}
		String station = text(row, "station");
		String typeText = text(row, "type");
		BoxType type = BoxType.of(typeText, boxText, station);
		if (type == null) {
			reject(ref(sheet, row.number(), header.get("type")), typeText,
					"box type is neither polling station nor postal", RejectedFigure.Kind.BOX, constituency.code(),
					leftOut, out);
			return true;
		}
		String box = boxText != null ? boxText : "row " + row.number();
		out.add(new BallotBox(constituency.code(), box, station, type, issued, verified,
				source(sheet, row.number(), issuedColumn), source(sheet, row.number(), verifiedColumn)));
		accept();
		return true;
	}

	@Override
	protected boolean afterTable(SheetInfo sheet, SheetRow row, int tableEndRow, List<Staged> out) {
		if (!endedAtTotalRow && row.number() <= tableEndRow + TOTAL_ROW_LOOKAHEAD && isTotalRow(row)) {
			totalRow(sheet, row, out);
			endedAtTotalRow = true;
			return true;
		}
		return false;
	}

	/** A row with an issued or a verified count is a box row, whatever ended the table above it. */
	@Override
	protected boolean isTableShaped(SheetRow row) {
		return fills(row, List.of(header.get("issued"), header.get("verified")), 1);
	}

	private boolean isTotalRow(SheetRow row) {
		Cell first = row.first();
		if (first == null || first.isNumeric()) {
			return false;
		}
		String text = first.text();
		int start = 0;
		while (start < text.length() && Character.isWhitespace(text.charAt(start))) {
			start++;
		}
		return startsWithTotal(text, start);
	}

	/** Whether the text from {@code start} begins with "total" in any case, as lower-casing it would say. */
	private static boolean startsWithTotal(String text, int start) {
		return text.regionMatches(true, start, "total", 0, "total".length());
	}

	/** A Total row is not a box: its verified value is a stated total verified. */
	private void totalRow(SheetInfo sheet, SheetRow row, List<Staged> out) {
		int verifiedColumn = header.get("verified");
		Cell verifiedCell = row.get(verifiedColumn);
		SourceRef source = ref(sheet, row.number(), verifiedColumn);
		Constituency constituency = sheetConstituency;
		if (constituency == null && header.containsKey("constituency") && sheetFailure == null) {
			String named = text(row, "constituency");
			if (named == null) {
				reject(source, verifiedCell == null ? null : verifiedCell.text(),
						"a Total row that names no constituency cannot be checked against one", out);
				return;
			}
			constituency = constituencyOf(sheet, row, out);
		}
		else if (constituency == null) {
			reject(source, verifiedCell == null ? null : verifiedCell.text(), sheetFailure, out);
			return;
		}
		if (constituency == null) {
			return;
		}
		try {
			Long total = NumberParser.count(verifiedCell);
			if (total == null) {
				reject(source, null, "the Total row's verified cell is blank", out);
				return;
			}
			out.add(new StatedFigure(constituency.code(), StatedFigure.Kind.VERIFIED_TOTAL_ROW,
					BigDecimal.valueOf(total), 0, source.toString()));
			accept();
		}
		catch (NotANumberException ex) {
			reject(source, verifiedCell.text(), "the Total row's verified value is " + ex.getMessage(), out);
		}
	}

	/** The sheet's constituency, or the row's; {@code null} after rejecting the row. */
	private Constituency constituencyOf(SheetInfo sheet, SheetRow row, List<Staged> out) {
		if (sheetConstituency != null) {
			return sheetConstituency;
		}
		Integer column = header.get("constituency");
		if (sheetFailure != null || column == null) {
			int at = column != null ? column : header.get("verified");
			reject(ref(sheet, row.number(), at), column != null ? row.text(column) : null,
					sheetFailure != null ? sheetFailure : "no constituency", out);
			return null;
		}
		String named = row.text(column);
		SourceRef source = ref(sheet, row.number(), column);
		if (named == null) {
			reject(source, null, "constituency is blank", out);
			return null;
		}
		Match match = Constituencies.match(context.directory(), named);
		if (!match.found()) {
			reject(source, named, "unknown constituency: " + match.failure(), out);
			if (unknownNamesReported.add(Names.normalise(named))) {
				out.add(Finding.open(Severity.ERROR, CheckCode.UNKNOWN_CONSTITUENCY, null, null, null, null, named,
						null, "Verification row names '" + named + "': " + match.failure(), source.toString()));
			}
			return null;
		}
		String code = match.constituency().code();
		if (statementsSeen.add(code)) {
			out.add(new VerificationSheet(code, SourceRef.sheetPrefix(fileName, sheet.name() != null ? sheet.name() : SourceRef.csvSheetName(fileName))));
		}
		return match.constituency();
	}

	private String text(SheetRow row, String field) {
		Integer column = header.get(field);
		return column == null ? null : row.text(column);
	}

	private static Cell nextNonBlank(List<Cell> cells, int from) {
		for (int i = from; i < cells.size(); i++) {
			if (!cells.get(i).isBlank()) {
				return cells.get(i);
			}
		}
		return null;
	}

	private record KeyValue(Cell value, SourceRef source) {
	}
}
