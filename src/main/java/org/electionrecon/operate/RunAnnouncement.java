package org.electionrecon.operate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.electionrecon.ingest.InputFolder;
import org.electionrecon.ingest.SourceKind;
import org.electionrecon.settings.RunSettings;

/**
 * The first line of a run: what it will do, before it does anything. The input and output
 * folders, the job database (never its password), the election, the files found in each source
 * folder with their size, and the settings' digest with whatever is not a default.
 */
public final class RunAnnouncement {

	private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)([;?&]password=)[^;&]*");
	private static final Pattern USER_INFO = Pattern.compile("//([^/@:]*):[^/@]*@");

	private RunAnnouncement() {
	}

	public static String firstLine(Path input, Path output, String databaseUrl, RunSettings settings) {
		return "Reconciling the election of " + settings.values().get(RunSettings.ELECTION) + ": input " + input + " ("
				+ filesFound(input) + "), output " + output + ", database " + databaseUrl + ", settings "
				+ settings.describe();
	}

	/** The readable files of each source folder with their size, then the totals: "register/ 1 file, 24 KB; ...". */
	static String filesFound(Path input) {
		InputFolder folder = new InputFolder(input);
		List<String> parts = new ArrayList<>();
		int files = 0;
		long bytes = 0;
		for (SourceKind kind : SourceKind.values()) {
			int count = 0;
			long size = 0;
			try {
				if (!Files.isDirectory(input.resolve(kind.folder()), LinkOption.NOFOLLOW_LINKS)) {
					// reported/ and explanations/ are optional: their absence is no problem worth the word "missing"
					boolean optional = kind == SourceKind.REPORTED || kind == SourceKind.EXPLANATIONS;
					parts.add(kind.folder() + (optional ? "/ not given" : "/ missing"));
					continue;
				}
				for (InputFolder.InputFile file : folder.files(kind)) {
					if (!file.ignored()) {
						count++;
						size += Files.size(file.path());
					}
				}
			}
			catch (IOException ex) {
				parts.add(kind.folder() + "/ cannot be listed");
				continue;
			}
			files += count;
			bytes += size;
			parts.add(kind.folder() + "/ " + files(count) + (count == 0 ? "" : ", " + size(size)));
		}
		return String.join("; ", parts) + "; " + files(files) + ", " + size(bytes) + " in all";
	}

	private static String files(int count) {
		return count == 0 ? "no file" : count == 1 ? "1 file" : count + " files";
	}

	/** A size as a person reads it: 812 bytes, 24 KB, 1.4 MB, 2.1 GB (powers of 1,000, as the progress lines count). */
	public static String size(long bytes) {
		if (bytes < 1000) {
			return bytes + (bytes == 1 ? " byte" : " bytes");
		}
		String[] units = { "KB", "MB", "GB", "TB" };
		double value = bytes;
		int unit = -1;
		while (value >= 1000 && unit < units.length - 1) {
			value /= 1000;
			unit++;
		}
		return String.format(Locale.ROOT, value < 10 ? "%.1f %s" : "%.0f %s", value, units[unit]);
	}

	/**
	 * A JDBC URL without its password (a {@code password=} parameter or the password of
	 * {@code //user:password@host}), and without the embedded database's tuning properties.
	 */
	public static String withoutSecrets(String url) {
		if (url == null) {
			return "(no URL)";
		}
		String shown = url;
		if (shown.startsWith("jdbc:hsqldb:") && shown.indexOf(';') > 0) {
			shown = shown.substring(0, shown.indexOf(';'));
		}
		shown = PASSWORD_PARAMETER.matcher(shown).replaceAll("$1***");
		return USER_INFO.matcher(shown).replaceAll("//$1:***@");
	}
}
