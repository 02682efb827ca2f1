package org.electionrecon.ingest;

import java.util.List;
import java.util.Locale;

import org.electionrecon.ingest.ConstituencyDirectory.Match;
import org.electionrecon.ingest.table.TabularFile;
import org.electionrecon.model.CheckCode;
import org.electionrecon.model.Explanation;
import org.electionrecon.model.Staged;

/** {@code explanations/}: operators' notes for variances already explained on the night. */
public final class ExplanationsParser extends SingleTableParser {

	static final List<Field> FIELDS = List.of(
			Field.required("constituency", "Constituency name", "Constituency code", "Seat"),
			Field.required("check", "Check code", "Code"),
			Field.optional("box", "Box no", "Box ref"),
			Field.required("note", "Explanation", "Reason"),
			Field.optional("by", "Explained by", "Operator"));

	public ExplanationsParser(String fileName, TabularFile file, ParseContext context) {
		super(fileName, file, context, "explanations", FIELDS, "explanations");
	}

	@Override
	protected void record(RowValues values, List<Staged> out) {
		String named = values.text("constituency");
		Match match = named == null ? null : Constituencies.match(context.directory(), named);
		if (match == null || !match.found()) {
			reject(values.source("constituency"), named,
					named == null ? "constituency is blank" : "unknown constituency: " + match.failure(), out);
			return;
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
			return;
		}
		String note = values.text("note", StagedText.NOTE);
		String box = values.text("box", StagedText.BOX);
		String by = values.text("by", StagedText.EXPLAINED_BY);
		if (values.failed()) {
			reject(values.problemCell(), values.problemValue(), values.problem(), out);
			return;
		}
		if (note == null) {
			reject(values.source("note"), null, "the note is blank: an explanation must say why", out);
			return;
		}
		out.add(new Explanation(match.constituency().code(), check, box, note, by,
				values.sourceText("note")));
		accept();
	}
}
