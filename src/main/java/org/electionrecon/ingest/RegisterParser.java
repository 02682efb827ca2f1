package org.electionrecon.ingest;

import java.util.Arrays;
import java.util.List;

import org.electionrecon.ingest.table.TabularFile;
import org.electionrecon.model.Constituency;
import org.electionrecon.model.Staged;

/** {@code register/}: which constituencies exist and the report area each belongs to. */
public final class RegisterParser extends SingleTableParser {

	static final List<Field> FIELDS = List.of(
			Field.required("code", "ONS ID", "ONS code", "PCON24CD", "GSS code"),
			Field.required("name", "Constituency name", "Constituency", "Boundary Comm name", "PCON24NM"),
			Field.optional("region", "Region name", "region_name"),
			Field.optional("county", "County name", "County"),
			Field.optional("area", "Report area"),
			Field.optional("aliases", "Aliases"));

	public RegisterParser(String fileName, TabularFile file, ParseContext context) {
		super(fileName, file, context, "register", FIELDS, "register");
	}

	@Override
	protected void record(RowValues values, List<Staged> out) {
		String code = values.text("code", StagedText.CONSTITUENCY_CODE);
		String name = values.text("name", StagedText.CONSTITUENCY_NAME);
		String region = values.text("region", StagedText.REGION);
		String county = values.text("county", StagedText.COUNTY);
		String area = values.text("area", StagedText.REPORT_AREA);
		String aliases = values.text("aliases", StagedText.ALIASES);
		if (values.failed()) {
			reject(values.problemCell(), values.problemValue(), values.problem(), out);
			return;
		}
		if (code == null || name == null) {
			reject(values.source(code == null ? "code" : "name"), null,
					code == null ? "blank constituency code" : "blank constituency name", out);
			return;
		}
		if (area == null && region == null) {
			// the area names the report workbook: a row without one would have no report to go to
			reject(values.source(values.has("area") ? "area" : values.has("region") ? "region" : "code"), null,
					"report area is blank and there is no region to stand for it", out);
			return;
		}
		List<String> aliasList = aliases == null ? List.of()
				: Arrays.stream(aliases.split(";")).map(String::strip).filter(a -> !a.isEmpty()).toList();
		out.add(new Constituency(code.strip(), name.strip(), region, county,
				area != null ? area : region, aliasList));
		accept();
	}
}
