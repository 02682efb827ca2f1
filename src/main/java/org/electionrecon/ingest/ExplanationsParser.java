package org.electionrecon.ingest;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.electionrecon.ingest.ConstituencyDirectory.Match;
import org.electionrecon.ingest.table.SheetInfo;
import org.electionrecon.ingest.table.SheetRow;
import org.electionrecon.ingest.table.TabularFile;
import org.electionrecon.model.CheckCode;
import org.electionrecon.model.Explanation;
import org.electionrecon.model.Staged;

/** {@code explanations/}: operators' notes for variances already explained on the night. */
public final class ExplanationsParser extends SourceParser {

	static final List<Field> FIELDS = List.of(
			Field.required("constituency", "Constituency name", "Constituency code", "Seat"),
			Field.required("check", "Check code", "Code"),
			Field.optional("box", "Box no", "Box ref"),
			Field.required("note", "Explanation", "Reason"),
			Field.optional("by", "Explained by", "Operator"));

	private final List<Field> fields;
	private Map<String, Integer> columns;

	public ExplanationsParser(String fileName, TabularFile file, ParseContext context) {
		super(fileName, file, context);
		this.fields = Field.withExtras("explanations", FIELDS, context.extraSynonyms());
	}

	@Override
	protected String describe() {
		return "explanations";
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
		Match match = named == null ? null : Constituencies.match(context.directory(), named);
		if (match == null || !match.found()) {
			reject(values.source("constituency"), named,
					named == null ? "constituency is blank" : "unknown constituency: " + match.failure(), out);
			return true;
		}
		String checkText = values.text("check");
		CheckCode check;
		try {
			check = checkText == null ? null : CheckCode.valueOf(checkText.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			check = null;
		}
		if (check == null) {
			reject(values.source("check"), checkText, "check must be a code of the check catalogue, e.g. BOX_VARIANCE",
					out);
			return true;
		}
		String note = values.text("note");
		if (note == null) {
			reject(values.source("note"), null, "the note is blank: an explanation must say why", out);
			return true;
		}
		out.add(new Explanation(match.constituency().code(), check, values.text("box"), note, values.text("by"),
				values.sourceText("note")));
		accept();
		return true;
	}
}
