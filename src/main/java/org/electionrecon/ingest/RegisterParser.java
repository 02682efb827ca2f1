package org.electionrecon.ingest;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.electionrecon.ingest.table.SheetInfo;
import org.electionrecon.ingest.table.SheetRow;
import org.electionrecon.ingest.table.TabularFile;
import org.electionrecon.model.Constituency;
import org.electionrecon.model.Staged;

/** {@code register/}: which constituencies exist and the report area each belongs to. */
public final class RegisterParser extends SourceParser {

	static final List<Field> FIELDS = List.of(
			Field.required("code", "ONS ID", "ONS code", "PCON24CD", "GSS code"),
			Field.required("name", "Constituency name", "Constituency", "Boundary Comm name", "PCON24NM"),
			Field.optional("region", "Region name", "region_name"),
			Field.optional("county", "County name", "County"),
			Field.optional("area", "Report area"),
			Field.optional("aliases", "Aliases"));

	private final List<Field> fields;
	private Map<String, Integer> columns;

	public RegisterParser(String fileName, TabularFile file, ParseContext context) {
		super(fileName, file, context);
		this.fields = Field.withExtras("register", FIELDS, context.extraSynonyms());
	}

	@Override
	protected String describe() {
		return "register";
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
		String code = text(row, "code");
		String name = text(row, "name");
		if (code == null || name == null) {
			int column = columns.get(code == null ? "code" : "name");
			reject(ref(sheet, row.number(), column), null,
					code == null ? "blank constituency code" : "blank constituency name", out);
			return true;
		}
		String region = text(row, "region");
		String area = text(row, "area");
		String aliases = text(row, "aliases");
		List<String> aliasList = aliases == null ? List.of()
				: Arrays.stream(aliases.split(";")).map(String::strip).filter(a -> !a.isEmpty()).toList();
		out.add(new Constituency(code.strip(), name.strip(), region, text(row, "county"),
				area != null ? area : region, aliasList));
		accept();
		return true;
	}

	private String text(SheetRow row, String field) {
		Integer column = columns.get(field);
		return column == null ? null : row.text(column);
	}
}
