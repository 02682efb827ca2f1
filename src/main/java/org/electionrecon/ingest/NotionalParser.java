package org.electionrecon.ingest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.electionrecon.ingest.ConstituencyDirectory.Match;
import org.electionrecon.ingest.table.Cell;
import org.electionrecon.ingest.table.SheetInfo;
import org.electionrecon.ingest.table.SheetRow;
import org.electionrecon.ingest.table.TabularFile;
import org.electionrecon.model.CheckCode;
import org.electionrecon.model.Finding;
import org.electionrecon.model.RejectedFigure;
import org.electionrecon.model.NotionalResult;
import org.electionrecon.model.Severity;
import org.electionrecon.model.Staged;

/**
 * {@code notional/}: Rallings and Thrasher's 2019 notional results on the 2024 boundaries. The
 * turnout is taken as published (one decimal); votes columns ({@code Conv}, {@code Labv}, ...)
 * become votes by party in the HoC abbreviations.
 */
public final class NotionalParser extends SourceParser {

	static final List<Field> FIELDS = List.of(
			Field.required("code", "ONS code", "ONS ID", "PCON24CD", "GSS code"),
			Field.optional("name", "Boundary Comm name", "Constituency name", "Constituency", "PA name"),
			Field.required("electorate", "Electorate"),
			Field.optional("turnout", "Turnout", "Turnout %"),
			Field.optional("total votes", "total_votes", "Total votes"),
			Field.optional("winner", "Win19", "Winner 2019", "Winner"),
			Field.optional("second", "Second19", "Second 2019", "Second"));

	/** R&T's aggregate columns, which are not a party's votes. */
	private static final Set<String> AGGREGATES = Set.of("TotOthv", "MaxOthv");
	private static final Pattern VOTES_COLUMN = Pattern.compile("[A-Za-z][A-Za-z0-9]*v");

	private final List<Field> fields;
	private final Set<String> codeNotes = new HashSet<>();
	private final Set<String> unknownReported = new HashSet<>();
	private Map<String, Integer> columns;
	private Map<String, Integer> votesColumns;

	public NotionalParser(String fileName, TabularFile file, ParseContext context) {
		super(fileName, file, context);
		this.fields = Field.withExtras("notional", FIELDS, context.extraSynonyms());
	}

	@Override
	protected String describe() {
		return "notional results";
	}

	@Override
	protected int findHeader(SheetInfo sheet, List<SheetRow> rows) {
		HeaderRow header = locateHeader(rows, fields);
		if (header == null) {
			return -1;
		}
		columns = header.columns();
		votesColumns = new LinkedHashMap<>();
		for (Cell cell : rows.get(header.index()).cells()) {
			String text = cell.text() == null ? "" : cell.text().strip();
			if (VOTES_COLUMN.matcher(text).matches() && !AGGREGATES.contains(text)) {
				String party = context.parties().abbreviation(text.substring(0, text.length() - 1));
				votesColumns.putIfAbsent(party, cell.column());
			}
		}
		return header.index();
	}

	@Override
	protected boolean row(SheetInfo sheet, SheetRow row, List<Staged> out) {
		if (row.isBlank()) {
			return false;
		}
		RowValues values = new RowValues(row, columns, column -> ref(sheet, row.number(), column));
		String code = values.text("code", StagedText.CONSTITUENCY_CODE);
		String name = values.text("name", StagedText.CONSTITUENCY_NAME);
		if (values.failed()) {
			reject(values.problemCell(), values.problemValue(), values.problem(), out);
			return true;
		}
		if (code == null && name == null) {
			return false;
		}
		Match match = context.directory().match(code, name);
		if (!match.found()) {
			String field = code != null ? "code" : "name";
			reject(values.source(field), code != null ? code : name, "unknown constituency: " + match.failure(), out);
			if (unknownReported.add(code + "|" + name)) {
				out.add(Finding.open(Severity.ERROR, CheckCode.UNKNOWN_CONSTITUENCY, code, name, null, null,
						code != null ? code : name, null,
						"Notional row names " + (name != null ? "'" + name + "'" : code) + ": " + match.failure(),
						values.sourceText(field)));
			}
			return true;
		}
		if (match.note() != null && codeNotes.add(match.note())) {
			notes.add(match.note());
		}
		Long electorate = values.requiredCount("electorate", "notional electorate");
		NumberParser.Parsed turnout = values.has("turnout") ? values.percent("turnout", "notional turnout") : null;
		Long total = values.count("total votes", "total votes");
		String winner = values.text("winner", StagedText.PARTY);
		String second = values.text("second", StagedText.PARTY);
		Map<String, Long> votes = new LinkedHashMap<>();
		for (Map.Entry<String, Integer> column : votesColumns.entrySet()) {
			Cell cell = row.get(column.getValue());
			try {
				Long partyVotes = NumberParser.count(cell);
				if (partyVotes != null && partyVotes > 0) {
					votes.merge(column.getKey(), partyVotes, Long::sum);
				}
			}
			catch (NumberParser.NotANumberException ex) {
				values.fail(null, cell.text(), column.getKey() + " votes are " + ex.getMessage());
			}
		}
		if (values.failed()) {
			reject(values.problemCell(), values.problemValue(), values.problem(), RejectedFigure.Kind.NOTIONAL,
					match.constituency().code(), "the notional row", out);
			return true;
		}
		long totalVotes = total != null ? total : votes.values().stream().mapToLong(Long::longValue).sum();
		BigDecimal turnoutPercent = turnout != null ? turnout.value()
				: electorate == 0 ? null
						: BigDecimal.valueOf(totalVotes * 100L).divide(BigDecimal.valueOf(electorate), 1,
								RoundingMode.HALF_UP);
		if (turnoutPercent == null) {
			reject(values.source("electorate"), "0", "notional electorate is zero and no turnout is given",
					RejectedFigure.Kind.NOTIONAL, match.constituency().code(), "the notional row", out);
			return true;
		}
		out.add(new NotionalResult(match.constituency().code(), electorate, turnoutPercent, totalVotes, votes,
				context.parties().abbreviation(winner), context.parties().abbreviation(second),
				values.sourceText(values.has("turnout") ? "turnout" : "electorate"), values.sourceText("electorate"),
				values.has("winner") ? values.sourceText("winner") : null));
		accept();
		return true;
	}

	/** A row with values in two or more of the table's columns is a row of it; a note or footer line has one. */
	@Override
	protected final boolean isTableShaped(SheetRow row) {
		return fills(row, columns.values(), 2);
	}
}
