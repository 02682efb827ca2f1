package org.electionrecon.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.electionrecon.ingest.IngestFixtures.CREWE;
import static org.electionrecon.ingest.IngestFixtures.KINGSWINFORD;
import static org.electionrecon.ingest.IngestFixtures.STAFFORD;
import static org.electionrecon.ingest.IngestFixtures.STOKE_NORTH;
import static org.electionrecon.ingest.IngestFixtures.YNYS_MON;
import static org.electionrecon.ingest.IngestFixtures.book;
import static org.electionrecon.ingest.IngestFixtures.count;
import static org.electionrecon.ingest.IngestFixtures.only;
import static org.electionrecon.ingest.IngestFixtures.statementTop;
import static org.electionrecon.model.BoxType.POLLING_STATION;
import static org.electionrecon.model.BoxType.POSTAL;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;

import org.electionrecon.ingest.IngestFixtures.Book;
import org.electionrecon.ingest.IngestFixtures.Formula;
import org.electionrecon.model.BallotBox;
import org.electionrecon.model.CheckCode;
import org.electionrecon.model.Finding;
import org.electionrecon.model.RejectedFigure;
import org.electionrecon.model.RejectedRow;
import org.electionrecon.model.Severity;
import org.electionrecon.model.SourceFile;
import org.electionrecon.model.Staged;
import org.electionrecon.model.StatedFigure;
import org.electionrecon.model.StatedFigure.Kind;
import org.electionrecon.model.VerificationSheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Verification statements read through {@link SourceFileReader} as the ingest step reads them:
 * every record, source cell, rejected row and provenance count is asserted exactly.
 */
class VerificationParserTests {

	static final String FILE = "verification/stafford.xlsx";

	@TempDir
	Path input;

	// ------------------------------------------------------------------ the sample's layout

	@Test
	void theSampleLayoutGivesBoxesStatedFiguresAndProvenance() throws IOException {
		Path file;
		try (Book book = book()) {
			book.sheet("Stafford");
			statementTop(book, "Stafford Borough Council", "Stafford", 7_604, 4_972, 0.6539)
				.row(10, "ST01", "Baswich Community Centre", "Polling station", count(812), count(812))
				.row(11, "ST02", "Castlechurch Church Hall", "PS", count(640), count(641))
				.row(12, "PV01", "Postal votes opening 1", "Postal", count(1_500), count(1_500))
				.row(13, "PV02", "Postal batch 2", null, "1,210", " 1210 ")
				.row(14, "ST03", "Wildwood Library", null, new Formula("800+10", 810.0, "#,##0"), 809)
				.row(15, "Total", null, null, new Formula("SUM(D10:D14)", 4_972.0, "#,##0"),
						new Formula("SUM(E10:E14)", 4_972.0, "#,##0"))
				.row(17, "Source: Stafford Borough Council, 5 July 2024")
				.row(18, "Signed: Acting Returning Officer");
			file = book.write(input.resolve(FILE));
		}

		List<StagedItem> items = IngestFixtures.readAll(input, IngestFixtures.context(), List.of(SourceKind.VERIFICATION));

		assertThat(IngestFixtures.records(items)).containsExactly(
				new VerificationSheet(STAFFORD, "'verification/[stafford.xlsx]Stafford'"),
				new StatedFigure(STAFFORD, Kind.ELECTORATE, BigDecimal.valueOf(7_604), 0, "'verification/[stafford.xlsx]Stafford'!B5"),
				new StatedFigure(STAFFORD, Kind.VERIFIED_TOTAL, BigDecimal.valueOf(4_972), 0, "'verification/[stafford.xlsx]Stafford'!B6"),
				new StatedFigure(STAFFORD, Kind.TURNOUT, new BigDecimal("65.39"), 2, "'verification/[stafford.xlsx]Stafford'!B7"),
				box(STAFFORD, "ST01", "Baswich Community Centre", POLLING_STATION, 812, 812, "Stafford", 10),
				box(STAFFORD, "ST02", "Castlechurch Church Hall", POLLING_STATION, 640, 641, "Stafford", 11),
				box(STAFFORD, "PV01", "Postal votes opening 1", POSTAL, 1_500, 1_500, "Stafford", 12),
				// no type: "postal" in the station text makes it a postal box
				box(STAFFORD, "PV02", "Postal batch 2", POSTAL, 1_210, 1_210, "Stafford", 13),
				// the issued cell is a formula: its cached value, never the formula
				box(STAFFORD, "ST03", "Wildwood Library", POLLING_STATION, 810, 809, "Stafford", 14),
				new StatedFigure(STAFFORD, Kind.VERIFIED_TOTAL_ROW, BigDecimal.valueOf(4_972), 0,
						"'verification/[stafford.xlsx]Stafford'!E15"),
				new SourceFile(FILE, "verification", IngestFixtures.sha256(file), Files.size(file), 6, 6, 0, 0,
						"sheet 'Stafford': 2 row(s) after the end of the table not read (notes, footer)"));
		// one file, read first: its records are numbered from 1,000,000,000 in order
		assertThat(items).extracting(StagedItem::seq)
			.containsExactlyElementsOf(LongStream.range(1_000_000_000L, 1_000_000_011L).boxed().toList());
	}

	@Test
	void theSampleLayoutAsALegacyXlsWorkbookReadsTheSame() throws IOException {
		String name = "verification/stafford.xls";
		Path file;
		try (Book book = IngestFixtures.xlsBook()) {
			book.sheet("Cover").row(1, "Stafford Borough Council").hidden();
			book.sheet("Stafford");
			statementTop(book, "Stafford Borough Council", "Stafford", 7_604, 2_261, 0.2973)
				.row(10, "ST01", "Baswich Community Centre", "PS", count(812), count(812))
				.row(11, "PV01", "Postal votes opening 1", null, "1,500", new Formula("1000+449", 1_449.0, "#,##0"))
				.row(12, "Total", null, null, new Formula("SUM(D10:D11)", 2_312.0, "#,##0"),
						new Formula("SUM(E10:E11)", 2_261.0, "#,##0"));
			file = book.write(input.resolve(name));
		}

		List<Staged> records = IngestFixtures.records(input, IngestFixtures.context(), SourceKind.VERIFICATION);

		String sheet = "'verification/[stafford.xls]Stafford'";
		assertThat(records).containsExactly(
				new VerificationSheet(STAFFORD, sheet),
				new StatedFigure(STAFFORD, Kind.ELECTORATE, BigDecimal.valueOf(7_604), 0, sheet + "!B5"),
				new StatedFigure(STAFFORD, Kind.VERIFIED_TOTAL, BigDecimal.valueOf(2_261), 0, sheet + "!B6"),
				new StatedFigure(STAFFORD, Kind.TURNOUT, new BigDecimal("29.73"), 2, sheet + "!B7"),
				new BallotBox(STAFFORD, "ST01", "Baswich Community Centre", POLLING_STATION, 812, 812, sheet + "!D10",
						sheet + "!E10"),
				new BallotBox(STAFFORD, "PV01", "Postal votes opening 1", POSTAL, 1_500, 1_449, sheet + "!D11",
						sheet + "!E11"),
				new StatedFigure(STAFFORD, Kind.VERIFIED_TOTAL_ROW, BigDecimal.valueOf(2_261), 0, sheet + "!E12"),
				new SourceFile(name, "verification", IngestFixtures.sha256(file), Files.size(file), 3, 3, 0, 0,
						"hidden sheet 'Cover' ignored"));
	}

	// ------------------------------------------------------------------ damage

	@Test
	void aDamagedSheetRejectsExactlyTheDamagedRowsAndKeepsTheOthers() throws IOException {
		Path file;
		try (Book book = book()) {
			book.sheet("Stafford");
			statementTop(book, "Stafford Borough Council", "Stafford", 7_604, 1_712, 0.2251)
				.row(5, "Electorate", "n/a")
				.row(7, "Turnout", "high")
				.row(10, "ST01", "Baswich Community Centre", "Polling station", count(812), count(812))
				.row(11, "ST02", "Castlechurch Church Hall", "PS", count(640), null)
				.row(12, "ST03", "Wildwood Library", "PS", "abc", count(500))
				.row(13, "ST04", "Doxey Scout Hut", "PS", count(300), count(-5))
				.row(14, "ST05", "Mobile unit", "Mobile", count(100), count(100))
				.row(15, "ST06", "Highfields Hall", "PS", "12.5", count(12))
				.row(16, "ST07", "Rowley Park", "PS", null, count(77))
				.row(17, "PV01", "Postal votes opening 1", "Postal", count(900), count(900))
				.row(18, "Total", null, null, count(1_712), count(1_712));
			file = book.write(input.resolve(FILE));
		}

		List<Staged> records = IngestFixtures.records(input, IngestFixtures.context(), SourceKind.VERIFICATION);

		assertThat(only(records, RejectedRow.class)).containsExactly(
				new RejectedRow(FILE, "Stafford", 5, "B5", "n/a", "electorate is not a number"),
				new RejectedRow(FILE, "Stafford", 7, "B7", "high", "stated turnout is not a percentage"),
				new RejectedRow(FILE, "Stafford", 11, "E11", "", "ballot papers verified is blank (a blank is not zero)"),
				new RejectedRow(FILE, "Stafford", 12, "D12", "abc", "ballot papers issued is not a number"),
				new RejectedRow(FILE, "Stafford", 13, "E13", "-5", "a count of ballot papers cannot be negative"),
				new RejectedRow(FILE, "Stafford", 14, "C14", "Mobile", "box type is neither polling station nor postal"),
				new RejectedRow(FILE, "Stafford", 15, "D15", "12.5", "ballot papers issued is not a whole number"),
				new RejectedRow(FILE, "Stafford", 16, "D16", "", "ballot papers issued is blank (a blank is not zero)"));
		assertThat(only(records, BallotBox.class)).containsExactly(
				box(STAFFORD, "ST01", "Baswich Community Centre", POLLING_STATION, 812, 812, "Stafford", 10),
				box(STAFFORD, "PV01", "Postal votes opening 1", POSTAL, 900, 900, "Stafford", 17));
		assertThat(only(records, StatedFigure.class)).containsExactly(
				new StatedFigure(STAFFORD, Kind.VERIFIED_TOTAL, BigDecimal.valueOf(1_712), 0, "'verification/[stafford.xlsx]Stafford'!B6"),
				new StatedFigure(STAFFORD, Kind.VERIFIED_TOTAL_ROW, BigDecimal.valueOf(1_712), 0,
						"'verification/[stafford.xlsx]Stafford'!E18"));
		assertThat(only(records, Finding.class)).isEmpty();
		assertThat(only(records, SourceFile.class)).containsExactly(
				new SourceFile(FILE, "verification", IngestFixtures.sha256(file), Files.size(file), 11, 3, 8, 0, ""));
	}

	@Test
	void aSheetNamedAfterAnUnknownConstituencyRejectsEveryRow() throws IOException {
		String name = "verification/atlantis.xlsx";
		Path file;
		try (Book book = book()) {
			book.sheet("Atlantis")
				.row(1, "Atlantis District Council")
				.row(3, "Box no", "Polling station", "Type", "Ballot papers issued", "Ballot papers verified")
				.row(4, "A01", "Harbour Hall", "PS", count(700), count(700))
				.row(5, "A02", "Postal votes", "Postal", count(612), count(612))
				.row(6, "A03", "Lighthouse", "PS", count(10), null)
				.row(7, "Total", null, null, count(1_322), count(1_312));
			book.sheet("Sheet2")
				.row(1, "Constituency", "Atlantis North")
				.row(2, "Box", "Issued", "Verified")
				.row(3, "N01", 5, 5);
			file = book.write(input.resolve(name));
		}

		List<Staged> records = IngestFixtures.records(input, IngestFixtures.context(), SourceKind.VERIFICATION);

		String reason = "unknown constituency: name 'Atlantis' matches no register constituency";
		assertThat(records).containsExactly(
				Finding.open(Severity.ERROR, CheckCode.UNKNOWN_CONSTITUENCY, null, null, null, null, null, null,
						"Verification statement for sheet name 'Atlantis': name 'Atlantis' matches no register"
								+ " constituency",
						"'verification/[atlantis.xlsx]Atlantis'"),
				new RejectedRow(name, "Atlantis", 4, "E4", "", reason),
				new RejectedRow(name, "Atlantis", 5, "E5", "", reason),
				new RejectedRow(name, "Atlantis", 6, "E6", "", reason),
				new RejectedRow(name, "Atlantis", 7, "E7", "1,312", reason),
				// a constituency key names the sheet's constituency: the finding points at its value cell
				Finding.open(Severity.ERROR, CheckCode.UNKNOWN_CONSTITUENCY, null, null, null, null, null, null,
						"Verification statement for 'Atlantis North' at 'verification/[atlantis.xlsx]Sheet2'!B1: name 'Atlantis North'"
								+ " matches no register constituency",
						"'verification/[atlantis.xlsx]Sheet2'!B1"),
				new RejectedRow(name, "Sheet2", 3, "C3", "",
						"unknown constituency: name 'Atlantis North' matches no register constituency"),
				new SourceFile(name, "verification", IngestFixtures.sha256(file), Files.size(file), 5, 0, 5, 0, ""));
	}

	// ------------------------------------------------------------------ where the table ends

	@Test
	void aTotalRowWithinThreeRowsAfterTheBlankRowThatEndedTheTableStillCounts() throws IOException {
		Path file;
		try (Book book = book()) {
			book.sheet("Stafford");
			statementTop(book, "Stafford Borough Council", "Stafford", 7_604, 1_900, 0.2499)
				.row(10, "ST01", "Baswich Community Centre", "PS", count(800), count(800))
				.row(11, "ST02", "Castlechurch Church Hall", "PS", count(600), count(600))
				.row(12, "PV01", "Postal votes", "Postal", count(500), count(500))
				// row 13 blank: the table ends; row 14 a note; row 15, two rows after the blank, the Total
				.row(14, "Checked by the Deputy Returning Officer")
				.row(15, "Total", null, null, count(1_900), count(1_900))
				.row(17, "Source: Stafford Borough Council");
			book.sheet("Stoke-on-Trent North");
			statementTop(book, "Stoke-on-Trent City Council", "Stoke-on-Trent North", 10_000, 1_000, 0.1)
				.row(10, "N01", "Burslem Town Hall", "PS", count(1_000), count(1_000))
				// rows 11-14 blank: the blank row 11 ended the table; a Total row on row 15 is one row too far
				.row(15, "Total", null, null, count(1_000), count(1_000));
			file = book.write(input.resolve(FILE));
		}

		List<Staged> records = IngestFixtures.records(input, IngestFixtures.context(), SourceKind.VERIFICATION);

		assertThat(only(records, StatedFigure.class)).filteredOn(f -> f.kind() == Kind.VERIFIED_TOTAL_ROW)
			.containsExactly(new StatedFigure(STAFFORD, Kind.VERIFIED_TOTAL_ROW, BigDecimal.valueOf(1_900), 0,
					"'verification/[stafford.xlsx]Stafford'!E15"));
		assertThat(only(records, BallotBox.class)).extracting(BallotBox::box).containsExactly("ST01", "ST02", "PV01", "N01");
		assertThat(only(records, RejectedRow.class)).isEmpty();
		assertThat(only(records, SourceFile.class)).containsExactly(
				new SourceFile(FILE, "verification", IngestFixtures.sha256(file), Files.size(file), 5, 5, 0, 0,
						"sheet 'Stafford': 2 row(s) after the end of the table not read (notes, footer); "
								+ "sheet 'Stoke-on-Trent North': 1 row(s) after the end of the table not read (notes, footer)"));
	}

	@Test
	void footerRowsAfterTheTableAreNotRowsRead() throws IOException {
		Path file;
		try (Book book = book()) {
			book.sheet("Stafford");
			statementTop(book, "Stafford Borough Council", "Stafford", 7_604, 1_400, 0.1841)
				.row(10, "ST01", "Baswich Community Centre", "PS", count(800), count(800))
				.row(11, "ST02", "Castlechurch Church Hall", "PS", count(600), count(600))
				// no blank row: a notes row with issued and verified blank ends the table
				.row(12, "Notes: figures are provisional until the declaration")
				.row(13, "Postal votes received late (not verified)", null, null, count(14))
				.row(14, "Licence: Open Government Licence v3.0");
			file = book.write(input.resolve(FILE));
		}

		List<Staged> records = IngestFixtures.records(input, IngestFixtures.context(), SourceKind.VERIFICATION);

		assertThat(only(records, BallotBox.class)).extracting(BallotBox::box).containsExactly("ST01", "ST02");
		assertThat(only(records, RejectedRow.class)).isEmpty();
		assertThat(only(records, Finding.class)).isEmpty();
		assertThat(only(records, SourceFile.class)).containsExactly(
				new SourceFile(FILE, "verification", IngestFixtures.sha256(file), Files.size(file), 2, 2, 0, 0,
						"sheet 'Stafford': 2 row(s) after the end of the table not read (notes, footer)"));
	}

	/**
	 * After a Total row has ended the table, the rows below are footer: a sub-total row such as
	 * "Total postal" is not a second stated total verified (inputs.md: only a Total row within three
	 * rows after a <em>blank</em> row that ended the table still counts).
	 */
	@Test
	void rowsAfterTheTotalRowAreFooterEvenWhenTheyStartWithTotal() throws IOException {
		Path file;
		try (Book book = book()) {
			book.sheet("Stafford");
			statementTop(book, "Stafford Borough Council", "Stafford", 7_604, 1_300, 0.171)
				.row(10, "ST01", "Baswich Community Centre", "PS", count(800), count(800))
				.row(11, "PV01", "Postal votes", "Postal", count(500), count(500))
				.row(12, "Total", null, null, count(1_300), count(1_300))
				.row(13, "Total postal", null, null, count(500), count(500))
				.row(14, "Total polling stations", null, null, count(800), count(800));
			file = book.write(input.resolve(FILE));
		}

		List<Staged> records = IngestFixtures.records(input, IngestFixtures.context(), SourceKind.VERIFICATION);

		assertThat(only(records, StatedFigure.class)).filteredOn(f -> f.kind() == Kind.VERIFIED_TOTAL_ROW)
			.containsExactly(new StatedFigure(STAFFORD, Kind.VERIFIED_TOTAL_ROW, BigDecimal.valueOf(1_300), 0,
					"'verification/[stafford.xlsx]Stafford'!E12"));
		assertThat(only(records, SourceFile.class)).containsExactly(
				new SourceFile(FILE, "verification", IngestFixtures.sha256(file), Files.size(file), 3, 3, 0, 0,
						"sheet 'Stafford': 2 row(s) after the end of the table not read (notes, footer)"));
	}

	// ------------------------------------------------------------------ other layouts

	@Test
	void oneSheetWithAConstituencyColumn() throws IOException {
		String name = "verification/stoke-on-trent-city-council.xlsx";
		Path file;
		try (Book book = book()) {
			book.sheet("All seats")
				.row(1, "Stoke-on-Trent City Council: verification, 4 July 2024")
				.row(3, "Constituency", "Box no", "Type", "Issued", "Verified")
				.row(4, "Stoke-On-Trent North", "N01", "PS", 500, 500)
				.row(5, "Stoke-on-Trent North", "N02", "Postal", 300, 299)
				.row(6, "Stoke-on-Trent North", "Total", null, 800, 799)
				.row(7, "Crewe & Nantwich", "C01", "PS", 200, 200)
				.row(8, "Atlantis", "A01", "PS", 10, 10)
				.row(9, "Atlantis", "A02", "PS", 11, 11)
				.row(10, null, "B01", "PS", 5, 5)
				.row(11, "Crewe and Nantwich", "Total", null, 200, 200);
			file = book.write(input.resolve(name));
		}

		List<Staged> records = IngestFixtures.records(input, IngestFixtures.context(), SourceKind.VERIFICATION);

		String sheet = "'verification/[stoke-on-trent-city-council.xlsx]All seats'";
		assertThat(records).containsExactly(
				new VerificationSheet(STOKE_NORTH, sheet),
				new BallotBox(STOKE_NORTH, "N01", null, POLLING_STATION, 500, 500, sheet + "!D4", sheet + "!E4"),
				new BallotBox(STOKE_NORTH, "N02", null, POSTAL, 300, 299, sheet + "!D5", sheet + "!E5"),
				new StatedFigure(STOKE_NORTH, Kind.VERIFIED_TOTAL_ROW, BigDecimal.valueOf(799), 0, sheet + "!E6"),
				new VerificationSheet(CREWE, sheet),
				new BallotBox(CREWE, "C01", null, POLLING_STATION, 200, 200, sheet + "!D7", sheet + "!E7"),
				new RejectedRow(name, "All seats", 8, "A8", "Atlantis",
						"unknown constituency: name 'Atlantis' matches no register constituency"),
				Finding.open(Severity.ERROR, CheckCode.UNKNOWN_CONSTITUENCY, null, null, null, null, "Atlantis", null,
						"Verification row names 'Atlantis': name 'Atlantis' matches no register constituency",
						sheet + "!A8"),
				// the same unknown name again: rejected, but reported once
				new RejectedRow(name, "All seats", 9, "A9", "Atlantis",
						"unknown constituency: name 'Atlantis' matches no register constituency"),
				new RejectedRow(name, "All seats", 10, "A10", "", "constituency is blank"),
				new StatedFigure(CREWE, Kind.VERIFIED_TOTAL_ROW, BigDecimal.valueOf(200), 0, sheet + "!E11"),
				new SourceFile(name, "verification", IngestFixtures.sha256(file), Files.size(file), 8, 5, 3, 0, ""));
	}

	@Test
	void aVerificationCsvNamesItsConstituencyOnEveryRow() throws IOException {
		String name = "verification/council.csv";
		Path file = write(name, """
				Constituency,Box,Type,Issued,Verified
				Stafford,1,PS,"1,210",1209
				Stafford,Postal 1,,300,300
				Stafford,Total,,"1,510","1,509"
				Ynys Mon,Y1,PV,10,10
				Ynys Môn,Y2,PV,10,
				""");

		List<Staged> records = IngestFixtures.records(input, IngestFixtures.context(), SourceKind.VERIFICATION);

		assertThat(records).containsExactly(
				new VerificationSheet(STAFFORD, "'verification/[council.csv]council'"),
				new BallotBox(STAFFORD, "1", null, POLLING_STATION, 1_210, 1_209, "'verification/[council.csv]council'!D2", "'verification/[council.csv]council'!E2"),
				new BallotBox(STAFFORD, "Postal 1", null, POSTAL, 300, 300, "'verification/[council.csv]council'!D3", "'verification/[council.csv]council'!E3"),
				new StatedFigure(STAFFORD, Kind.VERIFIED_TOTAL_ROW, BigDecimal.valueOf(1_509), 0, "'verification/[council.csv]council'!E4"),
				new VerificationSheet(YNYS_MON, "'verification/[council.csv]council'"),
				new BallotBox(YNYS_MON, "Y1", null, POSTAL, 10, 10, "'verification/[council.csv]council'!D5", "'verification/[council.csv]council'!E5"),
				new RejectedRow(name, null, 6, "5", "", "ballot papers verified is blank (a blank is not zero)"),
				// what the rejected row would have given, so that the findings computed without it can name it
				new RejectedFigure(YNYS_MON, RejectedFigure.Kind.BOX, "box Y2", "'verification/[council.csv]council'!E6",
						"ballot papers verified is blank (a blank is not zero)"),
				new SourceFile(name, "verification", IngestFixtures.sha256(file), Files.size(file), 5, 4, 1, 0, ""));
	}

	/**
	 * inputs.md: "In a verification CSV, every row names its constituency; a row whose box is Total
	 * is that constituency's stated total verified". With the Box column first, that Total row's
	 * first cell is "Total", and the rows of the next constituency must still be read.
	 */
	@Test
	void aPerConstituencyTotalRowDoesNotEndAOneTableLayout() throws IOException {
		String name = "verification/council.csv";
		Path file = write(name, """
				Box,Constituency,Type,Issued,Verified
				S1,Stafford,PS,500,500
				Total,Stafford,,500,500
				N1,Stoke-on-Trent North,PS,300,299
				Total,Stoke-on-Trent North,,300,299
				""");

		List<Staged> records = IngestFixtures.records(input, IngestFixtures.context(), SourceKind.VERIFICATION);

		assertThat(records).containsExactly(
				new VerificationSheet(STAFFORD, "'verification/[council.csv]council'"),
				new BallotBox(STAFFORD, "S1", null, POLLING_STATION, 500, 500, "'verification/[council.csv]council'!D2", "'verification/[council.csv]council'!E2"),
				new StatedFigure(STAFFORD, Kind.VERIFIED_TOTAL_ROW, BigDecimal.valueOf(500), 0, "'verification/[council.csv]council'!E3"),
				new VerificationSheet(STOKE_NORTH, "'verification/[council.csv]council'"),
				new BallotBox(STOKE_NORTH, "N1", null, POLLING_STATION, 300, 299, "'verification/[council.csv]council'!D4", "'verification/[council.csv]council'!E4"),
				new StatedFigure(STOKE_NORTH, Kind.VERIFIED_TOTAL_ROW, BigDecimal.valueOf(299), 0, "'verification/[council.csv]council'!E5"),
				new SourceFile(name, "verification", IngestFixtures.sha256(file), Files.size(file), 4, 4, 0, 0, ""));
	}

	@Test
	void aSheetNameCutAtThirtyOneCharactersMatchesByUniquePrefix() throws IOException {
		String name = "verification/kingswinford.xlsx";
		Path file;
		try (Book book = book()) {
			book.sheet("Kingswinford and South Stafford")
				.row(1, "South Staffordshire Council")
				.row(2, "Box no", "Ballot papers issued", "Ballot papers verified")
				.row(3, "K01", count(1_000), count(999))
				.row(4, "K02 postal", count(400), count(400));
			file = book.write(input.resolve(name));
		}

		List<Staged> records = IngestFixtures.records(input, IngestFixtures.context(), SourceKind.VERIFICATION);

		String sheet = "'verification/[kingswinford.xlsx]Kingswinford and South Stafford'";
		assertThat(records).containsExactly(
				new VerificationSheet(KINGSWINFORD, sheet),
				new BallotBox(KINGSWINFORD, "K01", null, POLLING_STATION, 1_000, 999, sheet + "!B3", sheet + "!C3"),
				new BallotBox(KINGSWINFORD, "K02 postal", null, POSTAL, 400, 400, sheet + "!B4", sheet + "!C4"),
				new SourceFile(name, "verification", IngestFixtures.sha256(file), Files.size(file), 2, 2, 0, 0,
						"sheet 'Kingswinford and South Stafford': sheet name 'Kingswinford and South Stafford' cut at"
								+ " 31 characters; matched Kingswinford and South Staffordshire"));
	}

	@Test
	void keyValuesAreTheNextNonEmptyCellToTheRightAndConfiguredSynonymsFindColumnsInAnyOrder() throws IOException {
		String name = "verification/stoke.xlsx";
		Path file;
		try (Book book = book()) {
			book.sheet("Sheet1")
				.row(1, "Parliamentary constituency", null, "E14001521")
				.row(2, "Eligible electorate", null, null, count(72_000))
				.row(3, "Verified total", "40,100")
				.row(4, "Percentage turnout", "55.7%")
				.row(6, "Verification count", "Notes", "Papers out", "Box ref", "Polling district")
				.row(7, 100, "recount requested", 101, "N01", "Burslem");
			file = book.write(input.resolve(name));
		}
		ParseContext configured = new ParseContext(new ConstituencyDirectory(IngestFixtures.register()),
				PartyNames.defaults(), java.util.Map.of("verification.issued", List.of("Papers out")));

		List<Staged> records = IngestFixtures.records(input, configured, SourceKind.VERIFICATION);

		String sheet = "'verification/[stoke.xlsx]Sheet1'";
		assertThat(records).containsExactly(
				new VerificationSheet(STOKE_NORTH, sheet),
				new StatedFigure(STOKE_NORTH, Kind.ELECTORATE, BigDecimal.valueOf(72_000), 0, sheet + "!D2"),
				new StatedFigure(STOKE_NORTH, Kind.VERIFIED_TOTAL, BigDecimal.valueOf(40_100), 0, sheet + "!B3"),
				new StatedFigure(STOKE_NORTH, Kind.TURNOUT, new BigDecimal("55.7"), 1, sheet + "!B4"),
				new BallotBox(STOKE_NORTH, "N01", "Burslem", POLLING_STATION, 101, 100, sheet + "!C7", sheet + "!A7"),
				new SourceFile(name, "verification", IngestFixtures.sha256(file), Files.size(file), 1, 1, 0, 0, ""));

		// without the configured synonym there is no issued column, so no table
		List<Staged> unconfigured = IngestFixtures.records(input, IngestFixtures.context(), SourceKind.VERIFICATION);
		assertThat(only(unconfigured, Finding.class)).extracting(Finding::check)
			.containsExactly(CheckCode.SOURCE_UNREADABLE);
		assertThat(only(unconfigured, BallotBox.class)).isEmpty();
	}

	// ------------------------------------------------------------------ sheets and headers

	@Test
	void hiddenAndTableLessSheetsAreListedInTheNotes() throws IOException {
		Path file;
		try (Book book = book()) {
			book.sheet("Cover").row(1, "Stafford Borough Council").row(3, "Verification statements, 4 July 2024");
			book.sheet("Stafford 2019").row(1, "Box no", "Issued", "Verified").row(2, "X", 1, 1).hidden();
			book.sheet("Stafford").row(1, "Box", "Issued", "Verified").row(2, "ST01", 5, 5);
			file = book.write(input.resolve(FILE));
		}

		List<Staged> records = IngestFixtures.records(input, IngestFixtures.context(), SourceKind.VERIFICATION);

		assertThat(records).containsExactly(
				new VerificationSheet(STAFFORD, "'verification/[stafford.xlsx]Stafford'"),
				box(STAFFORD, "ST01", null, POLLING_STATION, 5, 5, "Stafford", 2, "B", "C"),
				new SourceFile(FILE, "verification", IngestFixtures.sha256(file), Files.size(file), 1, 1, 0, 0,
						"sheet 'Cover' skipped: no verification statement table in its first 30 rows; "
								+ "hidden sheet 'Stafford 2019' ignored"));
	}

	@Test
	void aWorkbookWithNoTableIsUnreadable() throws IOException {
		String name = "verification/notes.xlsx";
		Path file;
		try (Book book = book()) {
			book.sheet("Notes").row(1, "Stafford: verification to follow");
			file = book.write(input.resolve(name));
		}

		List<Staged> records = IngestFixtures.records(input, IngestFixtures.context(), SourceKind.VERIFICATION);

		assertThat(records).containsExactly(
				Finding.open(Severity.ERROR, CheckCode.SOURCE_UNREADABLE, null, null, null, null, null, null,
						name + ": no recognisable verification statement table (no sheet has the required columns in"
								+ " its first 30 rows)",
						name),
				new SourceFile(name, "verification", IngestFixtures.sha256(file), Files.size(file), 0, 0, 0, 0,
						"sheet 'Notes' skipped: no verification statement table in its first 30 rows"));
	}

	@Test
	void theHeaderIsFoundWithinTheFirstThirtyRowsOnly() throws IOException {
		try (Book book = book()) {
			book.sheet("Stafford");
			for (int r = 1; r < 30; r++) {
				book.row(r, "Note " + r);
			}
			book.row(30, "Box", "Issued", "Verified").row(31, "ST01", 5, 5);
			book.sheet("Stoke-on-Trent North");
			for (int r = 1; r <= 30; r++) {
				book.row(r, "Note " + r);
			}
			book.row(31, "Box", "Issued", "Verified").row(32, "N01", 5, 5);
			book.write(input.resolve(FILE));
		}

		List<Staged> records = IngestFixtures.records(input, IngestFixtures.context(), SourceKind.VERIFICATION);

		assertThat(only(records, BallotBox.class)).containsExactly(
				box(STAFFORD, "ST01", null, POLLING_STATION, 5, 5, "Stafford", 31, "B", "C"));
		assertThat(only(records, SourceFile.class)).extracting(SourceFile::notes).containsExactly(
				"sheet 'Stoke-on-Trent North' skipped: no verification statement table in its first 30 rows");
	}

	/** inputs.md: the header is "within the first 30 rows of a sheet", blank rows included. */
	@Test
	void blankRowsCountTowardsTheThirtyRowHeaderSearch() throws IOException {
		try (Book book = book()) {
			book.sheet("Stafford").row(1, "Stafford Borough Council").row(40, "Box", "Issued", "Verified")
				.row(41, "ST01", 5, 5);
			book.write(input.resolve(FILE));
		}

		List<Staged> records = IngestFixtures.records(input, IngestFixtures.context(), SourceKind.VERIFICATION);

		assertThat(only(records, BallotBox.class)).isEmpty();
		assertThat(only(records, Finding.class)).extracting(Finding::check).containsExactly(CheckCode.SOURCE_UNREADABLE);
	}

	@Test
	void aSheetThatBreaksPartWayKeepsWhatWasReadAndIsReportedOnce() throws IOException {
		Path file;
		try (Book book = book()) {
			book.sheet("Stafford");
			statementTop(book, "Stafford Borough Council", "Stafford", 7_604, 1_400, 0.1841);
			for (int r = 10; r < 40; r++) {
				book.row(r, String.format("ST%02d", r), "Station " + r, "PS", count(100 + r), r == 11 ? null : count(100 + r));
			}
			book.row(40, "Total", null, null, count(4_000), count(4_000));
			file = book.write(input.resolve(FILE));
		}
		// cut the sheet's XML inside row 38 (below the 30 rows of the header search), as a failed upload would
		IngestFixtures.rewriteEntry(file, "xl/worksheets/sheet1.xml", xml -> {
			String text = new String(xml, StandardCharsets.UTF_8);
			return text.substring(0, text.indexOf("<row r=\"38\"") + 20).getBytes(StandardCharsets.UTF_8);
		});

		List<Staged> records = IngestFixtures.records(input, IngestFixtures.context(), SourceKind.VERIFICATION);

		List<BallotBox> boxes = only(records, BallotBox.class);
		assertThat(boxes).hasSize(27);
		assertThat(boxes.get(0)).isEqualTo(box(STAFFORD, "ST10", "Station 10", POLLING_STATION, 110, 110, "Stafford", 10));
		assertThat(boxes.get(26)).isEqualTo(box(STAFFORD, "ST37", "Station 37", POLLING_STATION, 137, 137, "Stafford", 37));
		assertThat(only(records, RejectedRow.class)).containsExactly(
				new RejectedRow(FILE, "Stafford", 11, "E11", "", "ballot papers verified is blank (a blank is not zero)"));
		List<Finding> findings = only(records, Finding.class);
		assertThat(findings).hasSize(1);
		assertThat(findings.get(0).check()).isEqualTo(CheckCode.SOURCE_UNREADABLE);
		assertThat(findings.get(0).severity()).isEqualTo(Severity.ERROR);
		assertThat(findings.get(0).source()).isEqualTo(FILE);
		assertThat(findings.get(0).message())
			.startsWith(FILE + " cannot be read: reading stopped part-way: sheet 'Stafford' is damaged: ");
		List<SourceFile> provenance = only(records, SourceFile.class);
		assertThat(provenance).hasSize(1);
		SourceFile source = provenance.get(0);
		assertThat(source).extracting(SourceFile::file, SourceFile::kind, SourceFile::sha256, SourceFile::bytes,
				SourceFile::rowsRead, SourceFile::rowsAccepted, SourceFile::rowsRejected, SourceFile::rowsOutOfScope)
			.containsExactly(FILE, "verification", IngestFixtures.sha256(file), Files.size(file), 28L, 27L, 1L, 0L);
		assertThat(source.notes()).startsWith("reading stopped part-way: sheet 'Stafford' is damaged: ");
		// after what was read: the finding, then the provenance record
		assertThat(records.subList(records.size() - 2, records.size())).containsExactly(findings.get(0), source);
	}

	@Test
	void aBreakWithinTheHeaderSearchLeavesNothingButTheFindingAndProvenance() throws IOException {
		Path file;
		try (Book book = book()) {
			book.sheet("Stafford");
			statementTop(book, "Stafford Borough Council", "Stafford", 7_604, 1_400, 0.1841)
				.row(10, "ST01", "Baswich Community Centre", "PS", count(800), count(800))
				.row(11, "ST02", "Castlechurch Church Hall", "PS", count(600), count(600));
			file = book.write(input.resolve(FILE));
		}
		IngestFixtures.rewriteEntry(file, "xl/worksheets/sheet1.xml", xml -> {
			String text = new String(xml, StandardCharsets.UTF_8);
			return text.substring(0, text.indexOf("<row r=\"11\"") + 20).getBytes(StandardCharsets.UTF_8);
		});

		String sha = IngestFixtures.sha256(file);
		List<Staged> records = IngestFixtures.records(input, IngestFixtures.context(), SourceKind.VERIFICATION);

		assertThat(records).hasSize(2);
		assertThat(records.get(0)).isInstanceOfSatisfying(Finding.class, f -> {
			assertThat(f.check()).isEqualTo(CheckCode.SOURCE_UNREADABLE);
			assertThat(f.source()).isEqualTo(FILE);
		});
		assertThat(records.get(1)).isInstanceOfSatisfying(SourceFile.class, f -> {
			assertThat(f.rowsRead()).isZero();
			assertThat(f.sha256()).isEqualTo(sha);
		});
	}

	// ------------------------------------------------------------------ helpers

	static BallotBox box(String code, String box, String station, org.electionrecon.model.BoxType type, long issued,
			long verified, String sheet, int row) {
		return box(code, box, station, type, issued, verified, sheet, row, "D", "E");
	}

	static BallotBox box(String code, String box, String station, org.electionrecon.model.BoxType type, long issued,
			long verified, String sheet, int row, String issuedColumn, String verifiedColumn) {
		String prefix = "'verification/[stafford.xlsx]" + sheet + "'!";
		return new BallotBox(code, box, station, type, issued, verified, prefix + issuedColumn + row,
				prefix + verifiedColumn + row);
	}

	private Path write(String name, String text) throws IOException {
		Path file = input.resolve(name);
		Files.createDirectories(file.getParent());
		return Files.writeString(file, text, StandardCharsets.UTF_8);
	}
}
