package org.electionrecon.ingest;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.electionrecon.ingest.ConstituencyDirectory.Match;
import org.electionrecon.ingest.table.TabularFile;
import org.electionrecon.model.ReportedFigure;
import org.electionrecon.model.Staged;

/** {@code reported/}: figures a newsroom published on the night. */
public final class ReportedParser extends SingleTableParser {

	static final List<Field> FIELDS = List.of(
			Field.required("constituency", "Constituency name", "Constituency code", "Seat"),
			Field.required("figure", "Measure"),
			Field.required("value", "Figure value", "Reported value"),
			Field.optional("reported_at", "Reported at", "Published at", "Time"),
			Field.optional("source", "Outlet", "Publisher", "Reported by"));

	static final Set<String> FIGURES = Set.of("verified", "turnout", "electorate", "rejected", "turnout_2019");

	public ReportedParser(String fileName, TabularFile file, ParseContext context) {
		super(fileName, file, context, "reported", FIELDS, "reported figures");
	}

	@Override
	protected void record(RowValues values, List<Staged> out) {
		String named = values.text("constituency");
		if (named == null) {
			reject(values.source("constituency"), null, "constituency is blank", out);
			return;
		}
		Match match = Constituencies.match(context.directory(), named);
		if (!match.found()) {
			reject(values.source("constituency"), named, "unknown constituency: " + match.failure(), out);
			return;
		}
		String figure = values.text("figure");
		String normal = figure == null ? null : normaliseFigure(figure);
		if (normal != null && StagedText.FIGURE.problem(normal) != null) {
			reject(values.source("figure"), figure, StagedText.FIGURE.problem(normal), out);
			return;
		}
		if (normal == null) {
			reject(values.source("figure"), figure, "figure must be one of verified, turnout, electorate, rejected,"
					+ " turnout_2019 or votes:<party>", out);
			return;
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
		String reportedAt = values.text("reported_at", StagedText.REPORTED_AT);
		String outlet = values.text("source", StagedText.OUTLET);
		if (values.failed()) {
			reject(values.problemCell(), values.problemValue(), values.problem(), out);
			return;
		}
		out.add(new ReportedFigure(match.constituency().code(), normal, value, decimals, reportedAt, outlet,
				values.sourceText("value")));
		accept();
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
