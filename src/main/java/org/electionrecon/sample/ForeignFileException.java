package org.electionrecon.sample;

import java.io.IOException;
import java.nio.file.Path;

/**
 * The generator refused a folder: it holds a file the generator did not write (or that changed
 * since), and writing would have meant removing or overwriting it. Nothing was written.
 */
public final class ForeignFileException extends IOException {

	private final Path folder;
	private final String file;
	private final boolean changed;
	private final boolean clash;

	ForeignFileException(Path folder, String file, boolean changed, boolean clash) {
		super(describe(folder, file, changed, clash));
		this.folder = folder;
		this.file = file;
		this.changed = changed;
		this.clash = clash;
	}

	private static String describe(Path folder, String file, boolean changed, boolean clash) {
		if (clash) {
			return "generate will not overwrite " + file + " in " + folder + ": "
					+ (changed ? "it has changed since generate wrote it" : "generate did not write it");
		}
		return "generate will not write into " + folder + ": it holds " + file + ", "
				+ (changed ? "which has changed since generate wrote it" : "which generate did not write");
	}

	public Path folder() {
		return folder;
	}

	/** The foreign file, relative to the folder ('/'-separated). */
	public String file() {
		return file;
	}

	/** Whether generate would have had to overwrite it (with {@code keepForeignFiles}). */
	public boolean clash() {
		return clash;
	}

	public boolean changed() {
		return changed;
	}
}
