package org.electionrecon.ingest;

import java.util.HashMap;
import java.util.Map;

/**
 * One party table: full names, R&T codes and variants to the HoC Library's abbreviations, which
 * every label and report uses. Unknown names pass through unchanged (trimmed).
 */
public final class PartyNames {

	private static final Map<String, String> DEFAULTS = new HashMap<>();

	static {
		alias("Con", "Conservative", "Conservative and Unionist Party", "Conservative Party", "CON");
		alias("Lab", "Labour", "Labour Party", "Labour and Co-operative Party", "Labour Co-op", "LAB");
		alias("LD", "Liberal Democrat", "Liberal Democrats", "Lib Dem", "Lib Dems", "LDem");
		alias("RUK", "Reform UK", "Reform", "Brexit Party", "The Brexit Party", "Brx", "BRX", "Brexit");
		alias("Green", "Grn", "Green Party", "The Green Party", "Green Party of England and Wales",
				"Scottish Green Party", "Green Party Northern Ireland", "Wales Green Party", "GRN");
		alias("SNP", "Scottish National Party");
		alias("PC", "Plaid Cymru", "Plaid Cymru - The Party of Wales");
		alias("DUP", "Democratic Unionist Party");
		alias("SF", "Sinn Fein", "Sinn Féin");
		alias("SDLP", "Social Democratic and Labour Party", "SDLP (Social Democratic & Labour Party)");
		alias("UUP", "Ulster Unionist Party");
		alias("APNI", "Alliance", "Alliance Party", "Alliance Party of Northern Ireland", "All");
		alias("TUV", "Traditional Unionist Voice", "Traditional Unionist Voice - TUV");
		alias("Ind", "Independent", "IND");
		alias("Spk", "Speaker", "Spkr", "Speaker seeking re-election", "The Speaker");
	}

	static {
		// every party name of the HoC Library's candidate file, and its abbreviation
		try (java.io.InputStream in = PartyNames.class.getResourceAsStream("/parties.csv")) {
			if (in != null) {
				for (org.apache.commons.csv.CSVRecord record : org.apache.commons.csv.CSVFormat.RFC4180.builder()
					.setCommentMarker('#')
					.setHeader()
					.setSkipHeaderRecord(true)
					.get()
					.parse(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8))) {
					DEFAULTS.putIfAbsent(Names.header(record.get("name")), record.get("abbreviation"));
				}
			}
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException("cannot read the bundled party table", ex);
		}
		alias("WPB", "Workers Party");
	}

	private static void alias(String abbreviation, String... names) {
		DEFAULTS.put(Names.header(abbreviation), abbreviation);
		for (String name : names) {
			DEFAULTS.put(Names.header(name), abbreviation);
		}
	}

	private final Map<String, String> table;

	public PartyNames(Map<String, String> extra) {
		this.table = new HashMap<>(DEFAULTS);
		if (extra != null) {
			extra.forEach((name, abbreviation) -> table.put(Names.header(name), abbreviation));
		}
	}

	public static PartyNames defaults() {
		return new PartyNames(Map.of());
	}

	public String abbreviation(String party) {
		if (party == null || party.isBlank()) {
			return null;
		}
		return table.getOrDefault(Names.header(party), party.strip());
	}
}
