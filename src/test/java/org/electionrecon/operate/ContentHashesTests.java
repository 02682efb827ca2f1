package org.electionrecon.operate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.List;

import org.electionrecon.ingest.InputFolder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The watch's remembered SHA-256s: a file is read again whenever its size, modification time or
 * file key changed, and the fingerprint is the run command's, file for file.
 */
class ContentHashesTests {

	private static final FileTime NOON = FileTime.fromMillis(1_720_094_400_000L);

	@Test
	void shouldReadAFileAgainOnlyWhenItsSizeTimeOrFileKeyChanged(@TempDir Path folder) throws Exception {
		ContentHashes.Remembered hashes = (ContentHashes.Remembered) ContentHashes.remembered();
		Path file = folder.resolve("a.xlsx");
		Files.writeString(file, "first");
		Files.setLastModifiedTime(file, NOON);

		assertThat(hashes.sha256(file)).isEqualTo(InputFolder.sha256(file));
		assertThat(hashes.sha256(file)).isEqualTo(InputFolder.sha256(file));
		assertThat(hashes.reads()).as("unchanged: read once").isEqualTo(1);

		Files.writeString(file, "other"); // same size
		Files.setLastModifiedTime(file, FileTime.fromMillis(NOON.toMillis() + 1000));
		assertThat(hashes.sha256(file)).isEqualTo(InputFolder.sha256(file));
		assertThat(hashes.reads()).as("a new modification time").isEqualTo(2);

		Path replacement = folder.resolve("a.xlsx.part");
		Files.writeString(replacement, "third"); // same size again
		Files.setLastModifiedTime(replacement, Files.getLastModifiedTime(file));
		Files.move(replacement, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		assertThat(hashes.sha256(file)).as("same size and time, another file key").isEqualTo(InputFolder.sha256(file));
		assertThat(hashes.reads()).isEqualTo(3);
	}

	@Test
	void shouldGiveTheRunCommandsFingerprintAndKeepOnlyTheFolder(@TempDir Path input) throws Exception {
		Files.createDirectories(input.resolve("verification"));
		Files.createDirectories(input.resolve("register"));
		Files.writeString(input.resolve("register/register.csv"), "code,name\n");
		Files.writeString(input.resolve("verification/a.csv"), "one");
		Files.writeString(input.resolve("verification/b.csv"), "two");
		ContentHashes.Remembered hashes = (ContentHashes.Remembered) ContentHashes.remembered();

		assertThat(InputFingerprint.of(input, hashes)).isEqualTo(InputFingerprint.of(input));
		int kept = hashes.size();
		assertThat(kept).as("every file the fingerprint hashed").isEqualTo(3);
		assertThat(InputFingerprint.of(input, hashes)).isEqualTo(InputFingerprint.of(input));
		assertThat(hashes.reads()).as("nothing read the second time").isEqualTo(kept);

		Files.delete(input.resolve("verification/b.csv"));
		assertThat(InputFingerprint.of(input, hashes)).isEqualTo(InputFingerprint.of(input));
		assertThat(hashes.size()).as("the removed file forgotten").isEqualTo(kept - 1);
		hashes.retainOnly(List.of());
		assertThat(hashes.size()).isZero();
	}
}
