package org.electionrecon.operate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.electionrecon.ingest.InputFolder;

/**
 * The SHA-256 of an input file's content, for a run's fingerprint ({@link InputFingerprint}).
 * {@link #direct()} reads every file each time: the run command's, whose fingerprint is the run's
 * identity. {@link #remembered()} is the {@code watch} process's: it keeps each file's hash with
 * the file's size, modification time and file key (the inode, where the file system has one), and
 * reads the file again only when one of them changed.
 * <p>
 * Why remembering is safe in {@code watch}: {@code watch} decides that the folder changed, and
 * that it settled, from the same names, sizes and modification times ({@link InputListing},
 * {@link InputSettling}); a rewrite that kept all three would start no update in the first place.
 * The file key adds what the listing does not see: a file replaced by another (a rename over it,
 * a copy to a new inode) with the same size and time is read again, and so is a file that became
 * unreadable (its fingerprint says so, as the run command's would). A hash is remembered only when
 * the file's size, time and key were the same before and after reading it, so a file written
 * while it was read is read again next time; and only files of the current folder are kept.
 */
public interface ContentHashes {

	/** The SHA-256 of the file's content, in hex. */
	String sha256(Path file) throws IOException;

	/** Called after a fingerprint with the files it hashed: what is not among them may be forgotten. */
	default void retainOnly(Collection<Path> files) {
	}

	/** Reads every file each time. */
	static ContentHashes direct() {
		return InputFolder::sha256;
	}

	/** Remembers each file's hash while its size, modification time and file key stay the same. */
	static ContentHashes remembered() {
		return new Remembered();
	}

	/** The {@code watch} process's hashes: see the class comment. */
	final class Remembered implements ContentHashes {

		private record Stamp(long size, FileTime modified, Object fileKey, boolean readable) {
		}

		private record Entry(Stamp stamp, String sha256) {
		}

		private final Map<Path, Entry> entries = new HashMap<>();

		private int reads;

		@Override
		public synchronized String sha256(Path file) throws IOException {
			Path key = file.toAbsolutePath().normalize();
			Stamp before = stamp(file);
			Entry known = entries.get(key);
			if (known != null && known.stamp().equals(before)) {
				return known.sha256();
			}
			String sha256 = InputFolder.sha256(file);
			reads++;
			if (before.equals(stamp(file))) {
				entries.put(key, new Entry(before, sha256));
			}
			else {
				entries.remove(key);
			}
			return sha256;
		}

		@Override
		public synchronized void retainOnly(Collection<Path> files) {
			Set<Path> kept = new java.util.HashSet<>();
			for (Path file : files) {
				kept.add(file.toAbsolutePath().normalize());
			}
			entries.keySet().retainAll(kept);
		}

		/** How many times a file was read (for tests). */
		synchronized int reads() {
			return reads;
		}

		/** How many files' hashes are kept (for tests). */
		synchronized int size() {
			return entries.size();
		}

		private static Stamp stamp(Path file) throws IOException {
			BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
			return new Stamp(attributes.size(), attributes.lastModifiedTime(), Objects.requireNonNullElse(attributes.fileKey(), ""),
					Files.isReadable(file));
		}
	}
}
