package org.electionrecon.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

	@Test
	void shouldRefuseAChunkSizeBelowOneNamingTheProperty() {
		assertThatThrownBy(() -> bind(Map.of("recon.chunk-size", "0", "recon.reconcile-chunk-size", "25")))
			.rootCause()
			.hasMessage("recon.chunk-size must be 1 or more, not 0");
	}

	@Test
	void shouldRefuseAMissingReconcileChunkSize() {
		assertThatThrownBy(() -> bind(Map.of("recon.chunk-size", "1000"))).rootCause()
			.hasMessage("recon.reconcile-chunk-size must be set");
	}

	@Test
	void shouldRefuseANegativeThresholdNamingTheProperty() {
		Map<String, String> checks = new java.util.HashMap<>(Map.of("recon.checks.box-variance-error-at", "5",
				"recon.checks.count-vs-verified-error-at", "10", "recon.checks.rejected-rate-max-percent", "-0.5",
				"recon.checks.turnout-change-max-points", "5", "recon.checks.electorate-change-max-percent", "10"));

		assertThatThrownBy(() -> new Binder(new MapConfigurationPropertySource(checks))
			.bind("recon.checks", org.electionrecon.reconcile.Thresholds.class)
			.get()).rootCause().hasMessage("recon.checks.rejected-rate-max-percent must be zero or more, not -0.5");
	}
}
