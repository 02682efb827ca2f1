package org.electionrecon.model;

import java.util.List;

/**
 * A register entry: a 2024 constituency and the report area it belongs to.
 *
 * @param area the report area; the region when the register gives none
 */
public record Constituency(String code, String name, String region, String county, String area,
		List<String> aliases) implements Staged {

	public Constituency {
		aliases = aliases == null ? List.of() : List.copyOf(aliases);
	}
}
