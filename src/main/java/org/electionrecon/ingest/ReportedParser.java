package org.electionrecon.ingest;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.electionrecon.ingest.ConstituencyDirectory.Match;
import org.electionrecon.ingest.table.SheetInfo;
import org.electionrecon.ingest.table.SheetRow;
import org.electionrecon.ingest.table.TabularFile;
import org.electionrecon.model.ReportedFigure;
import org.electionrecon.model.Staged;

/** {@code reported/}: figures a newsroom published on the night. */
public final class ReportedParser extends SourceParser {

	static final List<Field> FIELDS = List.of(
			Field.required("constituency", "Constituency name", "Constituency code", "Seat"),
			Field.required("figure", "Measure"),
			Field.required("value", "Figure value", "Reported value"),
			Field.optional("reported_at", "Reported at", "Published at", "Time"),
			Field.optional("source", "Outlet", "Publisher", "Reported by"));

	static final Set<String> FIGURES = Set.of("verified", "turnout", "electorate", "rejected", "turnout_2019");

	private final List<Field> fields;
	private Map<String, Integer> columns;

	public ReportedParser(String fileName, TabularFile file, ParseContext context) {
		super(fileName, file, context);
		this.fields = Field.withExtras("reported", FIELDS, context.extraSynonyms());
	}

	@Override
	protected String describe() {
		return "reported figures";
	}

	@Override
	protected int findHeader(SheetInfo sheet, List<SheetRow> rows) {
		HeaderRow header = locateHeader(rows, fields);
		if (header == null) {
			return -1;
		}
		columns = header.columns();
		return header.index();
	}

	@Override
	protected boolean row(SheetInfo sheet, SheetRow row, List<Staged> out) {
		if (row.isBlank()) {
			return false;
		}
		RowValues values = new RowValues(row, columns, column -> ref(sheet, row.number(), column));
		String named = values.text("constituency");
		if (named == null) {
			reject(values.source("constituency"), null, "constituency is blank", out);
			return true;
		}
		Match match = Constituencies.match(context.directory(), named);
		if (!match.found()) {
			reject(values.source("constituency"), named, "unknown constituency: " + match.failure(), out);
			return true;
		}
		String figure = values.text("figure");
		String normal = figure == null ? null : normaliseFigure(figure);
		if (normal == null) {
			reject(values.source("figure"), figure, "figure must be one of verified, turnout, electorate, rejected,"
					+ " turnout_2019 or votes:<party>", out);
			return true;
		}
		BigDecimal value;
		int decimals = 0;
		if (normal.startsWith("turnout")) {
			NumberParser.Parsed parsed = values.percent("value", "reported " + normal);
			value = parsed == null ? null : parsed.value();
			decimals = parsed == null ? 0 : parsed.decimals();
		}
		else {
			Long count = values.count("value", "reported " + normal);
			value = count == null ? null : BigDecimal.valueOf(count);
		}
		if (value == null && !values.failed()) {
			values.fail("value", null, "reported value is blank (a blank is not zero)");
		}
		if (values.failed()) {
			reject(values.problemCell(), values.problemValue(), values.problem(), out);
			return true;
		}
		out.add(new ReportedFigure(match.constituency().code(), normal, value, decimals, values.text("reported_at"),
				values.text("source"), values.sourceText("value")));
		accept();
		return true;
	}

	/** {@code votes:Con}, with the party in HoC abbreviations; {@code null} for an unknown figure. */
	private String normaliseFigure(String figure) {
		String text = figure.strip();
		int colon = text.indexOf(':');
		if (colon > 0 && text.substring(0, colon).strip().equalsIgnoreCase("votes")) {
			String party = context.parties().abbreviation(text.substring(colon + 1));
			return party == null ? null : ReportedFigure.VOTES_PREFIX + party;
		}
		String normal = text.toLowerCase(Locale.ROOT).replace(' ', '_');
		return FIGURES.contains(normal) ? normal : null;
	}
}
