package org.electionrecon;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** Builds input folders for tests from the bundled real reference files. */
public final class InputFolders {

	private InputFolders() {
	}

	/** The bytes of a bundled reference file ({@code ge2024/...}, {@code council-sheets/...}). */
	public static byte[] reference(String path) {
		try (InputStream in = InputFolders.class.getResourceAsStream("/reference-data/" + path)) {
			if (in == null) {
				throw new IllegalArgumentException("no bundled reference file " + path);
			}
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** A copy of a folder and everything below it (the sample input, say) in {@code target}. */
	public static Path copyFolder(Path source, Path target) throws IOException {
		try (java.util.stream.Stream<Path> files = Files.walk(source)) {
			for (Path file : files.toList()) {
				Path copy = target.resolve(source.relativize(file).toString());
				if (Files.isDirectory(file)) {
					Files.createDirectories(copy);
				}
				else {
					Files.copy(file, copy);
				}
			}
		}
		return target;
	}

	public static Path copyReference(String path, Path folder) throws IOException {
		Files.createDirectories(folder);
		Path target = folder.resolve(path.substring(path.lastIndexOf('/') + 1));
		Files.write(target, reference(path));
		return target;
	}

	/**
	 * A HoC Library file cut down to some constituencies: the header line and every line whose
	 * first field (ONS ID) is one of the codes, copied unchanged.
	 */
	public static Path restrictedHocFile(String path, Set<String> codes, Path folder, String fileName)
			throws IOException {
		String text = new String(reference(path), StandardCharsets.UTF_8);
		List<String> kept = new ArrayList<>();
		String[] lines = text.split("\n", -1);
		kept.add(lines[0]);
		for (int i = 1; i < lines.length; i++) {
			int comma = lines[i].indexOf(',');
			if (comma > 0 && codes.contains(lines[i].substring(0, comma))) {
				kept.add(lines[i]);
			}
		}
		Files.createDirectories(folder);
		Path target = folder.resolve(fileName);
		Files.writeString(target, String.join("\n", kept) + "\n", StandardCharsets.UTF_8);
		return target;
	}
}
