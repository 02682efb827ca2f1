package org.electionrecon.operate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.electionrecon.ExitCodes;
import org.electionrecon.ReportWorkbookReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11, point 7: a missing source folder is one root-cause finding, SOURCE_MISSING, not one
 * finding per constituency; the sample input with a folder removed or emptied.
 */
class SourceMissingTests {

	@TempDir
	Path dir;

	@Test
	void probe() throws Exception {
		for (String variant : List.of("declarations", "notional", "verification-empty", "register")) {
			Path input = Cli.copySample(dir.resolve(variant + "-in"));
			String folder = variant.replace("-empty", "");
			try (Stream<Path> files = Files.list(input.resolve(folder))) {
				for (Path f : files.toList()) {
					Files.delete(f);
				}
			}
			if (!variant.endsWith("-empty")) {
				Files.delete(input.resolve(folder));
			}
			Path output = dir.resolve(variant + "-out");
			Cli.Result result = Cli.run("--input=" + input, "--output=" + output);
			System.err.println("PROBE " + variant + " exit " + result.exitCode());
			Path workbook = output.resolve(Cli.WORKBOOK);
			if (Files.exists(workbook)) {
				try (ReportWorkbookReader report = new ReportWorkbookReader(workbook)) {
					for (Map<String, Object> f : report.rows("Findings")) {
						System.err.println("PROBE   " + f.get("Severity") + " " + f.get("Check") + " " + f.get("Status") + " | "
								+ f.get("Constituency") + " | " + f.get("Message") + " | " + f.get("Source"));
					}
				}
			}
			else {
				result.printed().lines().filter(l -> l.contains("SOURCE_MISSING") || l.contains("no report"))
					.forEach(l -> System.err.println("PROBE   " + l));
			}
		}
	}
}
