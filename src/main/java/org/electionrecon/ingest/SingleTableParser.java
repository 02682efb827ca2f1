package org.electionrecon.ingest;

import java.util.List;
import java.util.Map;

import org.electionrecon.ingest.table.SheetInfo;
import org.electionrecon.ingest.table.SheetRow;
import org.electionrecon.ingest.table.TabularFile;
import org.electionrecon.model.Staged;

/**
 * A source with one kind of table, one row per record: its fields (with configured synonyms),
 * its header found in the first rows, and each non-blank row handed over as named values.
 */
abstract class SingleTableParser extends SourceParser {

	private final String description;
	private final List<Field> fields;
	private Map<String, Integer> columns;

	/**
	 * @param source the source's name in configuration ({@code header-synonyms[source.field]})
	 * @param description what the table is, for messages
	 */
	SingleTableParser(String fileName, TabularFile file, ParseContext context, String source, List<Field> fields,
			String description) {
		super(fileName, file, context);
		this.fields = Field.withExtras(source, fields, context.extraSynonyms());
		this.description = description;
	}

	@Override
	protected final String describe() {
		return description;
	}

	@Override
	protected final int findHeader(SheetInfo sheet, List<SheetRow> rows) {
		HeaderRow header = locateHeader(rows, fields);
		if (header == null) {
			return -1;
		}
		columns = header.columns();
		return header.index();
	}

	@Override
	protected final boolean row(SheetInfo sheet, SheetRow row, List<Staged> out) {
		if (row.isBlank()) {
			return false;
		}
		record(new RowValues(row, columns, column -> ref(sheet, row.number(), column)), out);
		return true;
	}

	/** Turns one row of the table into records, or rejects it; counts it either way. */
	protected abstract void record(RowValues values, List<Staged> out);

	/** A row with values in two or more of the table's columns is a row of it; a note or footer line has one. */
	@Override
	protected final boolean isTableShaped(SheetRow row) {
		return fills(row, columns.values(), 2);
	}
}
