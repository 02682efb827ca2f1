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
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The ingest step's partitions, one per file in the contract's order, each read by its reader as
 * Spring Batch drives it: listing, ignored and unreadable files, sequence numbers from the file's
 * place, and restarts from the partition's execution context (no record staged twice, none lost).
 */
class SourceFileReaderTests {

	static final List<SourceKind> KINDS = List.of(SourceKind.VERIFICATION, SourceKind.DECLARATIONS,
			SourceKind.NOTIONAL);

	@TempDir
	static Path input;

	/** The partitions of {@link #input}, in order. */
	static List<ExecutionContext> partitions;

	/** An uninterrupted read of every partition, one after another. */
	static List<StagedItem> full;

	/** Per partition, the execution context saved after each number of records read, 0 to all. */
	static List<List<ExecutionContext>> snapshots;

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

		partitions = IngestFixtures.partitions(input, KINDS);
		full = IngestFixtures.readAll(input, IngestFixtures.context(), KINDS);

		snapshots = new ArrayList<>();
		List<StagedItem> again = new ArrayList<>();
		for (ExecutionContext partition : partitions) {
			SourceFileReader reader = IngestFixtures.reader(partition, IngestFixtures.context());
			ExecutionContext context = new ExecutionContext(partition);
			reader.open(context);
			List<ExecutionContext> saved = new ArrayList<>();
			while (true) {
				reader.update(context);
				saved.add(copy(context));
				StagedItem item = reader.read();
				if (item == null) {
					break;
				}
				again.add(item);
			}
			reader.close();
			snapshots.add(saved);
		}
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
	void eachPartitionIsOneFileInTheContractsOrder() {
		assertThat(partitions).extracting(p -> p.getString(SourceFilePartitioner.NAME)).containsExactly(
				"verification/.hidden.csv", "verification/a-council.xlsx", "verification/b.csv", "verification/c.pdf",
				"verification/d-broken.xlsx", "verification/link.csv", "verification/sub",
				"verification/~$a-council.xlsx", "declarations/empty.csv");
		assertThat(partitions).extracting(p -> p.getInt(SourceFilePartitioner.INDEX))
			.containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8);
		assertThat(partitions).extracting(SourceFilePartitioner::firstSeq)
			.containsExactly(1_000_000_000L, 2_000_000_000L, 3_000_000_000L, 4_000_000_000L, 5_000_000_000L,
					6_000_000_000L, 7_000_000_000L, 8_000_000_000L, 9_000_000_000L);
		assertThat(partitions.get(2).getString(SourceFilePartitioner.KIND)).isEqualTo("VERIFICATION");
		assertThat(partitions.get(2).getString(SourceFilePartitioner.PATH))
			.isEqualTo(input.toAbsolutePath().normalize().resolve("verification/b.csv").toString());
		assertThat(partitions.get(5).getString(SourceFilePartitioner.IGNORED)).isEqualTo("a link: not followed");
		assertThat(partitions.get(2).containsKey(SourceFilePartitioner.IGNORED)).isFalse();
		assertThat(partitions.get(8).getLong(SourceFilePartitioner.BYTES)).isZero();
	}

	@Test
	void aPartitionsContextHoldsTheRecordsHandedOutFromItsFile() {
		// the workbook a-council.xlsx: its ten records, counted one by one
		List<ExecutionContext> workbook = snapshots.get(1);
		assertThat(full).filteredOn(item -> item.seq() / 1_000_000_000L == 2).hasSize(10);
		assertThat(workbook).extracting(c -> c.getLong(SourceFileReader.RECORDS_READ))
			.containsExactly(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);
		assertThat(snapshots.get(0)).extracting(c -> c.getLong(SourceFileReader.RECORDS_READ)).containsExactly(0L, 1L);
		// the context keeps the file it reads: a restart needs nothing else
		assertThat(workbook.get(3).getString(SourceFilePartitioner.NAME)).isEqualTo("verification/a-council.xlsx");
	}

	static Stream<org.junit.jupiter.params.provider.Arguments> restartPoints() {
		return IntStream.range(0, snapshots.size())
			.boxed()
			.flatMap(p -> IntStream.range(0, snapshots.get(p).size())
				.mapToObj(n -> org.junit.jupiter.params.provider.Arguments.of(p, n)));
	}

	@ParameterizedTest(name = "partition {0} restarted after {1} records")
	@MethodSource("restartPoints")
	void aRestartFromTheSavedContextGivesExactlyTheRemainingRecords(int partition, int n) throws IOException {
		List<StagedItem> whole = partitionRecords(partition);
		SourceFileReader restarted = IngestFixtures.reader(partitions.get(partition), IngestFixtures.context());
		List<StagedItem> rest = IngestFixtures.readToEnd(restarted, copy(snapshots.get(partition).get(n)));
		assertThat(rest).isEqualTo(whole.subList(n, whole.size()));
	}

	/** Partitions read in any order, or side by side, give the same records with the same numbers. */
	@Test
	void partitionsReadInAnyOrderGiveTheSameNumberedRecords() throws Exception {
		List<StagedItem> reversed = new ArrayList<>();
		for (int p = partitions.size() - 1; p >= 0; p--) {
			reversed.addAll(partitionRecords(p));
		}
		assertThat(reversed.stream().sorted(java.util.Comparator.comparingLong(StagedItem::seq)).toList())
			.isEqualTo(full);
		java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(3);
		try {
			List<java.util.concurrent.Future<List<StagedItem>>> reads = new ArrayList<>();
			for (int p = 0; p < partitions.size(); p++) {
				int partition = p;
				reads.add(pool.submit(() -> partitionRecords(partition)));
			}
			List<StagedItem> concurrent = new ArrayList<>();
			for (var read : reads) {
				concurrent.addAll(read.get());
			}
			assertThat(concurrent).isEqualTo(full);
		}
		finally {
			pool.shutdownNow();
		}
	}

	@Test
	void aRestartedReadCanItselfBeRestarted() throws IOException {
		int workbook = 4; // d-broken.xlsx: 34 boxes, then the failure
		List<StagedItem> whole = partitionRecords(workbook);
		int first = 12;
		int second = 30;
		SourceFileReader b = IngestFixtures.reader(partitions.get(workbook), IngestFixtures.context());
		ExecutionContext context = copy(snapshots.get(workbook).get(first));
		b.open(context);
		List<StagedItem> read = new ArrayList<>(whole.subList(0, first));
		for (int i = first; i < second; i++) {
			read.add(b.read());
		}
		b.update(context);
		b.close();
		assertThat(context.getLong(SourceFileReader.RECORDS_READ)).isEqualTo(second);
		SourceFileReader c = IngestFixtures.reader(partitions.get(workbook), IngestFixtures.context());
		read.addAll(IngestFixtures.readToEnd(c, copy(context)));
		assertThat(read).isEqualTo(whole);
	}

	/**
	 * ItemStream's contract: update() saves the state to restart from, and may be called at any
	 * time after open(), before the first read. A reader restarted mid-file must not forget the
	 * records it still has to skip.
	 */
	@Test
	void aContextSavedRightAfterARestartedOpenKeepsThePosition() throws IOException {
		int workbook = 4;
		List<StagedItem> whole = partitionRecords(workbook);
		int n = IntStream.range(0, whole.size())
			.filter(i -> whole.get(i).record() instanceof BallotBox b && b.box().equals("K10"))
			.findFirst()
			.orElseThrow();
		ExecutionContext context = copy(snapshots.get(workbook).get(n));
		SourceFileReader restarted = IngestFixtures.reader(partitions.get(workbook), IngestFixtures.context());
		restarted.open(context);
		restarted.update(context);
		restarted.close();
		assertThat(context.getLong(SourceFileReader.RECORDS_READ)).isEqualTo(n);
		List<StagedItem> rest = IngestFixtures.readToEnd(
				IngestFixtures.reader(partitions.get(workbook), IngestFixtures.context()), copy(context));
		assertThat(rest).isEqualTo(whole.subList(n, whole.size()));
	}

	@Test
	void absentFoldersAreAbsentSources() throws IOException {
		assertThat(IngestFixtures.readAll(input, IngestFixtures.context(), List.of(SourceKind.NOTIONAL))).isEmpty();
		Path empty = Files.createDirectories(input.resolve("nothing-here"));
		assertThat(IngestFixtures.readAll(empty, IngestFixtures.context(), KINDS)).isEmpty();
	}

	/** One partition's records, read to its end from its first record. */
	private static List<StagedItem> partitionRecords(int partition) throws IOException {
		return IngestFixtures.readToEnd(IngestFixtures.reader(partitions.get(partition), IngestFixtures.context()),
				copy(partitions.get(partition)));
	}

	private static ExecutionContext copy(ExecutionContext context) {
		return new ExecutionContext(context);
	}
}
