package org.electionrecon.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.electionrecon.ingest.InputFolder;
import org.electionrecon.sample.SampleInputGenerator.CouncilGrouping;
import org.electionrecon.sample.SampleInputGenerator.Spec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generator never removes or overwrites a file it did not write (issue 11, point 4). */
class GeneratedFilesTests {

	/** What the sample preset writes, relative to the folder, in the marker's (name) order. */
	private static final List<String> SAMPLE_FILES = List.of(
			"declarations/HoC-GE2024-results-by-candidate.csv",
			"declarations/HoC-GE2024-results-by-constituency.csv",
			"notional/RallingsThrasher-2019-notional-results-2024-boundaries.csv",
			"register/register.csv",
			"verification/burton-and-uttoxeter.xlsx",
			"verification/cannock-chase.xlsx",
			"verification/cheshire-east-council.xlsx",
			"verification/kingswinford-and-south-staffordshire.xlsx",
			"verification/lichfield.xlsx",
			"verification/newcastle-under-lyme.xlsx",
			"verification/stafford.xlsx",
			"verification/staffordshire-moorlands.xlsx",
			"verification/stoke-on-trent-city-council.xlsx",
			"verification/stone-great-wyrley-and-penkridge.xlsx",
			"verification/tamworth.xlsx");

	/** A council's own file, which the generate deleted. */
	private static final byte[] COUNCIL_FILE = "PK\u0003\u0004 the council's return, final".getBytes(StandardCharsets.UTF_8);

	private final SampleInputGenerator generator = new SampleInputGenerator();

	@Test
	void shouldListEveryFileItWroteWithItsHashInTheMarker(@TempDir Path dir) throws IOException {
		generator.generate(Spec.sample(), dir);

		List<String> lines = Files.readAllLines(dir.resolve(GeneratedFiles.MARKER));
		assertThat(lines.get(0)).isEqualTo("# written by election-recon generate: the files it wrote here, which a"
				+ " later generate replaces; nothing else here is touched");
		List<String> expected = new ArrayList<>();
		for (String file : SAMPLE_FILES) {
			expected.add(InputFolder.sha256(dir.resolve(file)) + "  " + file);
		}
		assertThat(lines.subList(1, lines.size())).containsExactlyElementsOf(expected);
		assertThat(files(dir)).containsExactlyElementsOf(withMarker(SAMPLE_FILES));
	}

	@Test
	void shouldRefuseAFolderHoldingAFileItDidNotWriteAndLeaveItAsItWas(@TempDir Path dir) throws IOException {
		Files.write(dir.resolve("council-return-FINAL.xlsx"), COUNCIL_FILE);

		assertThatThrownBy(() -> generator.generate(Spec.sample(), dir))
			.isInstanceOf(ForeignFileException.class)
			.hasMessage("generate will not write into " + dir + ": it holds council-return-FINAL.xlsx, which generate"
					+ " did not write");

		assertThat(Files.readAllBytes(dir.resolve("council-return-FINAL.xlsx"))).isEqualTo(COUNCIL_FILE);
		assertThat(files(dir)).containsExactly("council-return-FINAL.xlsx");
		assertThat(Files.exists(dir.resolve("verification"))).isFalse();
	}

	@Test
	void shouldRefuseAForeignFileAmongItsOwnAndRemoveNothing(@TempDir Path dir) throws IOException {
		generator.generate(Spec.sample(), dir);
		Files.write(dir.resolve("verification/council-return-FINAL.xlsx"), COUNCIL_FILE);
		byte[] stafford = Files.readAllBytes(dir.resolve("verification/stafford.xlsx"));

		assertThatThrownBy(() -> generator.generate(Spec.sample(7), dir))
			.hasMessage("generate will not write into " + dir + ": it holds verification/council-return-FINAL.xlsx,"
					+ " which generate did not write");

		assertThat(Files.readAllBytes(dir.resolve("verification/council-return-FINAL.xlsx"))).isEqualTo(COUNCIL_FILE);
		assertThat(Files.readAllBytes(dir.resolve("verification/stafford.xlsx"))).isEqualTo(stafford);
		assertThat(files(dir)).hasSize(SAMPLE_FILES.size() + 2);
	}

	@Test
	void shouldTreatAFileChangedSinceItWroteItAsForeign(@TempDir Path dir) throws IOException {
		generator.generate(Spec.sample(), dir);
		Path register = dir.resolve("register/register.csv");
		Files.writeString(register, "code,name\nE14001513,Stafford (corrected by hand)\n");

		assertThatThrownBy(() -> generator.generate(Spec.sample(), dir))
			.hasMessage("generate will not write into " + dir + ": it holds register/register.csv, which has changed"
					+ " since generate wrote it");
		assertThatThrownBy(() -> generator.generate(Spec.sample(), dir, true))
			.hasMessage("generate will not overwrite register/register.csv in " + dir + ": it has changed since"
					+ " generate wrote it");

		assertThat(Files.readString(register)).isEqualTo("code,name\nE14001513,Stafford (corrected by hand)\n");
	}

	@Test
	void shouldReplaceExactlyItsOwnEarlierFiles(@TempDir Path dir) throws IOException {
		generator.generate(Spec.sample(), dir);
		byte[] staffordBefore = Files.readAllBytes(dir.resolve("verification/stafford.xlsx"));

		// two seats, one workbook each: the other nine workbooks of the sample go
		Spec two = new Spec("two", "Staffordshire", Set.of("E14001513", "E14001335"), 2, 3, 7, Map.of(), List.of(),
				new CouncilGrouping(List.of(), CouncilGrouping.Rest.ONE_PER_SEAT), null, null);
		SampleInputGenerator.Summary summary = generator.generate(two, dir);

		assertThat(summary.workbooks()).isEqualTo(2);
		List<String> expected = List.of("declarations/HoC-GE2024-results-by-candidate.csv",
				"declarations/HoC-GE2024-results-by-constituency.csv",
				"notional/RallingsThrasher-2019-notional-results-2024-boundaries.csv", "register/register.csv",
				"verification/lichfield.xlsx", "verification/stafford.xlsx");
		assertThat(files(dir)).containsExactlyElementsOf(withMarker(expected));
		assertThat(GeneratedFiles.readMarker(dir).keySet()).containsExactlyElementsOf(expected);
		assertThat(Files.readAllBytes(dir.resolve("verification/stafford.xlsx"))).isNotEqualTo(staffordBefore);
	}

	@Test
	void shouldKeepAForeignFileWithKeepForeignFilesAndWriteBesideIt(@TempDir Path dir) throws IOException {
		Files.createDirectories(dir.resolve("verification"));
		Files.write(dir.resolve("verification/council-return-FINAL.xlsx"), COUNCIL_FILE);
		Files.writeString(dir.resolve("README.md"), "kept");

		generator.generate(Spec.sample(), dir, true);
		generator.generate(Spec.sample(7), dir, true); // again: its own files are replaced, the others kept

		assertThat(Files.readAllBytes(dir.resolve("verification/council-return-FINAL.xlsx"))).isEqualTo(COUNCIL_FILE);
		assertThat(dir.resolve("README.md")).hasContent("kept");
		List<String> expected = new ArrayList<>(SAMPLE_FILES);
		expected.add("README.md");
		expected.add("verification/council-return-FINAL.xlsx");
		assertThat(files(dir)).containsExactlyInAnyOrderElementsOf(withMarker(expected));
		assertThat(GeneratedFiles.readMarker(dir).keySet()).containsExactlyElementsOf(SAMPLE_FILES);
	}

	@Test
	void shouldRefuseToOverwriteAForeignFileOfTheSameNameBeforeWritingAnything(@TempDir Path dir) throws IOException {
		Files.createDirectories(dir.resolve("verification"));
		Files.write(dir.resolve("verification/stafford.xlsx"), COUNCIL_FILE);

		assertThatThrownBy(() -> generator.generate(Spec.sample(), dir, true))
			.isInstanceOf(ForeignFileException.class)
			.hasMessage("generate will not overwrite verification/stafford.xlsx in " + dir + ": generate did not"
					+ " write it");

		assertThat(Files.readAllBytes(dir.resolve("verification/stafford.xlsx"))).isEqualTo(COUNCIL_FILE);
		assertThat(files(dir)).containsExactly("verification/stafford.xlsx");
	}

	@Test
	void shouldNeverWriteThroughALinkedFolder(@TempDir Path dir, @TempDir Path elsewhere) throws IOException {
		Files.createSymbolicLink(dir.resolve("verification"), elsewhere);

		assertThatThrownBy(() -> generator.generate(Spec.sample(), dir, true))
			.hasMessage("generate will not overwrite verification in " + dir + ": generate did not write it");
		assertThatThrownBy(() -> generator.generate(Spec.sample(), dir))
			.hasMessage("generate will not write into " + dir + ": it holds verification, which generate did not write");

		assertThat(files(elsewhere)).isEmpty();
	}

	@Test
	void shouldTakeUpAgainAfterARunCutShort(@TempDir Path dir) throws IOException {
		generator.generate(Spec.sample(), dir);
		// as a run killed while writing leaves it: the marker lists what it was writing as pending,
		// some files are missing, a half-written file is there and so is the marker it was replacing
		StringBuilder pending = new StringBuilder("# cut short\n");
		for (String file : SAMPLE_FILES) {
			pending.append(GeneratedFiles.PENDING).append("  ").append(file).append('\n');
		}
		Files.writeString(dir.resolve(GeneratedFiles.MARKER), pending);
		Files.delete(dir.resolve("verification/tamworth.xlsx"));
		Files.writeString(dir.resolve("verification/stafford.xlsx"), "half");
		Files.writeString(dir.resolve(GeneratedFiles.MARKER + "4711.tmp"), "# a new marker, never moved");

		generator.generate(Spec.sample(), dir);

		assertThat(files(dir)).containsExactlyElementsOf(withMarker(SAMPLE_FILES));
		assertThat(GeneratedFiles.readMarker(dir).values()).doesNotContain(GeneratedFiles.PENDING).hasSize(15);
	}

	@Test
	void shouldIgnoreMarkerLinesThatLeadOutOfTheFolder(@TempDir Path temp) throws IOException {
		Path dir = Files.createDirectories(temp.resolve("input"));
		Path outside = Files.write(temp.resolve("outside.csv"), COUNCIL_FILE);
		Files.writeString(dir.resolve(GeneratedFiles.MARKER),
				InputFolder.sha256(outside) + "  ../outside.csv\n" + InputFolder.sha256(outside) + "  " + outside + "\n");

		generator.generate(Spec.sample(), dir);

		assertThat(Files.readAllBytes(outside)).isEqualTo(COUNCIL_FILE);
		assertThat(GeneratedFiles.isPlainRelative("verification/a.xlsx")).isTrue();
		assertThat(GeneratedFiles.isPlainRelative("../a.csv")).isFalse();
		assertThat(GeneratedFiles.isPlainRelative("verification/../../a.csv")).isFalse();
		assertThat(GeneratedFiles.isPlainRelative("/etc/passwd")).isFalse();
		assertThat(GeneratedFiles.isPlainRelative("verification//a.xlsx")).isFalse();
		assertThat(GeneratedFiles.isPlainRelative("./a.csv")).isFalse();
		assertThat(GeneratedFiles.isPlainRelative(GeneratedFiles.MARKER)).isFalse();
	}

	/** Every file (not folder) under {@code dir}, relative, '/'-separated, sorted; links listed, not followed. */
	static List<String> files(Path dir) throws IOException {
		try (Stream<Path> walk = Files.walk(dir)) {
			return walk.filter(p -> !Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS))
				.map(p -> dir.relativize(p).toString().replace('\\', '/'))
				.sorted()
				.toList();
		}
	}

	private static List<String> withMarker(List<String> files) {
		List<String> all = new ArrayList<>(files);
		all.add(GeneratedFiles.MARKER);
		return all.stream().sorted().toList();
	}
}
