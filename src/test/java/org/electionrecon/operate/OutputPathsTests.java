package org.electionrecon.operate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.electionrecon.run.ExitCodes;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The paths of issue 11: generate never touches a file it did not write (point 4), and a wrong
 * --output or --database-dir gets its own message, with nothing created by a read-only command
 * (point 8). Every case runs the command line as an operator types it.
 */
class OutputPathsTests {

	private static final byte[] COUNCIL_FILE = "PK\u0003\u0004 the council's return, final".getBytes(StandardCharsets.UTF_8);

	@Nested
	class Generate {

		@Test
		void shouldNeedAnExplicitInputFolder() {
			Cli.Result result = Cli.run("generate", "--preset=sample");
			assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILED);
			assertThat(result.printed().lines()).containsExactly(
					"election-recon: generate needs --input=DIR, the folder to write the generated input into");
		}

		@Test
		void shouldRefuseAFolderHoldingAForeignFileAndLeaveItByteIdentical(@TempDir Path dir) throws IOException {
			Files.write(dir.resolve("council-return-FINAL.xlsx"), COUNCIL_FILE);

			Cli.Result result = Cli.run("generate", "--preset=sample", "--input=" + dir);

			assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILED);
			assertThat(result.printed().lines()).containsExactly("election-recon: generate will not write into " + dir
					+ ": it holds council-return-FINAL.xlsx, which generate did not write (give an empty or new folder,"
					+ " or add --force to write beside such files, which are kept)");
			assertThat(Files.readAllBytes(dir.resolve("council-return-FINAL.xlsx"))).isEqualTo(COUNCIL_FILE);
			assertThat(Cli.names(dir)).containsExactly("council-return-FINAL.xlsx");
		}

		@Test
		void shouldWriteBesideAForeignFileWithForceAndKeepIt(@TempDir Path dir) throws IOException {
			Files.write(dir.resolve("council-return-FINAL.xlsx"), COUNCIL_FILE);

			Cli.Result first = Cli.run("generate", "--preset=sample", "--input=" + dir, "--force");
			Cli.Result again = Cli.run("generate", "--preset=sample", "--seed=7", "--input=" + dir, "--force");

			assertThat(first.exitCode()).isEqualTo(ExitCodes.CLEAN);
			assertThat(first.printed().lines()).containsExactly("Generated the sample input in " + dir);
			assertThat(again.exitCode()).isEqualTo(ExitCodes.CLEAN);
			assertThat(Files.readAllBytes(dir.resolve("council-return-FINAL.xlsx"))).isEqualTo(COUNCIL_FILE);
			assertThat(Cli.names(dir)).containsExactly(".election-recon-generated", "council-return-FINAL.xlsx",
					"declarations", "notional", "register", "verification");
			assertThat(Cli.names(dir.resolve("verification"))).hasSize(11);
		}

		@Test
		void shouldGenerateIntoItsOwnFolderAgainWithoutForce(@TempDir Path temp) {
			Path dir = temp.resolve("new");
			assertThat(Cli.run("generate", "--preset=sample", "--input=" + dir).exitCode()).isEqualTo(ExitCodes.CLEAN);

			Cli.Result again = Cli.run("generate", "--preset=sample", "--seed=7", "--input=" + dir);

			assertThat(again.exitCode()).isEqualTo(ExitCodes.CLEAN);
			assertThat(again.printed().lines()).containsExactly("Generated the sample input in " + dir);
			assertThat(Cli.names(dir)).containsExactly(".election-recon-generated", "declarations", "notional",
					"register", "verification");
		}

		@Test
		void shouldRefuseToOverwriteAForeignFileEvenWithForce(@TempDir Path dir) throws IOException {
			Files.createDirectories(dir.resolve("verification"));
			Files.write(dir.resolve("verification/stafford.xlsx"), COUNCIL_FILE);

			Cli.Result result = Cli.run("generate", "--preset=sample", "--input=" + dir, "--force");

			assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILED);
			assertThat(result.printed().lines()).containsExactly("election-recon: generate will not overwrite"
					+ " verification/stafford.xlsx in " + dir + ": generate did not write it (move it away or give"
					+ " another --input)");
			assertThat(Files.readAllBytes(dir.resolve("verification/stafford.xlsx"))).isEqualTo(COUNCIL_FILE);
			assertThat(Cli.names(dir)).containsExactly("verification");
			assertThat(Cli.names(dir.resolve("verification"))).containsExactly("stafford.xlsx");
		}

		@Test
		void shouldRefuseAnInputThatIsAFile(@TempDir Path temp) throws IOException {
			Path file = Files.write(temp.resolve("input"), COUNCIL_FILE);

			Cli.Result result = Cli.run("generate", "--preset=sample", "--input=" + file);

			assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILED);
			assertThat(result.printed().lines())
				.containsExactly("election-recon: --input=" + file + " is a file, not a folder");
			assertThat(Files.readAllBytes(file)).isEqualTo(COUNCIL_FILE);
		}
	}

	@Nested
	class Output {

		@Test
		void shouldSayThatAnOutputFileIsNotAFolder(@TempDir Path temp) throws IOException {
			Path file = Files.write(temp.resolve("report.xlsx"), COUNCIL_FILE);
			for (List<String> command : List.of(List.of("--input=" + Cli.SAMPLE), List.of("status"),
					List.of("report"), List.of("restart"), List.of("recover"))) {
				String[] args = concat(command, "--output=" + file);

				Cli.Result result = Cli.run(args);

				assertThat(result.exitCode()).as("%s", command).isEqualTo(ExitCodes.FAILED);
				assertThat(result.printed().lines()).as("%s", command)
					.containsExactly("election-recon: --output=" + file + " is a file, not a folder");
			}
			assertThat(Files.readAllBytes(file)).isEqualTo(COUNCIL_FILE);
			assertThat(Cli.names(temp)).containsExactly("report.xlsx");
		}

		@Test
		void shouldSayThatAnOutputUnderAFileCannotBeCreated(@TempDir Path temp) throws IOException {
			Path file = Files.write(temp.resolve("report.xlsx"), COUNCIL_FILE);
			Path output = file.resolve("output");

			Cli.Result result = Cli.run("--input=" + Cli.SAMPLE, "--output=" + output);

			assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILED);
			assertThat(result.printed().lines()).containsExactly(
					"election-recon: --output=" + output + " cannot be created: " + file + " is a file");
		}

		@Test
		void shouldSayThatADatabaseDirThatIsAFileIsNotAFolder(@TempDir Path temp) throws IOException {
			Path file = Files.write(temp.resolve("db"), COUNCIL_FILE);
			Path output = temp.resolve("output");

			Cli.Result run = Cli.run("--input=" + Cli.SAMPLE, "--output=" + output, "--database-dir=" + file);
			Cli.Result status = Cli.run("status", "--output=" + output, "--database-dir=" + file);

			assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
			assertThat(run.printed().lines())
				.containsExactly("election-recon: --database-dir=" + file + " is a file, not a folder");
			assertThat(status.exitCode()).isEqualTo(ExitCodes.FAILED);
			assertThat(status.printed().lines())
				.containsExactly("election-recon: --database-dir=" + file + " is a file, not a folder");
			assertThat(Cli.names(temp)).containsExactly("db");
		}

		@Test
		void shouldCreateNothingForReadOnlyCommandsWithoutAJobDatabase(@TempDir Path temp) {
			Path missing = temp.resolve("outptu");
			for (String command : List.of("status", "report", "restart", "recover")) {
				Cli.Result result = Cli.run(command, "--output=" + missing);

				assertThat(result.exitCode()).as(command).isEqualTo(ExitCodes.FAILED);
				assertThat(result.printed().lines()).as(command).containsExactly("election-recon: no job database in "
						+ missing.resolve(".election-recon-db") + ": no run has used this output folder (give the run's"
						+ " --output or --database-dir)");
			}
			assertThat(Cli.names(temp)).isEmpty();
		}

		@Test
		void shouldNameTheDatabaseFolderWhenItWasGiven(@TempDir Path temp) {
			Path database = temp.resolve("db");

			Cli.Result result = Cli.run("status", "--database-dir=" + database, "--output=" + temp.resolve("out"));

			assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILED);
			assertThat(result.printed().lines()).containsExactly("election-recon: no job database in " + database
					+ ": no run has used this database folder (give the run's --database-dir)");
			assertThat(Cli.names(temp)).isEmpty();
		}

		@Test
		void shouldRefuseAnOutputFolderInsideTheInputFolderBeforeAnythingIsRead(@TempDir Path temp) throws IOException {
			Path input = Files.createDirectories(temp.resolve("in/verification"));
			Path council = Files.write(input.resolve("council.xlsx"), COUNCIL_FILE);
			Path output = input.resolve("reports");

			Cli.Result result = Cli.run("--input=" + temp.resolve("in"), "--output=" + output);

			assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILED);
			assertThat(result.printed().lines()).containsExactly("election-recon: --output=" + output
					+ " lies inside the input folder " + temp.resolve("in")
					+ ": give an output folder outside it, or the run would read its own workbooks as input");
			assertThat(Files.exists(output)).isFalse();
			assertThat(Files.readAllBytes(council)).isEqualTo(COUNCIL_FILE);
		}

		@Test
		void shouldRefuseTheInputFolderAsTheOutputFolder(@TempDir Path temp) throws IOException {
			Path input = Files.createDirectories(temp.resolve("in"));

			Cli.Result result = Cli.run("--input=" + input, "--output=" + input);

			assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILED);
			assertThat(result.printed().lines()).containsExactly("election-recon: --output=" + input
					+ " is the input folder: give an output folder outside " + input
					+ ", or the run would read its own workbooks as input");
			assertThat(Cli.names(input)).isEmpty();
		}

		@Test
		void shouldRefuseAnInputFolderInsideTheOutputFolder(@TempDir Path temp) throws IOException {
			Path output = temp.resolve("out");
			Path input = Files.createDirectories(output.resolve("in"));

			Cli.Result result = Cli.run("--input=" + input, "--output=" + output);

			assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILED);
			assertThat(result.printed().lines()).containsExactly("election-recon: --input=" + input
					+ " lies inside the output folder " + output
					+ ": give an output folder outside it, or the run would write its workbooks among its inputs");
			assertThat(Cli.names(output)).containsExactly("in");
		}

		@Test
		void shouldSeeThroughALinkToTheInputFolder(@TempDir Path temp) throws IOException {
			Path input = Files.createDirectories(temp.resolve("in"));
			Path link = Files.createSymbolicLink(temp.resolve("link"), input);
			Path output = link.resolve("reports");

			Cli.Result result = Cli.run("--input=" + input, "--output=" + output);

			assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILED);
			assertThat(result.printed().lines()).containsExactly("election-recon: --output=" + output
					+ " lies inside the input folder " + input
					+ ": give an output folder outside it, or the run would read its own workbooks as input");
			assertThat(Cli.names(input)).isEmpty();
		}

		@Test
		void shouldNotLookForTheEmbeddedDatabaseWhenAnotherIsConfigured() {
			Map<String, String> none = Map.of();
			assertThat(OutputPaths.embeddedDatabase(List.of(), none)).isTrue();
			assertThat(OutputPaths.embeddedDatabase(List.of("--recon.chunk-size=10"), none)).isTrue();
			assertThat(OutputPaths.embeddedDatabase(List.of("--spring.profiles.active=postgres"), none)).isFalse();
			assertThat(OutputPaths.embeddedDatabase(List.of("--spring.profiles.active=dev, postgres"), none)).isFalse();
			assertThat(OutputPaths.embeddedDatabase(List.of("--spring.datasource.url=jdbc:postgresql://h/db"), none))
				.isFalse();
			assertThat(OutputPaths.embeddedDatabase(List.of(), Map.of("SPRING_PROFILES_ACTIVE", "postgres"))).isFalse();
			assertThat(OutputPaths.embeddedDatabase(List.of(), Map.of("SPRING_DATASOURCE_URL", "jdbc:h2:mem:x")))
				.isFalse();
		}

		@Test
		void shouldSkipTheDatabaseFolderChecksForAnotherDatabase(@TempDir Path temp) {
			Path missing = temp.resolve("missing");
			assertThat(OutputPaths.check(OutputPaths.Use.READ, missing, null,
					List.of("--spring.profiles.active=postgres"), Map.of())).isEmpty();
			assertThat(OutputPaths.check(OutputPaths.Use.READ, missing, null, List.of(), Map.of()))
				.hasValue("no job database in " + missing.resolve(".election-recon-db")
						+ ": no run has used this output folder (give the run's --output or --database-dir)");
			assertThat(Cli.names(temp)).isEmpty();
		}
	}

	private static String[] concat(List<String> first, String last) {
		String[] args = first.toArray(new String[first.size() + 1]);
		args[first.size()] = last;
		return args;
	}
}
