package org.electionrecon.settings;

import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.electionrecon.reconcile.Thresholds;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;

/**
 * The {@code recon.*} settings the job knows, under their documented names, and the profiles it
 * has: what a setting or profile on the command line or in a configuration file is checked
 * against. The names of the two settings records are read from their components, so a new
 * setting is known as soon as it is added there.
 */
public final class KnownSettings {

	/**
	 * Settings read elsewhere than the two records: the database folder, the status file the entry
	 * point gives a run that holds the embedded database, and the postgres profile's server.
	 */
	private static final List<String> OTHERS = List.of("recon.database-dir", "recon.status-file", "recon.partitioning.handler", "recon.postgres.host",
			"recon.postgres.port", "recon.postgres.database", "recon.postgres.username", "recon.postgres.password");

	/** System properties of the restart tests' fault injection: never given by a desk, never checked. */
	private static final ConfigurationPropertyName TESTING = ConfigurationPropertyName.of("recon.testing");

	private static final ConfigurationPropertyName RECON = ConfigurationPropertyName.of("recon");

	private static final List<String> NAMES = names();

	/** Settings whose value is a map: any key below them is theirs ({@code recon.parties[Scottish Greens]}). */
	private static final List<String> MAPS = maps();

	private KnownSettings() {
	}

	/** Every documented {@code recon.*} setting, in the records' order. */
	public static List<String> names() {
		if (NAMES != null) {
			return NAMES;
		}
		List<String> names = new ArrayList<>();
		for (RecordComponent component : ReconProperties.class.getRecordComponents()) {
			names.add("recon." + dashed(component.getName()));
		}
		for (RecordComponent component : Thresholds.class.getRecordComponents()) {
			names.add("recon.checks." + dashed(component.getName()));
		}
		names.addAll(OTHERS);
		return List.copyOf(names);
	}

	private static List<String> maps() {
		List<String> maps = new ArrayList<>();
		for (RecordComponent component : ReconProperties.class.getRecordComponents()) {
			if (Map.class.isAssignableFrom(component.getType())) {
				maps.add("recon." + dashed(component.getName()));
			}
		}
		return List.copyOf(maps);
	}

	/**
	 * Whether a property name (in any of Spring's relaxed forms: {@code boxVarianceErrorAt},
	 * {@code box_variance_error_at}) is a known {@code recon.*} setting or not one of ours at all.
	 */
	public static boolean isKnownOrForeign(String property) {
		ConfigurationPropertyName name = ConfigurationPropertyName.adapt(property, '.');
		if (name.isEmpty() || !RECON.isAncestorOf(name) || TESTING.equals(name) || TESTING.isAncestorOf(name)) {
			return true;
		}
		for (String known : NAMES) {
			ConfigurationPropertyName knownName = ConfigurationPropertyName.of(known);
			if (knownName.equals(name) || MAPS.contains(known) && knownName.isAncestorOf(name)) {
				return true;
			}
		}
		return false;
	}

	/** The known setting nearest in spelling to an unknown one. */
	public static String nearest(String property) {
		String wanted = squeezed(property);
		return NAMES.stream()
			.min(Comparator.comparingInt((String known) -> distance(wanted, squeezed(known)))
				.thenComparing(Comparator.naturalOrder()))
			.orElseThrow();
	}

	/** The profiles a run can name: {@code default}, and every {@code application-NAME} file it can find. */
	public static boolean isKnownProfile(String profile, ClassLoader classLoader) {
		if ("default".equals(profile)) {
			return true;
		}
		for (String extension : List.of("yml", "yaml", "properties")) {
			String file = "application-" + profile + "." + extension;
			if (classLoader.getResource(file) != null || Files.isRegularFile(Path.of(file))
					|| Files.isRegularFile(Path.of("config", file))) {
				return true;
			}
		}
		return false;
	}

	/** The profiles bundled with the job, for the message about one that does not exist. */
	public static List<String> bundledProfiles() {
		return List.of("postgres");
	}

	/** The nearest bundled profile, if one is near enough to be a typo. */
	public static Optional<String> nearestProfile(String profile) {
		return bundledProfiles().stream()
			.filter(known -> distance(profile.toLowerCase(java.util.Locale.ROOT), known) <= Math.max(2, known.length() / 3))
			.findFirst();
	}

	/** A name in lower case without dashes or underscores, as Spring's relaxed binding compares names. */
	private static String squeezed(String name) {
		return name.toLowerCase(java.util.Locale.ROOT).replace("-", "").replace("_", "");
	}

	/** {@code boxVarianceErrorAt} as documented: {@code box-variance-error-at}. */
	static String dashed(String camel) {
		StringBuilder out = new StringBuilder();
		for (char c : camel.toCharArray()) {
			if (Character.isUpperCase(c)) {
				out.append('-').append(Character.toLowerCase(c));
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
	}

	/** Levenshtein distance: the number of one-letter edits from one text to the other. */
	static int distance(String a, String b) {
		int[] previous = new int[b.length() + 1];
		int[] current = new int[b.length() + 1];
		for (int j = 0; j <= b.length(); j++) {
			previous[j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			current[0] = i;
			for (int j = 1; j <= b.length(); j++) {
				int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
				current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
			}
			int[] swap = previous;
			previous = current;
			current = swap;
		}
		return previous[b.length()];
	}
}
