package org.electionrecon.report;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file that a reader only ever sees whole: the content goes to a hidden temporary file
 * beside the target ({@code .NAME.tmp-} and 16 hex digits, the names
 * {@link ReportWorkbookWriter#removeLeftoverTemporaryFiles} knows), which is synced and then moved
 * over the target. If anything fails, the temporary file is removed and the target stays as it was.
 */
final class WholeFile {

	/** What goes into the file. */
	@FunctionalInterface
	interface Content {

		/**
		 * @param out the temporary file's stream (buffered), closed by the caller
		 * @param temp the temporary file's path
		 */
		void writeTo(OutputStream out, Path temp) throws IOException;
	}

	private WholeFile() {
	}

	/** Writes the content into {@code target} (its folder created if missing) and returns the target. */
	static Path write(Path target, Content content) throws IOException {
		Files.createDirectories(target.toAbsolutePath().getParent());
		Path temp = target.resolveSibling("." + target.getFileName() + ".tmp-"
				+ HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()));
		try {
			// Opened with the default permissions (not Files.createTempFile's owner-only ones): the
			// file is read by others once moved into place.
			try (OutputStream out = new BufferedOutputStream(
					Files.newOutputStream(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))) {
				content.writeTo(out, temp);
			}
			try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
				channel.force(true);
			}
			try {
				Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (AtomicMoveNotSupportedException unsupported) {
				Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
			}
			return target;
		}
		catch (Throwable failure) {
			try {
				Files.deleteIfExists(temp);
			}
			catch (IOException cleanup) {
				failure.addSuppressed(cleanup);
			}
			throw failure;
		}
	}
}
