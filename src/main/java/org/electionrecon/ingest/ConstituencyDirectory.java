package org.electionrecon.ingest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.electionrecon.model.Constituency;

/**
 * The register, looked up as inputs.md says: by code first, then by normalised name, then by
 * alias. A code that is not a register code (an old-boundary E14000xxx code, say) falls back to
 * the name, and the difference is noted.
 */
public final class ConstituencyDirectory {

	/** Excel cuts sheet names at this many characters. */
	public static final int SHEET_NAME_LIMIT = 31;

	private final Map<String, Constituency> byCode = new HashMap<>();
	private final Map<String, List<Constituency>> byName = new HashMap<>();
	private final Map<String, List<Constituency>> byAlias = new HashMap<>();

	public ConstituencyDirectory(Iterable<Constituency> register) {
		for (Constituency c : register) {
			byCode.put(c.code().strip().toUpperCase(java.util.Locale.ROOT), c);
			byName.computeIfAbsent(Names.normalise(c.name()), k -> new ArrayList<>()).add(c);
			for (String alias : c.aliases()) {
				byAlias.computeIfAbsent(Names.normalise(alias), k -> new ArrayList<>()).add(c);
			}
		}
	}

	public boolean isEmpty() {
		return byCode.isEmpty();
	}

	/**
	 * The outcome of a lookup: the constituency, or why there is none.
	 *
	 * @param note what a person should know about a match that needed a fallback
	 */
	public record Match(Constituency constituency, String note, String failure) {

		public boolean found() {
			return constituency != null;
		}

		static Match of(Constituency c, String note) {
			return new Match(c, note, null);
		}

		static Match failed(String failure) {
			return new Match(null, null, failure);
		}
	}

	/** By code, then by name and aliases. Either may be null. */
	public Match match(String code, String name) {
		String cleanCode = code == null ? null : code.strip().toUpperCase(java.util.Locale.ROOT);
		if (cleanCode != null && !cleanCode.isEmpty()) {
			Constituency c = byCode.get(cleanCode);
			if (c != null) {
				return Match.of(c, null);
			}
		}
		if (name == null || name.isBlank()) {
			return Match.failed(cleanCode == null || cleanCode.isEmpty() ? "no constituency code or name"
					: "code " + cleanCode + " is not in the register");
		}
		Match byNameMatch = matchName(name);
		if (byNameMatch.found() && cleanCode != null && !cleanCode.isEmpty()) {
			return Match.of(byNameMatch.constituency(), "code " + cleanCode + " is not the register's "
					+ byNameMatch.constituency().code() + "; matched by name");
		}
		if (!byNameMatch.found() && cleanCode != null && !cleanCode.isEmpty()) {
			return Match.failed("code " + cleanCode + " is not in the register and " + byNameMatch.failure());
		}
		return byNameMatch;
	}

	/** By normalised name, then by alias. */
	public Match matchName(String name) {
		String normal = Names.normalise(name);
		if (normal.isEmpty()) {
			return Match.failed("no constituency name");
		}
		List<Constituency> found = byName.getOrDefault(normal, List.of());
		if (found.size() == 1) {
			return Match.of(found.get(0), null);
		}
		if (found.isEmpty()) {
			found = byAlias.getOrDefault(normal, List.of());
			if (found.size() == 1) {
				return Match.of(found.get(0), null);
			}
		}
		if (found.size() > 1) {
			return Match.failed("name '" + name.strip() + "' matches more than one register constituency");
		}
		return Match.failed("name '" + name.strip() + "' matches no register constituency");
	}

	/**
	 * A sheet name: as a name, and when it is exactly 31 characters long (cut by Excel), as the
	 * start of the one constituency whose normalised name starts with it.
	 */
	public Match matchSheetName(String sheetName) {
		Match exact = matchName(sheetName);
		if (exact.found() || sheetName.length() != SHEET_NAME_LIMIT) {
			return exact;
		}
		String prefix = Names.normalise(sheetName);
		Set<Constituency> candidates = new LinkedHashSet<>();
		byName.forEach((normal, list) -> {
			if (normal.startsWith(prefix)) {
				candidates.addAll(list);
			}
		});
		if (candidates.size() == 1) {
			Constituency c = candidates.iterator().next();
			return Match.of(c, "sheet name '" + sheetName + "' cut at 31 characters; matched " + c.name());
		}
		return candidates.isEmpty() ? exact
				: Match.failed("sheet name '" + sheetName + "' is the start of more than one constituency name");
	}
}
