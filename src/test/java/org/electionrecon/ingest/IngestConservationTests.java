package org.electionrecon.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.electionrecon.ingest.IngestFixtures.only;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.electionrecon.model.BallotBox;
import org.electionrecon.model.CheckCode;
import org.electionrecon.model.Constituency;
import org.electionrecon.model.DeclaredResult;
import org.electionrecon.model.Finding;
import org.electionrecon.model.NotionalResult;
import org.electionrecon.model.RejectedRow;
import org.electionrecon.model.Severity;
import org.electionrecon.model.SourceFile;
import org.electionrecon.model.Staged;
import org.electionrecon.model.VerificationSheet;
import org.electionrecon.sample.SampleInputGenerator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Conservation over a whole input folder: the sample as generated, and a damaged copy. Every file
 * has a provenance record; every row of every table is accepted, rejected or out of scope; every
 * rejected row is listed; every unreadable file is reported once and the run goes on.
 */
class IngestConservationTests {

	static Path sample;
	static Path damaged;

	static SampleInputGenerator.Summary summary;
	static ParseContext context;
	static List<Staged> sampleRecords;
	static List<Staged> damagedRecords;

	@BeforeAll
	static void readSampleAndDamagedCopy() throws IOException {
		sample = SampleFolders.shared().resolve("sample");
		damaged = SampleFolders.shared().resolve("damaged");
		summary = SampleFolders.sharedSummary();
		List<Constituency> register = IngestFixtures.readRegister(sample);
		context = IngestFixtures.context(register);
		sampleRecords = IngestFixtures.records(IngestFixtures.readAll(sample, context, SampleFolders.KINDS));
		damagedRecords = IngestFixtures.records(IngestFixtures.readAll(damaged, context, SampleFolders.KINDS));
	}

	@Test
	void theRegisterHasTheFourteenSampleSeats() {
		assertThat(context.directory().isEmpty()).isFalse();
		assertThat(context.directory().matchName("Stoke-On-Trent North").constituency().code()).isEqualTo("E14001521");
		assertThat(context.directory().matchName("Crewe & Nantwich").constituency().code()).isEqualTo("E14001185");
	}

	@Test
	void theSampleReadsWithNothingRejectedAndEveryBoxAccounted() throws IOException {
		assertThat(only(sampleRecords, RejectedRow.class)).isEmpty();
		assertThat(only(sampleRecords, Finding.class)).isEmpty();
		List<BallotBox> boxes = only(sampleRecords, BallotBox.class);
		assertThat(boxes).hasSize((int) summary.boxes());
		assertThat(boxes.stream().mapToLong(BallotBox::verified).sum()).isEqualTo(summary.papersVerified());
		assertThat(only(sampleRecords, VerificationSheet.class)).hasSize(14);
		assertThat(only(sampleRecords, DeclaredResult.class)).hasSize(14);
		assertThat(only(sampleRecords, NotionalResult.class)).hasSize(14);
		assertConservation(sample, sampleRecords);
	}

	@Test
	void everyFileOfTheDamagedFolderHasOneProvenanceRecordAndItsRowsAddUp() throws IOException {
		assertConservation(damaged, damagedRecords);
	}

	@Test
	void theDamagedFolderRejectsExactlyTheDamagedRows() {
		assertThat(only(damagedRecords, RejectedRow.class))
			.containsExactlyInAnyOrderElementsOf(SampleFolders.EXPECTED_REJECTED);
	}

	@Test
	void eachUnreadableFileGivesExactlyOneSourceUnreadableFindingAndNothingElseIsAFinding() {
		List<Finding> findings = only(damagedRecords, Finding.class);
		assertThat(findings).allSatisfy(f -> {
			assertThat(f.check()).isEqualTo(CheckCode.SOURCE_UNREADABLE);
			assertThat(f.severity()).isEqualTo(Severity.ERROR);
			assertThat(f.constituencyCode()).isNull();
		});
		assertThat(findings).extracting(Finding::source)
			.containsExactlyInAnyOrderElementsOf(SampleFolders.UNREADABLE);
		Map<String, String> messages = findings.stream()
			.collect(Collectors.toMap(Finding::source, Finding::message, (a, b) -> a, TreeMap::new));
		assertThat(messages.get("declarations/empty.csv")).isEqualTo("declarations/empty.csv cannot be read: the file is empty");
		assertThat(messages.get("verification/statement.pdf")).isEqualTo("verification/statement.pdf cannot be read:"
				+ " a PDF document is not a spreadsheet: ask the council for the .xlsx or .csv");
		assertThat(messages.get("verification/tamworth.xlsx"))
			.startsWith("verification/tamworth.xlsx cannot be read: a damaged or truncated .xlsx workbook (");
		assertThat(messages.get("verification/notes.csv")).isEqualTo("verification/notes.csv: no recognisable"
				+ " verification statement table (no sheet has the required columns in its first 30 rows)");
	}

	@Test
	void unreadableFilesAreListedWithTheirReasonAndNoRows() throws IOException {
		Map<String, SourceFile> byName = byName(damagedRecords);
		for (String name : List.of("declarations/empty.csv", "verification/statement.pdf", "verification/tamworth.xlsx")) {
			SourceFile file = byName.get(name);
			Path path = damaged.resolve(name);
			assertThat(file.kind()).isEqualTo(name.substring(0, name.indexOf('/')));
			assertThat(file.sha256()).isEqualTo(IngestFixtures.sha256(path));
			assertThat(file.bytes()).isEqualTo(Files.size(path));
			assertThat(List.of(file.rowsRead(), file.rowsAccepted(), file.rowsRejected(), file.rowsOutOfScope()))
				.containsOnly(0L);
			assertThat(file.notes()).startsWith("unreadable: ");
		}
		assertThat(byName.get("declarations/empty.csv").notes()).isEqualTo("unreadable: the file is empty");
		assertThat(byName.get("verification/notes.csv")).isEqualTo(new SourceFile("verification/notes.csv",
				"verification", IngestFixtures.sha256(damaged.resolve("verification/notes.csv")),
				Files.size(damaged.resolve("verification/notes.csv")), 0, 0, 0, 0,
				"file skipped: no verification statement table in its first 30 rows"));
	}

	@Test
	void hiddenAndLockFilesAreListedAsIgnored() throws IOException {
		Map<String, SourceFile> byName = byName(damagedRecords);
		assertThat(byName.get("verification/.x.csv")).isEqualTo(new SourceFile("verification/.x.csv", "ignored", null,
				Files.size(damaged.resolve("verification/.x.csv")), 0, 0, 0, 0, "ignored: hidden file"));
		assertThat(byName.get("verification/~$lock.xlsx")).isEqualTo(new SourceFile("verification/~$lock.xlsx",
				"ignored", null, Files.size(damaged.resolve("verification/~$lock.xlsx")), 0, 0, 0, 0,
				"ignored: Office lock file"));
		assertThat(only(damagedRecords, SourceFile.class)).filteredOn(f -> f.kind().equals("ignored"))
			.extracting(SourceFile::file)
			.containsExactlyInAnyOrderElementsOf(SampleFolders.IGNORED);
	}

	@Test
	void theRestOfTheDamagedFolderIsStillRead() {
		List<BallotBox> sampleBoxes = only(sampleRecords, BallotBox.class);
		long tamworthBoxes = sampleBoxes.stream()
			.filter(b -> b.verifiedSource().startsWith("'verification/[tamworth.xlsx]"))
			.count();
		assertThat(tamworthBoxes).isPositive();
		List<BallotBox> boxes = only(damagedRecords, BallotBox.class);
		assertThat(boxes).hasSize(sampleBoxes.size() - (int) tamworthBoxes - 4);
		// every box not damaged is read exactly as in the undamaged sample
		List<BallotBox> expected = new ArrayList<>(sampleBoxes);
		expected.removeIf(b -> b.verifiedSource().startsWith("'verification/[tamworth.xlsx]")
				|| List.of("'verification/[stafford.xlsx]Stafford'!E12", "'verification/[stafford.xlsx]Stafford'!E14",
						"'verification/[cheshire-east-council.xlsx]Congleton'!E10",
						"'verification/[cheshire-east-council.xlsx]Congleton'!E11")
					.contains(b.verifiedSource()));
		assertThat(boxes).containsExactlyElementsOf(expected);
		assertThat(only(damagedRecords, VerificationSheet.class)).hasSize(13);
		assertThat(only(damagedRecords, DeclaredResult.class)).hasSize(13);
		assertThat(only(damagedRecords, NotionalResult.class)).hasSize(13);
	}

	/**
	 * For every file in the kinds' folders: one SourceFile record; rowsRead = accepted + rejected +
	 * out of scope; as many RejectedRow records as rowsRejected.
	 */
	static void assertConservation(Path input, List<Staged> records) throws IOException {
		List<String> files = new ArrayList<>();
		for (SourceKind kind : SampleFolders.KINDS) {
			try (Stream<Path> list = Files.list(input.resolve(kind.folder()))) {
				list.forEach(p -> files.add(kind.folder() + "/" + p.getFileName()));
			}
		}
		List<SourceFile> provenance = only(records, SourceFile.class);
		assertThat(provenance).extracting(SourceFile::file).containsExactlyInAnyOrderElementsOf(files);
		Map<String, Long> rejectedByFile = only(records, RejectedRow.class).stream()
			.collect(Collectors.groupingBy(RejectedRow::file, Collectors.counting()));
		assertThat(provenance).allSatisfy(file -> {
			assertThat(file.rowsRead()).as(file.file() + " rows read")
				.isEqualTo(file.rowsAccepted() + file.rowsRejected() + file.rowsOutOfScope());
			assertThat(rejectedByFile.getOrDefault(file.file(), 0L)).as(file.file() + " rejected rows listed")
				.isEqualTo(file.rowsRejected());
		});
		assertThat(rejectedByFile.keySet()).isSubsetOf(files);
	}

	static Map<String, SourceFile> byName(List<Staged> records) {
		return only(records, SourceFile.class).stream()
			.collect(Collectors.toMap(SourceFile::file, f -> f, (a, b) -> {
				throw new AssertionError("two provenance records for " + a.file());
			}, TreeMap::new));
	}
}
