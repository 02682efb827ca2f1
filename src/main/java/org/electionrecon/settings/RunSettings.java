package org.electionrecon.settings;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.electionrecon.reconcile.Thresholds;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * The settings that change a run's findings, under their documented names: the election, every
 * threshold, the extra party names and the extra header synonyms. They are part of a run's
 * identity: the same inputs with other settings make a new run.
 *
 * @param values each setting's value as text, in a fixed order (maps as {@code key=value} pairs sorted by key)
 */
public record RunSettings(Map<String, String> values) {

	public static final String ELECTION = "election";
	public static final String PARTIES = "recon.parties";
	public static final String HEADER_SYNONYMS = "recon.header-synonyms";

	public RunSettings {
		values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
	}

	public static RunSettings of(String election, Thresholds thresholds, ReconProperties properties) {
		Map<String, String> values = new LinkedHashMap<>();
		values.put(ELECTION, election);
		// a number as a number: 1, 1.0 and 1.00 are the same threshold
		thresholds.asProperties()
			.forEach((name, value) -> values.put(name, new BigDecimal(value).stripTrailingZeros().toPlainString()));
		values.put(PARTIES, pairs(properties.parties()));
		Map<String, String> synonyms = new TreeMap<>();
		properties.headerSynonyms().forEach((field, texts) -> synonyms.put(field, String.join(" | ", texts)));
		values.put(HEADER_SYNONYMS, pairs(synonyms));
		return new RunSettings(values);
	}

	/** The job parameter holding the digest: identifying, so that other settings make another run. */
	public static final String DIGEST_PARAMETER = "settings.sha256";

	/** A job parameter's value is at most 2,500 characters; the digest covers a longer value whole. */
	private static final int PARAMETER_MAX = 2400;

	/** Adds the digest (identifying) and each setting under its documented name (not identifying). */
	public JobParametersBuilder addTo(JobParametersBuilder builder) {
		builder.addString(DIGEST_PARAMETER, digest());
		values.forEach((name, value) -> {
			if (!ELECTION.equals(name)) {
				builder.addString(name, value.length() <= PARAMETER_MAX ? value
						: value.substring(0, PARAMETER_MAX) + " ... (cut here; the digest covers it all)", false);
			}
		});
		return builder;
	}

	/** The settings a run recorded in its job parameters, or {@code null} for a run made before they were. */
	public static RunSettings of(JobParameters parameters) {
		return recorded(parameters::getString);
	}

	/** The settings recorded under their names, looked up by name; {@code null} when no digest was recorded. */
	public static RunSettings recorded(java.util.function.Function<String, String> parameters) {
		if (parameters.apply(DIGEST_PARAMETER) == null) {
			return null;
		}
		Map<String, String> values = new LinkedHashMap<>();
		for (String name : defaults("").values.keySet()) {
			String value = parameters.apply(name);
			values.put(name, value == null ? "" : value);
		}
		return new RunSettings(values);
	}

	/** The settings a run gives when nothing is set: what {@link #nonDefault} compares with. */
	public static RunSettings defaults(String election) {
		return of(election, Thresholds.defaults(), new ReconProperties(1, 1, Map.of(), Map.of()));
	}

	private static String pairs(Map<String, String> map) {
		List<String> pairs = new ArrayList<>();
		new TreeMap<>(map).forEach((key, value) -> pairs.add(key + "=" + value));
		return String.join("; ", pairs);
	}

	/** SHA-256 of every setting and its value: the run's settings in one job parameter. */
	public String digest() {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			values.forEach((name, value) -> digest.update((name + "=" + value + "\n").getBytes(StandardCharsets.UTF_8)));
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this Java runtime", ex);
		}
	}

	/** The first 12 digits of the digest, as the run's first line and status show it. */
	public String shortDigest() {
		return digest().substring(0, 12);
	}

	/** Each setting whose value differs from the other run's, as {@code name=this (run 4: other)}. */
	public List<String> differencesFrom(RunSettings other, String otherName) {
		List<String> differences = new ArrayList<>();
		values.forEach((name, value) -> {
			String theirs = other.values.get(name);
			if (!value.equals(theirs)) {
				differences.add(name + "=" + shown(value) + " (" + otherName + ": " + (theirs == null ? "not recorded" : shown(theirs)) + ")");
			}
		});
		return differences;
	}

	/** Each setting that is not its default, as {@code name=value}; the election is not a setting here. */
	public List<String> nonDefault() {
		RunSettings defaults = defaults(values.get(ELECTION));
		List<String> set = new ArrayList<>();
		values.forEach((name, value) -> {
			if (!value.equals(defaults.values.get(name))) {
				set.add(name + "=" + shown(value));
			}
		});
		return set;
	}

	/** The digest with the settings that are not their defaults, for a run's first line and for status. */
	public String describe() {
		List<String> set = nonDefault();
		return shortDigest() + (set.isEmpty() ? " (defaults)" : " (" + String.join(", ", set) + ")");
	}

	private static String shown(String value) {
		return value.isEmpty() ? "none" : value;
	}
}
