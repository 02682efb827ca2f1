package org.electionrecon.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

import org.junit.jupiter.api.Test;

/** The one-line reason a failure is reported with, now that the console shows no stack trace. */
class ExitCodesTests {

	@Test
	void shouldNameAMissingFileAsSuchSinceItsMessageIsOnlyThePath() {
		Exception wrapped = new IllegalStateException("Unable to process chunk",
				new UncheckedIOException(new NoSuchFileException("/in/verification/stafford.xlsx")));
		assertThat(ExitCodes.oneLine(wrapped)).isEqualTo("NoSuchFileException: /in/verification/stafford.xlsx");
	}

	@Test
	void shouldKeepTheReasonAFileSystemGaveAndAnyOtherMessageAsItIs() {
		assertThat(ExitCodes.oneLine(new FileSystemException("/out/a.xlsx", null, "No space left on device")))
			.isEqualTo("/out/a.xlsx: No space left on device");
		assertThat(ExitCodes.oneLine(new RuntimeException(new java.io.IOException("No space left on device\nmore"))))
			.isEqualTo("No space left on device");
	}
}
