package org.electionrecon;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.electionrecon.ingest.Field;
import org.electionrecon.ingest.PartyNames;
import org.electionrecon.ingest.table.Cell;
import org.electionrecon.ingest.table.SheetRow;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Settings a desk adds without code changes: header synonyms and party names, as the README shows them. */
class ReconPropertiesTests {

	private static ReconProperties bind(Map<String, String> properties) {
		return new Binder(new MapConfigurationPropertySource(properties)).bind("recon", ReconProperties.class).get();
	}

	@Test
	void shouldBindHeaderSynonymsKeyedBySourceAndField() {
		ReconProperties properties = bind(Map.of("recon.chunk-size", "1000", "recon.reconcile-chunk-size", "25",
				"recon.header-synonyms[verification.issued][0]", "Papers out",
				"recon.header-synonyms[verification.verified][0]", "Papers in"));

		assertThat(properties.headerSynonyms()).containsEntry("verification.issued", List.of("Papers out"))
			.containsEntry("verification.verified", List.of("Papers in"));
		List<Field> fields = Field.withExtras("verification",
				List.of(Field.required("issued", "Ballot papers issued"), Field.required("verified", "Counted")),
				properties.headerSynonyms());
		SheetRow header = new SheetRow(9, List.of(Cell.text(0, "Box"), Cell.text(1, "PAPERS OUT"), Cell.text(2, "papers in")));
		assertThat(Field.locate(header, fields)).containsEntry("issued", 1).containsEntry("verified", 2);
	}

	@Test
	void shouldBindExtraPartyNames() {
		ReconProperties properties = bind(Map.of("recon.chunk-size", "1000", "recon.reconcile-chunk-size", "25",
				"recon.parties[Scottish Greens]", "Green"));

		assertThat(new PartyNames(properties.parties()).abbreviation("Scottish Greens")).isEqualTo("Green");
	}
}
