package org.electionrecon.operate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Checks the output folder and the embedded database's folder before any Spring context (and so
 * any database) is made, so that a wrong path gets its own one-line message rather than whatever
 * the database says when it cannot create its files ("database in use", say).
 * <p>
 * Only the run creates folders. The other commands read an existing job database: when the
 * embedded one is not where they look, they say so and create nothing (HSQLDB would otherwise
 * create an empty database, and its folders, on connecting).
 */
public final class OutputPaths {

	/** The embedded database's folder under the output folder, unless --database-dir says otherwise. */
	public static final String DEFAULT_DATABASE_FOLDER = ".election-recon-db";

	/** HSQLDB's files of the database {@code recon} (application.yml's URL); one of them is there once a run has used it. */
	private static final List<String> DATABASE_FILES = List.of("recon.properties", "recon.script");

	private OutputPaths() {
	}

	/** What a command is going to do with the folders. */
	public enum Use {
		/** the run: creates the output and database folders */
		RUN,
		/** report: writes into the output folder, but only from an existing database */
		REPORT,
		/** status, restart, recover: only an existing database */
		READ
	}

	/**
	 * The one-line problem with the folders (without the "election-recon: " prefix), or empty when
	 * the command can go on. For {@link Use#RUN} the folders exist afterwards.
	 *
	 * @param databaseDirOption the --database-dir option as given, or {@code null}
	 * @param springArguments   the --spring.* and --recon.* arguments: a datasource URL or the
	 *                          postgres profile means the database folder does not apply
	 */
	public static Optional<String> check(Use use, Path output, String databaseDirOption, List<String> springArguments) {
		return check(use, output, databaseDirOption, springArguments, System.getenv());
	}

	static Optional<String> check(Use use, Path output, String databaseDirOption, List<String> springArguments,
			Map<String, String> environment) {
		Path out = output.toAbsolutePath().normalize();
		Optional<String> problem = notAFolder("--output", out);
		if (problem.isPresent()) {
			return problem;
		}
		boolean embedded = embeddedDatabase(springArguments, environment);
		Path database = databaseDirOption == null ? out.resolve(DEFAULT_DATABASE_FOLDER)
				: Path.of(databaseDirOption).toAbsolutePath().normalize();
		if (embedded) {
			problem = notAFolder("--database-dir", database);
			if (problem.isPresent()) {
				return problem;
			}
			if (use != Use.RUN && DATABASE_FILES.stream().noneMatch(f -> Files.isRegularFile(database.resolve(f)))) {
				return Optional.of("no job database in " + database + ": no run has used this "
						+ (databaseDirOption == null ? "output folder (give the run's --output or --database-dir)"
								: "database folder (give the run's --database-dir)"));
			}
		}
		if (use == Use.READ) {
			return Optional.empty();
		}
		problem = writableFolder("--output", out);
		if (problem.isEmpty() && embedded && use == Use.RUN) {
			problem = writableFolder("--database-dir", database);
		}
		return problem;
	}

	/**
	 * The one-line problem when the output folder lies inside the input folder (the run would read
	 * its own workbooks back as input once they are under a source folder) or the input inside the
	 * output (the run writes its workbooks and database among the inputs); empty when they are apart.
	 * Symbolic links are followed, so a link cannot hide that two folders are one.
	 */
	public static Optional<String> apart(Path input, Path output) {
		Path in = real(input);
		Path out = real(output);
		if (out.equals(in)) {
			return Optional.of("--output=" + output + " is the input folder: give an output folder outside "
					+ input + ", or the run would read its own workbooks as input");
		}
		if (out.startsWith(in)) {
			return Optional.of("--output=" + output + " lies inside the input folder " + input
					+ ": give an output folder outside it, or the run would read its own workbooks as input");
		}
		if (in.startsWith(out)) {
			return Optional.of("--input=" + input + " lies inside the output folder " + output
					+ ": give an output folder outside it, or the run would write its workbooks among its inputs");
		}
		return Optional.empty();
	}

	/** The path with every link of its longest existing start resolved (the rest does not exist yet). */
	private static Path real(Path path) {
		Path absolute = path.toAbsolutePath().normalize();
		Path existing = absolute;
		while (existing != null && !Files.exists(existing)) {
			existing = existing.getParent();
		}
		if (existing == null) {
			return absolute;
		}
		try {
			return existing.toRealPath().resolve(existing.relativize(absolute)).normalize();
		}
		catch (IOException | SecurityException ex) {
			return absolute;
		}
	}

	/** Whether the job database is the embedded HSQLDB in the database folder (application.yml's default). */
	static boolean embeddedDatabase(List<String> springArguments, Map<String, String> environment) {
		String url = null;
		String profiles = null;
		for (String arg : springArguments) {
			if (arg.startsWith("--spring.datasource.url=")) {
				url = arg.substring("--spring.datasource.url=".length());
			}
			else if (arg.startsWith("--spring.profiles.active=")) {
				profiles = arg.substring("--spring.profiles.active=".length());
			}
		}
		url = firstGiven(url, System.getProperty("spring.datasource.url"), environment.get("SPRING_DATASOURCE_URL"));
		profiles = firstGiven(profiles, System.getProperty("spring.profiles.active"),
				environment.get("SPRING_PROFILES_ACTIVE"));
		if (url != null) {
			return false;
		}
		if (profiles != null) {
			for (String profile : profiles.split(",")) {
				if (profile.trim().toLowerCase(Locale.ROOT).equals("postgres")) {
					return false;
				}
			}
		}
		return true;
	}

	private static String firstGiven(String... values) {
		for (String value : values) {
			if (value != null && !value.isBlank()) {
				return value;
			}
		}
		return null;
	}

	private static Optional<String> notAFolder(String option, Path folder) {
		if (Files.exists(folder) && !Files.isDirectory(folder)) {
			return Optional.of(option + "=" + folder + " is a file, not a folder");
		}
		for (Path parent = folder.getParent(); parent != null; parent = parent.getParent()) {
			if (Files.exists(parent)) {
				if (!Files.isDirectory(parent)) {
					return Optional.of(option + "=" + folder + " cannot be created: " + parent + " is a file");
				}
				break;
			}
		}
		return Optional.empty();
	}

	/** Creates the folder if need be and checks that files can be made in it. */
	private static Optional<String> writableFolder(String option, Path folder) {
		try {
			Files.createDirectories(folder);
		}
		catch (IOException | SecurityException ex) {
			return Optional.of(option + "=" + folder + " cannot be created: " + reason(ex));
		}
		if (!Files.isWritable(folder)) {
			return Optional.of(option + "=" + folder + " cannot be written: no permission to write in it");
		}
		return Optional.empty();
	}

	private static String reason(Exception ex) {
		if (ex instanceof java.nio.file.AccessDeniedException denied) {
			return "no permission to create " + denied.getFile();
		}
		String message = ex.getMessage();
		return message == null ? ex.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
	}
}
