package org.electionrecon.operate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.electionrecon.run.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, point 6: a report killed while writing leaves its temporary workbook in the output
 * folder (an area's or the index); the next run removes them, and only them.
 */
class LeftoverTemporaryFilesTests {

	@Test
	void shouldRemoveTheTemporaryWorkbookOfAKilledRunAndKeepEveryOtherFile(@TempDir Path temp) throws IOException {
		Path output = Files.createDirectories(temp.resolve("output"));
		Path leftover = Files.write(output.resolve("." + Cli.WORKBOOK + ".tmp-5f3a9c0e12b4d678"),
				"PK\u0003\u0004 half a workbook".getBytes(StandardCharsets.UTF_8));
		Path leftoverIndex = Files.write(output.resolve("." + Cli.INDEX + ".tmp-0123456789abcdef"),
				"PK\u0003\u0004 half an index".getBytes(StandardCharsets.UTF_8));
		byte[] notes = "the desk's own notes".getBytes(StandardCharsets.UTF_8);
		Path foreign = Files.write(output.resolve("." + Cli.WORKBOOK + ".tmp-desk-notes"), notes);
		Path foreignHex = Files.write(output.resolve("desk.tmp-5f3a9c0e12b4d678"), notes);

		Cli.Result result = Cli.run("--input=" + Cli.SAMPLE, "--output=" + output);

		assertThat(result.exitCode()).isEqualTo(ExitCodes.ERRORS);
		assertThat(Files.exists(leftover)).isFalse();
		assertThat(Files.exists(leftoverIndex)).isFalse();
		assertThat(result.printed().lines().filter(line -> line.contains("Removed ")).map(line -> line.substring(line.indexOf("Removed "))))
			.containsExactly("Removed " + leftoverIndex.toAbsolutePath()
					+ ", a temporary workbook left by a run that stopped while writing it", "Removed "
							+ leftover.toAbsolutePath() + ", a temporary workbook left by a run that stopped while writing it");
		assertThat(Files.readAllBytes(foreign)).isEqualTo(notes);
		assertThat(Files.readAllBytes(foreignHex)).isEqualTo(notes);
		assertThat(Cli.names(output)).containsExactly(".election-recon-db", "." + Cli.WORKBOOK + ".tmp-desk-notes",
				"desk.tmp-5f3a9c0e12b4d678", "logs", Cli.INDEX, Cli.WORKBOOK);
	}
}
