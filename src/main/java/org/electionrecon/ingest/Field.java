package org.electionrecon.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.electionrecon.ingest.table.Cell;
import org.electionrecon.ingest.table.SheetRow;

/**
 * A column a source may have, found by any of its synonyms (its own name included), compared in
 * {@link Names#header} form.
 */
public record Field(String key, boolean required, List<String> synonyms) {

	public static Field required(String key, String... synonyms) {
		return new Field(key, true, withKey(key, synonyms));
	}

	public static Field optional(String key, String... synonyms) {
		return new Field(key, false, withKey(key, synonyms));
	}

	private static List<String> withKey(String key, String... synonyms) {
		List<String> all = new ArrayList<>(List.of(synonyms));
		all.add(0, key);
		return List.copyOf(all);
	}

	public Field withExtraSynonyms(List<String> extra) {
		if (extra == null || extra.isEmpty()) {
			return this;
		}
		List<String> all = new ArrayList<>(synonyms);
		all.addAll(extra);
		return new Field(key, required, List.copyOf(all));
	}

	public boolean matches(String text) {
		String normal = Names.header(text);
		if (normal.isEmpty()) {
			return false;
		}
		for (String synonym : synonyms) {
			if (Names.header(synonym).equals(normal)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The columns of the fields in a candidate header row, or {@code null} when a required field is
	 * missing. Each column is used by the first field that claims it.
	 */
	public static Map<String, Integer> locate(SheetRow row, List<Field> fields) {
		Map<String, Integer> columns = new LinkedHashMap<>();
		for (Cell cell : row.cells()) {
			if (cell.text() == null || cell.isNumeric()) {
				continue;
			}
			for (Field field : fields) {
				if (!columns.containsKey(field.key()) && field.matches(cell.text())) {
					columns.put(field.key(), cell.column());
					break;
				}
			}
		}
		for (Field field : fields) {
			if (field.required() && !columns.containsKey(field.key())) {
				return null;
			}
		}
		return columns;
	}

	/** The fields with the extra synonyms configured for a source ({@code source.field} keys). */
	public static List<Field> withExtras(String source, List<Field> fields, Map<String, List<String>> extra) {
		if (extra == null || extra.isEmpty()) {
			return fields;
		}
		return fields.stream().map(f -> f.withExtraSynonyms(extra.get(source + "." + f.key()))).toList();
	}
}
