package org.electionrecon.sample;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.electionrecon.ingest.InputFolder;

/**
 * The files the generator wrote into a folder, listed in the hidden file {@value #MARKER} at the
 * folder's top level (one {@code <sha-256>  <relative/path>} line each), so that a later run of the
 * generator removes exactly those and never a file someone else put there.
 * <p>
 * A listed file is the generator's own only while it is a regular file (not a link) with the
 * content it was written with: a file edited or replaced since is treated like any other foreign
 * file. While the generator writes, the marker lists the files it is about to write as
 * {@value #PENDING}, so that a run cut short (a kill, a full disk) leaves a folder the next run
 * still recognises as its own.
 * <p>
 * The marker is hidden, so the job does not read it as input (it is not in one of the kinds'
 * subfolders either).
 */
final class GeneratedFiles {

	static final String MARKER = ".election-recon-generated";

	/** The hash of a file the generator was writing when the marker was last written. */
	static final String PENDING = "pending";

	private static final String TEMP_SUFFIX = ".tmp";

	private static final String HEADER = "# written by election-recon generate: the files it wrote here, which a later"
			+ " generate replaces; nothing else here is touched\n";

	private final Path folder;

	/** relative path ('/'-separated) -> SHA-256 or {@link #PENDING}, of files that are still the generator's own */
	private final Map<String, String> own;

	private GeneratedFiles(Path folder, Map<String, String> own) {
		this.folder = folder;
		this.own = own;
	}

	/**
	 * Claims {@code folder} for writing {@code planned} (relative paths): checks that nothing
	 * foreign is in the way, lists the planned files as pending in the marker and deletes the
	 * generator's earlier files. Nothing is written or deleted when a check fails.
	 *
	 * @param keepForeignFiles false: any file the generator did not write is refused; true: such
	 *                         files are kept and only one the generator would overwrite is refused
	 */
	static GeneratedFiles claim(Path folder, Collection<String> planned, boolean keepForeignFiles)
			throws IOException {
		Path root = folder.toAbsolutePath().normalize();
		if (Files.exists(root) && !Files.isDirectory(root)) {
			throw new IOException(root + " is a file, not a folder");
		}
		Map<String, String> listed = readMarker(root);
		Map<String, String> own = new TreeMap<>();
		for (Map.Entry<String, String> e : listed.entrySet()) {
			Path file = root.resolve(e.getKey());
			if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)
					&& (PENDING.equals(e.getValue()) || e.getValue().equals(InputFolder.sha256(file)))) {
				own.put(e.getKey(), e.getValue());
			}
		}
		Path marker = root.resolve(MARKER);
		if (Files.exists(marker, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS)) {
			throw new ForeignFileException(root, MARKER, false, true);
		}
		if (!keepForeignFiles && Files.isDirectory(root)) {
			String foreign = firstForeign(root, "", own.keySet());
			if (foreign != null) {
				throw new ForeignFileException(root, foreign, listed.containsKey(foreign), false);
			}
		}
		for (String path : planned) {
			String clash = clash(root, path, own.keySet());
			if (clash != null) {
				throw new ForeignFileException(root, clash, listed.containsKey(clash), true);
			}
		}

		Files.createDirectories(root);
		deleteLeftoverMarkers(root);
		GeneratedFiles files = new GeneratedFiles(root, own);
		Map<String, String> claimed = new TreeMap<>(own);
		for (String path : planned) {
			claimed.put(path, PENDING);
		}
		files.writeMarker(claimed);
		for (String path : own.keySet()) {
			Files.deleteIfExists(root.resolve(path));
		}
		own.clear();
		own.putAll(claimed);
		return files;
	}

	/** Records the SHA-256 of every file written; the folder is then wholly the generator's output plus what was kept. */
	void finish(Collection<String> written) throws IOException {
		Map<String, String> hashes = new TreeMap<>();
		for (String path : written) {
			hashes.put(path, InputFolder.sha256(folder.resolve(path)));
		}
		writeMarker(hashes);
		own.clear();
		own.putAll(hashes);
	}

	/** The files the marker lists, by relative path; paths that could lead out of the folder are ignored. */
	static Map<String, String> readMarker(Path root) throws IOException {
		Path marker = root.resolve(MARKER);
		Map<String, String> listed = new LinkedHashMap<>();
		if (!Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS)) {
			return listed;
		}
		for (String line : Files.readAllLines(marker, StandardCharsets.UTF_8)) {
			if (line.isBlank() || line.startsWith("#")) {
				continue;
			}
			int gap = line.indexOf("  ");
			if (gap <= 0) {
				continue;
			}
			String path = line.substring(gap + 2);
			if (isPlainRelative(path)) {
				listed.put(path, line.substring(0, gap));
			}
		}
		return listed;
	}

	/** "verification/x.xlsx": no leading slash, no backslash, no empty, "." or ".." part, not the marker itself. */
	static boolean isPlainRelative(String path) {
		if (path.isEmpty() || path.startsWith("/") || path.contains("\\") || path.equals(MARKER)) {
			return false;
		}
		for (String part : path.split("/", -1)) {
			if (part.isEmpty() || part.equals(".") || part.equals("..")) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The first entry, in name order depth first, that is neither a folder nor one of the
	 * generator's own files (nor the marker); links are entries, never followed.
	 */
	private static String firstForeign(Path dir, String prefix, java.util.Set<String> own) throws IOException {
		List<Path> entries = new ArrayList<>();
		try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
			stream.forEach(entries::add);
		}
		entries.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
		for (Path entry : entries) {
			String relative = prefix + entry.getFileName();
			if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
				String inside = firstForeign(entry, relative + "/", own);
				if (inside != null) {
					return inside;
				}
			}
			else if (!own.contains(relative) && !(prefix.isEmpty() && isMarkerOrLeftover(relative))) {
				return relative;
			}
		}
		return null;
	}

	/** The marker, or a new marker that a killed run left beside it (see {@link #writeMarker}). */
	private static boolean isMarkerOrLeftover(String name) {
		return name.equals(MARKER) || name.startsWith(MARKER) && name.endsWith(TEMP_SUFFIX);
	}

	/** Deletes the new markers that killed runs left (made by {@link Files#createTempFile}, so never a foreign file's name in practice). */
	private static void deleteLeftoverMarkers(Path root) throws IOException {
		try (DirectoryStream<Path> stream = Files.newDirectoryStream(root, MARKER + "*" + TEMP_SUFFIX)) {
			for (Path leftover : stream) {
				if (Files.isRegularFile(leftover, LinkOption.NOFOLLOW_LINKS)) {
					Files.delete(leftover);
				}
			}
		}
	}

	/**
	 * The path that writing {@code path} would overwrite although it is not the generator's own: the
	 * file itself, or one of its folders that is not a plain folder (a file, or a link that could
	 * lead out of the folder).
	 */
	private static String clash(Path root, String path, java.util.Set<String> own) {
		String[] parts = path.split("/");
		StringBuilder relative = new StringBuilder();
		for (int i = 0; i < parts.length; i++) {
			if (i > 0) {
				relative.append('/');
			}
			relative.append(parts[i]);
			Path p = root.resolve(relative.toString());
			boolean last = i == parts.length - 1;
			if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
				return null;
			}
			if (last ? !own.contains(relative.toString()) : !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
				return relative.toString();
			}
		}
		return null;
	}

	/** Replaces the marker whole: a new file beside it, then moved over it. */
	private void writeMarker(Map<String, String> entries) throws IOException {
		Path temp = Files.createTempFile(folder, MARKER, TEMP_SUFFIX);
		try {
			try (Writer w = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
				w.write(HEADER);
				for (Map.Entry<String, String> e : entries.entrySet()) {
					w.write(e.getValue() + "  " + e.getKey() + "\n");
				}
			}
			Files.move(temp, folder.resolve(MARKER), StandardCopyOption.REPLACE_EXISTING,
					StandardCopyOption.ATOMIC_MOVE);
		}
		finally {
			Files.deleteIfExists(temp);
		}
	}
}
