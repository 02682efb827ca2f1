package org.electionrecon.operate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.electionrecon.ingest.InputFolder;
import org.electionrecon.ingest.SourceKind;

/**
 * A run's identity besides its election: the SHA-256 of the names and SHA-256s of every input
 * file. The same files give the same fingerprint, wherever the folder is; any change gives a new
 * one.
 */
public final class InputFingerprint {

	private InputFingerprint() {
	}

	/** Every file read and hashed: the run command's fingerprint. */
	public static String of(Path input) throws IOException {
		return of(input, ContentHashes.direct());
	}

	/** The files' hashes as {@code hashes} gives them ({@code watch} remembers those of unchanged files). */
	public static String of(Path input, ContentHashes hashes) throws IOException {
		InputFolder folder = new InputFolder(input);
		List<Path> hashed = new ArrayList<>();
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			for (SourceKind kind : SourceKind.values()) {
				for (InputFolder.InputFile file : folder.files(kind)) {
					if (file.ignored()) {
						continue;
					}
					hashed.add(file.path());
					digest.update((file.name() + "\u0000" + contentHash(file.path(), hashes) + "\n")
						.getBytes(StandardCharsets.UTF_8));
				}
			}
			hashes.retainOnly(hashed);
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this Java runtime", ex);
		}
	}

	/** A file the account may not read is fingerprinted as such: the ingest step reports it, the run goes on. */
	private static String contentHash(Path file, ContentHashes hashes) throws IOException {
		try {
			return hashes.sha256(file);
		}
		catch (java.nio.file.AccessDeniedException ex) {
			return "unreadable";
		}
	}
}
