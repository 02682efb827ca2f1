package org.electionrecon.operate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.electionrecon.ingest.InputFolder;
import org.electionrecon.ingest.SourceKind;

/**
 * What {@code watch} sees of the input folder at one poll: each input file's name (as the run
 * names it, {@code verification/stafford.xlsx}) with its size and modification time. The files are
 * those {@link InputFolder} would read; ignored ones (hidden, lock files, partial downloads, links,
 * folders) are left out, so a partial download neither holds an update back nor starts one.
 */
public record InputListing(Map<String, FileState> files) {

	/** A file's size in bytes and its modification time in milliseconds since the epoch. */
	public record FileState(long bytes, long modifiedMillis) {
	}

	public InputListing {
		files = Collections.unmodifiableMap(new TreeMap<>(files));
	}

	/** The listing of the folder now; a file that goes between the listing and its attributes is left out. */
	public static InputListing of(Path input) throws IOException {
		InputFolder folder = new InputFolder(input);
		Map<String, FileState> files = new TreeMap<>();
		for (SourceKind kind : SourceKind.values()) {
			for (InputFolder.InputFile file : folder.files(kind)) {
				if (file.ignored()) {
					continue;
				}
				try {
					BasicFileAttributes attributes = Files.readAttributes(file.path(), BasicFileAttributes.class,
							LinkOption.NOFOLLOW_LINKS);
					files.put(file.name(), new FileState(attributes.size(), attributes.lastModifiedTime().toMillis()));
				}
				catch (NoSuchFileException gone) {
					// removed since the folder was listed: the next poll sees it gone
				}
			}
		}
		return new InputListing(files);
	}

	/**
	 * What changed since an earlier listing, file by file in name order: {@code NAME added},
	 * {@code NAME changed}, {@code NAME removed}.
	 */
	public List<String> changesSince(InputListing earlier) {
		List<String> changes = new ArrayList<>();
		java.util.SortedSet<String> names = new java.util.TreeSet<>(earlier.files.keySet());
		names.addAll(files.keySet());
		for (String name : names) {
			FileState before = earlier.files.get(name);
			FileState now = files.get(name);
			if (before == null) {
				changes.add(name + " added");
			}
			else if (now == null) {
				changes.add(name + " removed");
			}
			else if (!before.equals(now)) {
				changes.add(name + " changed");
			}
		}
		return changes;
	}
}
