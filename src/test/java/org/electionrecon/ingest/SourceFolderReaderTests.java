package org.electionrecon.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.electionrecon.ingest.IngestFixtures.book;
import static org.electionrecon.ingest.IngestFixtures.count;
import static org.electionrecon.ingest.IngestFixtures.only;
import static org.electionrecon.ingest.IngestFixtures.records;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.electionrecon.ingest.IngestFixtures.Book;
import org.electionrecon.model.BallotBox;
import org.electionrecon.model.CheckCode;
import org.electionrecon.model.Finding;
import org.electionrecon.model.RejectedRow;
import org.electionrecon.model.SourceFile;
import org.electionrecon.model.Staged;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The reader as Spring Batch drives it: listing, ignored and unreadable files, and restarts from
 * the execution context it saves (no record staged twice, none lost).
 */
class SourceFolderReaderTests {

	static final List<SourceKind> KINDS = List.of(SourceKind.VERIFICATION, SourceKind.DECLARATIONS,
			SourceKind.NOTIONAL);

	@TempDir
	static Path input;

	/** An uninterrupted read of {@link #input} by a single parsing thread. */
	static List<StagedItem> full;

	/** The execution context saved after each number of records read, 0 to all. */
	static List<ExecutionContext> snapshots;

	@BeforeAll
	static void buildFolderAndReadIt() throws IOException {
		Path verification = Files.createDirectories(input.resolve("verification"));
		Files.writeString(verification.resolve(".hidden.csv"), "Constituency,Box,Issued,Verified\n");
		try (Book book = book()) {
			book.sheet("Stafford")
				.row(1, "Box", "Issued", "Verified")
				.row(2, "S1", count(100), count(100))
				.row(3, "S2", count(200), count(199))
				.row(4, "S3 postal", count(300), count(300))
				.row(5, "Total", null, count(600), count(599));
			book.sheet("Crewe and Nantwich")
				.row(1, "Box", "Issued", "Verified")
				.row(2, "C1", count(50), "abc")
				.row(3, "C2", count(60), count(60));
			book.write(verification.resolve("a-council.xlsx"));
		}
		Files.writeString(verification.resolve("b.csv"), """
				Constituency,Box,Issued,Verified
				Stoke-on-Trent North,N1,10,10
				Atlantis,X,1,1
				Ynys Môn,Y1,5,5
				Ynys Môn,Total,,5
				""", StandardCharsets.UTF_8);
		Files.writeString(verification.resolve("c.pdf"), "%PDF-1.4\n%%EOF\n");
		Path broken;
		try (Book book = book()) {
			book.sheet("Kingswinford and South Stafford").row(1, "Box", "Issued", "Verified");
			for (int r = 2; r <= 40; r++) {
				book.row(r, "K" + r, count(r), count(r));
			}
			broken = book.write(verification.resolve("d-broken.xlsx"));
		}
		IngestFixtures.rewriteEntry(broken, "xl/worksheets/sheet1.xml", xml -> {
			String text = new String(xml, StandardCharsets.UTF_8);
			return text.substring(0, text.indexOf("<row r=\"36\"") + 15).getBytes(StandardCharsets.UTF_8);
		});
		Files.writeString(input.resolve("outside.csv"), "Constituency,Box,Issued,Verified\nStafford,Z,1,1\n");
		Files.createSymbolicLink(verification.resolve("link.csv"), input.resolve("outside.csv"));
		Files.createDirectories(verification.resolve("sub"));
		Files.writeString(verification.resolve("sub/inner.csv"), "Constituency,Box,Issued,Verified\n");
		Files.writeString(verification.resolve("~$a-council.xlsx"), "owner");
		Files.createFile(Files.createDirectories(input.resolve("declarations")).resolve("empty.csv"));
		// no notional/ folder at all: that source is absent

		full = IngestFixtures.readToEnd(IngestFixtures.reader(input, IngestFixtures.context(), KINDS, 1),
				new ExecutionContext());

		SourceFolderReader reader = IngestFixtures.reader(input, IngestFixtures.context(), KINDS);
		reader.open(new ExecutionContext());
		snapshots = new ArrayList<>();
		List<StagedItem> again = new ArrayList<>();
		while (true) {
			ExecutionContext snapshot = new ExecutionContext();
			reader.update(snapshot);
			snapshots.add(snapshot);
			StagedItem item = reader.read();
			if (item == null) {
				break;
			}
			again.add(item);
		}
		reader.close();
		assertThat(again).as("a second uninterrupted read").isEqualTo(full);
	}

	@Test
	void everyEntryOfTheFoldersIsListedInNameOrder() {
		assertThat(only(records(full), SourceFile.class)).extracting(SourceFile::file, SourceFile::kind).containsExactly(
				org.assertj.core.groups.Tuple.tuple("verification/.hidden.csv", "ignored"),
				org.assertj.core.groups.Tuple.tuple("verification/a-council.xlsx", "verification"),
				org.assertj.core.groups.Tuple.tuple("verification/b.csv", "verification"),
				org.assertj.core.groups.Tuple.tuple("verification/c.pdf", "verification"),
				org.assertj.core.groups.Tuple.tuple("verification/d-broken.xlsx", "verification"),
				org.assertj.core.groups.Tuple.tuple("verification/link.csv", "ignored"),
				org.assertj.core.groups.Tuple.tuple("verification/sub", "ignored"),
				org.assertj.core.groups.Tuple.tuple("verification/~$a-council.xlsx", "ignored"),
				org.assertj.core.groups.Tuple.tuple("declarations/empty.csv", "declarations"));
		Map<String, String> notes = new LinkedHashMap<>();
		only(records(full), SourceFile.class).forEach(f -> notes.put(f.file(), f.notes()));
		assertThat(notes).containsEntry("verification/.hidden.csv", "ignored: hidden file")
			.containsEntry("verification/link.csv", "ignored: a link: not followed")
			.containsEntry("verification/sub", "ignored: a folder: only files directly inside verification/ are read")
			.containsEntry("verification/~$a-council.xlsx", "ignored: Office lock file")
			.containsEntry("declarations/empty.csv", "unreadable: the file is empty");
		// a link is never followed: nothing from outside.csv
		assertThat(only(records(full), BallotBox.class)).extracting(BallotBox::box).doesNotContain("Z");
	}

	@Test
	void theFullReadHasTheRecordsOfEveryReadableFile() {
		List<Staged> records = records(full);
		assertThat(only(records, BallotBox.class)).extracting(BallotBox::box).containsExactlyElementsOf(
				Stream.concat(Stream.of("S1", "S2", "S3 postal", "C2", "N1", "Y1"),
						IntStream.rangeClosed(2, 35).mapToObj(r -> "K" + r)).toList());
		assertThat(only(records, RejectedRow.class)).containsExactly(
				new RejectedRow("verification/a-council.xlsx", "Crewe and Nantwich", 2, "C2", "abc",
						"ballot papers verified is not a number"),
				new RejectedRow("verification/b.csv", null, 3, "1", "Atlantis",
						"unknown constituency: name 'Atlantis' matches no register constituency"));
		assertThat(only(records, Finding.class)).extracting(Finding::check, Finding::source).containsExactly(
				org.assertj.core.groups.Tuple.tuple(CheckCode.UNKNOWN_CONSTITUENCY, "'verification/[b.csv]b'!A3"),
				org.assertj.core.groups.Tuple.tuple(CheckCode.SOURCE_UNREADABLE, "verification/c.pdf"),
				org.assertj.core.groups.Tuple.tuple(CheckCode.SOURCE_UNREADABLE, "verification/d-broken.xlsx"),
				org.assertj.core.groups.Tuple.tuple(CheckCode.SOURCE_UNREADABLE, "declarations/empty.csv"));
		assertThat(only(records, SourceFile.class)).allSatisfy(f -> assertThat(f.rowsRead())
			.isEqualTo(f.rowsAccepted() + f.rowsRejected() + f.rowsOutOfScope()));
	}

	@Test
	void recordsAreNumberedByFileAndPlaceInTheFile() {
		// file i (0-based, in listing order) numbers its records (i + 1) * 10^9 + 0, 1, 2, ...
		long previousFile = 0;
		long expected = 0;
		for (StagedItem item : full) {
			long file = item.seq() / 1_000_000_000L;
			if (file != previousFile) {
				assertThat(file).isGreaterThan(previousFile);
				previousFile = file;
				expected = 0;
			}
			assertThat(item.seq() % 1_000_000_000L).isEqualTo(expected++);
		}
		assertThat(full.get(0).seq()).isEqualTo(1_000_000_000L);
		assertThat(full.get(full.size() - 1).seq() / 1_000_000_000L).isEqualTo(9);
	}

	@Test
	void theExecutionContextHoldsTheFileAndTheRecordsHandedOutFromIt() {
		assertThat(snapshots.get(0).entrySet()).extracting(Map.Entry::getKey, Map.Entry::getValue)
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("ingestStep.file.index", 0),
					org.assertj.core.groups.Tuple.tuple("ingestStep.file.emitted", 0L));
		// after the first record (the hidden file's provenance): file 1 of the listing, one record out
		assertThat(snapshots.get(1).getInt("ingestStep.file.index")).isEqualTo(1);
		assertThat(snapshots.get(1).getLong("ingestStep.file.emitted")).isEqualTo(1L);
		// after the second: the workbook's first record
		assertThat(snapshots.get(2).getInt("ingestStep.file.index")).isEqualTo(2);
		assertThat(snapshots.get(2).getLong("ingestStep.file.emitted")).isEqualTo(1L);
		ExecutionContext last = snapshots.get(snapshots.size() - 1);
		assertThat(last.getInt("ingestStep.file.index")).isEqualTo(9);
	}

	static IntStream restartPoints() {
		return IntStream.range(0, snapshots.size());
	}

	@ParameterizedTest(name = "restart after {0} records")
	@MethodSource("restartPoints")
	void aRestartFromTheSavedContextGivesExactlyTheRemainingRecords(int n) throws IOException {
		ExecutionContext saved = copy(snapshots.get(n));
		SourceFolderReader restarted = IngestFixtures.reader(input, IngestFixtures.context(), KINDS);
		List<StagedItem> rest = IngestFixtures.readToEnd(restarted, saved);
		assertThat(rest).isEqualTo(full.subList(n, full.size()));
	}

	/** Files parsed at the same time give the records of one thread, in the same order. */
	@ParameterizedTest(name = "{0} parsing threads")
	@ValueSource(ints = { 2, 3, 16 })
	void parsingFilesAtTheSameTimeGivesTheSameRecordsInTheSameOrder(int parsers) throws IOException {
		for (int n : new int[] { 0, 1, 2, 12, 30, full.size() - 1, full.size() }) {
			SourceFolderReader restarted = IngestFixtures.reader(input, IngestFixtures.context(), KINDS, parsers);
			assertThat(IngestFixtures.readToEnd(restarted, copy(snapshots.get(n)))).as("after %d records", n)
				.isEqualTo(full.subList(n, full.size()));
		}
	}

	@Test
	void aRestartedReadCanItselfBeRestarted() throws IOException {
		int first = 12;
		int second = 30;
		SourceFolderReader b = IngestFixtures.reader(input, IngestFixtures.context(), KINDS);
		ExecutionContext context = copy(snapshots.get(first));
		b.open(context);
		List<StagedItem> read = new ArrayList<>(full.subList(0, first));
		for (int i = first; i < second; i++) {
			read.add(b.read());
		}
		b.update(context);
		b.close();
		SourceFolderReader c = IngestFixtures.reader(input, IngestFixtures.context(), KINDS);
		read.addAll(IngestFixtures.readToEnd(c, copy(context)));
		assertThat(read).isEqualTo(full);
	}

	/**
	 * ItemStream's contract: update() saves the state to restart from, and may be called at any
	 * time after open() (the legacy TaskletStep calls it right after open, before the first chunk,
	 * and persists it). A reader restarted mid-file must not forget the records it still has to skip.
	 */
	@Test
	void aContextSavedRightAfterARestartedOpenKeepsThePosition() throws IOException {
		int n = IntStream.range(0, full.size())
			.filter(i -> full.get(i).record() instanceof BallotBox b && b.box().equals("K10"))
			.findFirst()
			.orElseThrow();
		ExecutionContext context = copy(snapshots.get(n));
		SourceFolderReader restarted = IngestFixtures.reader(input, IngestFixtures.context(), KINDS);
		restarted.open(context);
		restarted.update(context);
		restarted.close();
		assertThat(context.getInt("ingestStep.file.index")).isEqualTo(snapshots.get(n).getInt("ingestStep.file.index"));
		assertThat(context.getLong("ingestStep.file.emitted"))
			.isEqualTo(snapshots.get(n).getLong("ingestStep.file.emitted"));
		List<StagedItem> rest = IngestFixtures.readToEnd(IngestFixtures.reader(input, IngestFixtures.context(), KINDS),
				copy(context));
		assertThat(rest).isEqualTo(full.subList(n, full.size()));
	}

	@Test
	void absentFoldersAreAbsentSources() throws IOException {
		assertThat(IngestFixtures.readAll(input, IngestFixtures.context(), List.of(SourceKind.NOTIONAL))).isEmpty();
		Path empty = Files.createDirectories(input.resolve("nothing-here"));
		assertThat(IngestFixtures.readAll(empty, IngestFixtures.context(), KINDS)).isEmpty();
	}

	private static ExecutionContext copy(ExecutionContext context) {
		return new ExecutionContext(context);
	}
}
