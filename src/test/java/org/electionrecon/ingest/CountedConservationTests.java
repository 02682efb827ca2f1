package org.electionrecon.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.electionrecon.ingest.IngestFixtures.STAFFORD;
import static org.electionrecon.ingest.IngestFixtures.book;
import static org.electionrecon.ingest.IngestFixtures.count;
import static org.electionrecon.ingest.IngestFixtures.only;
import static org.electionrecon.ingest.IngestFixtures.statementTop;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.electionrecon.ingest.IngestFixtures.Book;
import org.electionrecon.ingest.table.SheetInfo;
import org.electionrecon.ingest.table.SheetRow;
import org.electionrecon.ingest.table.TabularFile;
import org.electionrecon.ingest.table.TabularFiles;
import org.electionrecon.model.BallotBox;
import org.electionrecon.model.Constituency;
import org.electionrecon.model.RejectedRow;
import org.electionrecon.model.SourceFile;
import org.electionrecon.model.Staged;
import org.electionrecon.model.StatedFigure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows read are counted as the parser meets them, apart from the accepted, rejected and out of
 * scope counts: conservation (read = accepted + rejected + out of scope) is an equation between
 * independent counts, on the sample, its damaged copy and statements whose row numbers are out of
 * order, and it fails for a parser that counts a row twice.
 */
class CountedConservationTests {

	static final String FILE = "verification/stafford.xlsx";

	static final String SHEET_XML = "xl/worksheets/sheet1.xml";

	@TempDir
	Path input;

	@Test
	void theSampleAndItsDamagedCopyConserveEveryRowWithRowsReadCountedAsMet() throws IOException {
		Path shared = SampleFolders.shared();
		ParseContext context = IngestFixtures.context(IngestFixtures.readRegister(shared.resolve("sample")));
		Map<String, SourceFile> sample = provenance(conservedRecords(shared.resolve("sample"), context));
		Map<String, SourceFile> damaged = provenance(conservedRecords(shared.resolve("damaged"), context));

		// the sample's verification rows: every box and one Total row per constituency
		assertThat(sample.values().stream().filter(f -> f.kind().equals("verification")).mapToLong(SourceFile::rowsRead)
			.sum()).isEqualTo(SampleFolders.sharedSummary().boxes() + 14);
		// damaged values change what becomes of a row, never whether it is read
		for (SourceFile file : damaged.values()) {
			if (sample.containsKey(file.file()) && !SampleFolders.UNREADABLE.contains(file.file())) {
				assertThat(file.rowsRead()).as(file.file()).isEqualTo(sample.get(file.file()).rowsRead());
			}
		}
		assertThat(damaged.get("verification/tamworth.xlsx").rowsRead()).isZero();
		assertThat(damaged.get("verification/stafford.xlsx"))
			.extracting(SourceFile::rowsRead, SourceFile::rowsRejected)
			.containsExactly(sample.get("verification/stafford.xlsx").rowsRead(), 2L);
	}

	/**
	 * Reads a folder and checks each file's equation, and that the rows it rejected and accepted are
	 * the records staged: a rejected row listed for each, and a box or a Total row figure for each
	 * accepted verification row.
	 */
	private static List<Staged> conservedRecords(Path folder, ParseContext context) throws IOException {
		List<Staged> records = IngestFixtures.records(IngestFixtures.readAll(folder, context, SampleFolders.KINDS));
		Map<String, Long> rejectedListed = only(records, RejectedRow.class).stream()
			.collect(Collectors.groupingBy(RejectedRow::file, Collectors.counting()));
		Map<String, Long> boxesStaged = only(records, BallotBox.class).stream()
			.collect(Collectors.groupingBy(b -> fileOf(b.verifiedSource()), Collectors.counting()));
		Map<String, Long> totalRowsStaged = only(records, StatedFigure.class).stream()
			.filter(f -> f.kind() == StatedFigure.Kind.VERIFIED_TOTAL_ROW)
			.collect(Collectors.groupingBy(f -> fileOf(f.source()), Collectors.counting()));
		for (SourceFile file : only(records, SourceFile.class)) {
			String name = folder.getFileName() + " " + file.file();
			assertThat(file.rowsRead()).as(name)
				.isEqualTo(file.rowsAccepted() + file.rowsRejected() + file.rowsOutOfScope());
			assertThat(rejectedListed.getOrDefault(file.file(), 0L)).as(name).isEqualTo(file.rowsRejected());
			if (file.kind().equals("verification")) {
				assertThat(file.rowsAccepted()).as(name).isEqualTo(
						boxesStaged.getOrDefault(file.file(), 0L) + totalRowsStaged.getOrDefault(file.file(), 0L));
			}
		}
		return records;
	}

	private static Map<String, SourceFile> provenance(List<Staged> records) {
		return only(records, SourceFile.class).stream().collect(Collectors.toMap(SourceFile::file, f -> f));
	}

	/** Row 12 renumbered 0: it and the box rows below it are cut off the table, each a rejected row. */
	@Test
	void rowsAfterARowNumberedZeroAreRejectedEachWithItsCell() throws IOException {
		Path file = statementWithFiveBoxes();
		IngestFixtures.rewriteEntry(file, SHEET_XML, xml -> renumberRow(xml, 12, "0"));

		List<Staged> records = IngestFixtures.records(input, IngestFixtures.context(), SourceKind.VERIFICATION);

		String reason = "after the end of the table at row 12 (a row number out of order: 0 after 11): not read";
		assertThat(only(records, BallotBox.class)).extracting(BallotBox::box).containsExactly("ST01", "ST02");
		assertThat(only(records, RejectedRow.class)).containsExactly(
				new RejectedRow(FILE, "Stafford", 0, "A0", "PV01", reason),
				new RejectedRow(FILE, "Stafford", 13, "A13", "PV02", reason),
				new RejectedRow(FILE, "Stafford", 14, "A14", "ST03", reason),
				new RejectedRow(FILE, "Stafford", 15, "A15", "Total", reason));
		assertThat(only(records, SourceFile.class)).singleElement()
			.isEqualTo(new SourceFile(FILE, "verification", IngestFixtures.sha256(file), Files.size(file), 6, 2, 4, 0,
					"sheet 'Stafford': 2 row(s) after the end of the table not read (notes, footer)"));
	}

	/** A row numbered 99,999,999 (beyond any sheet) in the middle of the table, then rows 13 and on. */
	@Test
	void rowsAfterARowNumberedBeyondTheLastRowOfASheetAreRejected() throws IOException {
		Path file = statementWithFiveBoxes();
		IngestFixtures.rewriteEntry(file, SHEET_XML, xml -> renumberRow(xml, 12, "99999999"));

		List<Staged> records = IngestFixtures.records(input, IngestFixtures.context(), SourceKind.VERIFICATION);

		String reason = "after the end of the table at row 12 (a row number out of order: 99,999,999 after 11): not read";
		assertThat(only(records, RejectedRow.class)).extracting(RejectedRow::row, RejectedRow::cell, RejectedRow::reason)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(99_999_999, "A99999999", reason),
					org.assertj.core.groups.Tuple.tuple(13, "A13", reason),
					org.assertj.core.groups.Tuple.tuple(14, "A14", reason),
					org.assertj.core.groups.Tuple.tuple(15, "A15", reason));
		assertThat(only(records, SourceFile.class)).singleElement()
			.extracting(SourceFile::rowsRead, SourceFile::rowsAccepted, SourceFile::rowsRejected, SourceFile::rowsOutOfScope)
			.containsExactly(6L, 2L, 4L, 0L);
	}

	/** Row 14 numbered 11 (a number already used): the rows from there on are cut off. */
	@Test
	void rowsFromARowNumberedLowerThanTheRowAboveAreRejected() throws IOException {
		Path file = statementWithFiveBoxes();
		IngestFixtures.rewriteEntry(file, SHEET_XML, xml -> renumberRow(xml, 14, "11"));

		List<Staged> records = IngestFixtures.records(input, IngestFixtures.context(), SourceKind.VERIFICATION);

		String reason = "after the end of the table at row 14 (a row number out of order: 11 after 13): not read";
		assertThat(only(records, BallotBox.class)).extracting(BallotBox::box).containsExactly("ST01", "ST02", "PV01", "PV02");
		assertThat(only(records, RejectedRow.class)).containsExactly(
				new RejectedRow(FILE, "Stafford", 11, "A11", "ST03", reason),
				new RejectedRow(FILE, "Stafford", 15, "A15", "Total", reason));
		assertThat(only(records, SourceFile.class)).singleElement()
			.extracting(SourceFile::rowsRead, SourceFile::rowsAccepted, SourceFile::rowsRejected)
			.containsExactly(6L, 4L, 2L);
	}

	/** A stated value above the table that cannot be read is the rejected row that holds it. */
	@Test
	void aStatedElectorateThatCannotBeReadIsARowReadAndRejected() throws IOException {
		Path file;
		try (Book book = book()) {
			book.sheet("Stafford");
			statementTop(book, "Stafford Borough Council", "Stafford", 7_604, 1_400, 0.1841)
				.row(5, "Electorate", "about seven thousand")
				.row(10, "ST01", "Baswich Community Centre", "PS", count(800), count(800))
				.row(11, "ST02", "Castlechurch Church Hall", "PS", count(600), count(600));
			file = book.write(input.resolve(FILE));
		}

		List<Staged> records = IngestFixtures.records(input, IngestFixtures.context(), SourceKind.VERIFICATION);

		assertThat(only(records, RejectedRow.class)).containsExactly(new RejectedRow(FILE, "Stafford", 5, "B5",
				"about seven thousand", "electorate is not a number"));
		assertThat(only(records, SourceFile.class)).singleElement()
			.isEqualTo(new SourceFile(FILE, "verification", IngestFixtures.sha256(file), Files.size(file), 3, 2, 1, 0, ""));
	}

	/**
	 * The equation can fail: a parser that both accepts and rejects each row (a double count) reads
	 * 3 rows but accounts for 6, which the sum of the outcomes alone could never show.
	 */
	@Test
	void aParserThatCountsARowTwiceBreaksTheEquation() throws IOException {
		Path csv = Files.writeString(input.resolve("register.csv"), """
				Code,Name,Area
				E14001513,Stafford,Staffordshire and Cheshire
				E14001521,Stoke-on-Trent North,Staffordshire and Cheshire
				E14001185,Crewe and Nantwich,Staffordshire and Cheshire
				""", StandardCharsets.UTF_8);
		try (TabularFile file = TabularFiles.open(csv)) {
			SourceParser doubleCounting = new SourceParser("register/register.csv", file, IngestFixtures.context()) {
				@Override
				protected String describe() {
					return "register";
				}

				@Override
				protected int findHeader(SheetInfo sheet, List<SheetRow> rows) {
					return 0;
				}

				@Override
				protected boolean row(SheetInfo sheet, SheetRow row, List<Staged> out) {
					accept();
					reject(ref(sheet, row.number(), 0), row.text(0), "counted twice", out);
					return true;
				}

				@Override
				protected boolean isTableShaped(SheetRow row) {
					return true;
				}
			};
			List<Staged> out = new ArrayList<>();
			while (doubleCounting.advance(out)) {
				// read to the end
			}
			assertThat(doubleCounting.rowsRead()).isEqualTo(3);
			assertThat(doubleCounting.rowsAccepted() + doubleCounting.rowsRejected() + doubleCounting.rowsOutOfScope())
				.isEqualTo(6);
		}
	}

	/** The sample's layout: boxes on rows 10-14, the Total row on 15, a blank row, then two footer lines. */
	private Path statementWithFiveBoxes() throws IOException {
		try (Book book = book()) {
			book.sheet("Stafford");
			statementTop(book, "Stafford Borough Council", "Stafford", 7_604, 4_970, 0.6536)
				.row(10, "ST01", "Baswich Community Centre", "PS", count(812), count(812))
				.row(11, "ST02", "Castlechurch Church Hall", "PS", count(640), count(640))
				.row(12, "PV01", "Postal votes opening 1", "Postal", count(1_500), count(1_500))
				.row(13, "PV02", "Postal batch 2", "Postal", count(1_208), count(1_208))
				.row(14, "ST03", "Wildwood Library", "PS", count(810), count(810))
				.row(15, "Total", null, null, count(4_970), count(4_970))
				.row(17, "Source: Stafford Borough Council, 5 July 2024")
				.row(18, "Signed: Acting Returning Officer");
			return book.write(input.resolve(FILE));
		}
	}

	/** The sheet XML with the row numbered {@code row} numbered {@code number} instead (its cells keep their references). */
	private static byte[] renumberRow(byte[] xml, int row, String number) {
		String text = new String(xml, StandardCharsets.UTF_8);
		String from = "<row r=\"" + row + "\"";
		assertThat(text).contains(from);
		return text.replace(from, "<row r=\"" + number + "\"").getBytes(StandardCharsets.UTF_8);
	}

	/** The file of a staged source reference: {@code 'verification/[stafford.xlsx]Stafford'!E10}. */
	private static String fileOf(String source) {
		return source.substring(1, source.indexOf(']')).replace("[", "");
	}
}
