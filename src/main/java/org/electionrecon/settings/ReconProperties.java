package org.electionrecon.settings;

import java.util.List;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the job reads and stages its sources ({@code recon.*}; defaults in application.yml).
 *
 * @param chunkSize staged records written per transaction
 * @param reconcileChunkSize constituencies reconciled per transaction
 * @param headerSynonyms extra header synonyms by {@code source.field}, e.g. {@code verification.issued}
 * @param parties extra party names or abbreviations, mapped to the HoC Library's abbreviation
 */
@ConfigurationProperties("recon")
public record ReconProperties(Integer chunkSize, Integer reconcileChunkSize, Map<String, List<String>> headerSynonyms,
		Map<String, String> parties) {

	/**
	 * Checked here rather than by Bean Validation, whose 500-odd classes took a noticeable part of
	 * every run's start-up; the message names the property.
	 */
	public ReconProperties {
		requireAtLeastOne("recon.chunk-size", chunkSize);
		requireAtLeastOne("recon.reconcile-chunk-size", reconcileChunkSize);
		headerSynonyms = headerSynonyms == null ? Map.of() : Map.copyOf(headerSynonyms);
		parties = parties == null ? Map.of() : Map.copyOf(parties);
	}

	private static void requireAtLeastOne(String property, Integer value) {
		if (value == null) {
			throw new IllegalArgumentException(property + " must be set");
		}
		if (value < 1) {
			throw new IllegalArgumentException(property + " must be 1 or more, not " + value);
		}
	}
}
