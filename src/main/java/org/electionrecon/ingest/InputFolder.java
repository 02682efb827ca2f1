package org.electionrecon.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The input folder's files of one kind: every regular file directly inside the kind's subfolder,
 * in file-name order. Hidden files, Office lock files, partial downloads and links are never read
 * (a link could lead out of the input folder); they are listed as ignored. This is the one
 * definition of an input file: the run reads, and {@code watch} waits for, exactly these.
 */
public final class InputFolder {

	/**
	 * The endings browsers and transfer tools give a file still being downloaded or copied, before
	 * they rename it to its own name (compared without regard to case).
	 */
	public static final List<String> PARTIAL_DOWNLOAD_ENDINGS = List.of(".part", ".partial", ".crdownload", ".download",
			".tmp", ".filepart");

	private final Path root;

	public InputFolder(Path root) {
		this.root = root.toAbsolutePath().normalize();
	}

	public Path root() {
		return root;
	}

	/** A file of the input folder, or one that is listed but not read. */
	public record InputFile(SourceKind kind, Path path, String name, String ignoredBecause) {

		public boolean ignored() {
			return ignoredBecause != null;
		}
	}

	public List<InputFile> files(SourceKind kind) throws IOException {
		Path folder = root.resolve(kind.folder());
		List<InputFile> files = new ArrayList<>();
		if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
			return files;
		}
		List<Path> entries = new ArrayList<>();
		try (DirectoryStream<Path> stream = Files.newDirectoryStream(folder)) {
			stream.forEach(entries::add);
		}
		entries.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
		for (Path path : entries) {
			String fileName = path.getFileName().toString();
			String name = kind.folder() + "/" + fileName;
			if (Files.isSymbolicLink(path)) {
				files.add(new InputFile(kind, path, name, "a link: not followed"));
			}
			else if (fileName.startsWith(".")) {
				files.add(new InputFile(kind, path, name, "hidden file"));
			}
			else if (fileName.startsWith("~$")) {
				files.add(new InputFile(kind, path, name, "Office lock file"));
			}
			else if (partialDownload(fileName).isPresent()) {
				files.add(new InputFile(kind, path, name,
						"a partial download (" + partialDownload(fileName).get() + "): read once renamed to its own name"));
			}
			else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
				files.add(new InputFile(kind, path, name, "a folder: only files directly inside " + kind.folder() + "/ are read"));
			}
			else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
				files.add(new InputFile(kind, path, name, null));
			}
			else {
				files.add(new InputFile(kind, path, name, "not a regular file"));
			}
		}
		return files;
	}

	/** The partial-download ending of a file name, if it has one. */
	public static java.util.Optional<String> partialDownload(String fileName) {
		String lower = fileName.toLowerCase(java.util.Locale.ROOT);
		return PARTIAL_DOWNLOAD_ENDINGS.stream().filter(lower::endsWith).findFirst();
	}

	public static String sha256(Path file) throws IOException {
		try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			byte[] buffer = new byte[1 << 16];
			int n;
			while ((n = in.read(buffer)) > 0) {
				digest.update(buffer, 0, n);
			}
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this Java runtime", ex);
		}
	}
}
