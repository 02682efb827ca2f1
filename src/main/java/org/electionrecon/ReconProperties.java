package org.electionrecon;

import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How the job reads and stages its sources ({@code recon.*}; defaults in application.yml).
 *
 * @param chunkSize staged records written per transaction
 * @param reconcileChunkSize constituencies reconciled per transaction
 * @param headerSynonyms extra header synonyms by {@code source.field}, e.g. {@code verification.issued}
 * @param parties extra party names or abbreviations, mapped to the HoC Library's abbreviation
 */
@Validated
@ConfigurationProperties("recon")
public record ReconProperties(@NotNull @Min(1) Integer chunkSize, @NotNull @Min(1) Integer reconcileChunkSize,
		Map<String, List<String>> headerSynonyms,
		Map<String, String> parties) {

	public ReconProperties {
		headerSynonyms = headerSynonyms == null ? Map.of() : Map.copyOf(headerSynonyms);
		parties = parties == null ? Map.of() : Map.copyOf(parties);
	}
}
