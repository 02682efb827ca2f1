package org.electionrecon.reconcile;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.electionrecon.model.BallotBox;
import org.electionrecon.model.BoxType;
import org.electionrecon.model.CandidateVotes;
import org.electionrecon.model.Constituency;
import org.electionrecon.model.ConstituencyFigures;
import org.electionrecon.model.DeclaredPartyVotes;
import org.electionrecon.model.DeclaredResult;
import org.electionrecon.model.NotionalResult;
import org.electionrecon.model.SourceRef;
import org.electionrecon.model.StatedFigure;

/**
 * Builds {@link ConstituencyFacts} the way ingest stages them, from the real 2024 figures of the
 * House of Commons Library files and the Rallings and Thrasher notional 2019 results (the lines of
 * the sample input folder, so every source points at a real line and column).
 *
 * <p>Verification sheets follow the sample layout: key-value block B5 (electorate), B6 (total
 * verified) and B7 (turnout); header on row 9; one box per row from row 10 with the box in A, the
 * station in B, the type in C, papers issued in D and papers verified in E; then a Total row.
 */
final class Facts {

	static final String AREA = "Staffordshire and Cheshire";

	static final String CONSTITUENCY_CSV = "declarations/HoC-GE2024-results-by-constituency.csv";

	static final String CANDIDATE_CSV = "declarations/HoC-GE2024-results-by-candidate.csv";

	static final String NOTIONAL_CSV = "notional/RallingsThrasher-2019-notional-results-2024-boundaries.csv";

	/** 1-based columns of the HoC constituency file. */
	static final int MEMBER_SURNAME = 10, RESULT = 12, FIRST_PARTY = 13, ELECTORATE = 15, VALID = 16, INVALID = 17,
			MAJORITY = 18;

	/** The party columns of the HoC constituency file, "Other" being "All other candidates". */
	static final Map<String, Integer> PARTY_COLUMNS = Map.of("Con", 19, "Lab", 20, "LD", 21, "RUK", 22, "Green", 23,
			DeclaredPartyVotes.OTHERS, 31);

	/** 1-based column of Votes in the HoC candidate file. */
	static final int VOTES = 19;

	/** 1-based columns of {@code """turnout"""} and electorate in the notional file. */
	static final int NOTIONAL_TURNOUT = 9, NOTIONAL_ELECTORATE = 10, NOTIONAL_WINNER = 91;

	private static final int FIRST_BOX_ROW = 10;

	private final Constituency constituency;

	private String workbook;

	private String sheet;

	private final List<String> verificationSources = new ArrayList<>();

	private final List<BallotBox> boxes = new ArrayList<>();

	private int nextBoxRow = FIRST_BOX_ROW;

	private final List<StatedFigure> stated = new ArrayList<>();

	private boolean declared;

	private int declarationLine;

	private Long electorate;

	private Long valid;

	private Long rejected;

	private Long majority;

	private String result;

	private String firstParty;

	private String memberFirstName;

	private String memberSurname;

	private final List<DeclaredPartyVotes> partyColumns = new ArrayList<>();

	private final List<CandidateVotes> candidates = new ArrayList<>();

	private int nextCandidateLine;

	private NotionalResult notional;

	private Facts(Constituency constituency) {
		this.constituency = constituency;
	}

	/** A register constituency of the Staffordshire and Cheshire area, with no sources yet. */
	static Facts constituency(String code, String name) {
		return constituency(code, name, "West Midlands", "Staffordshire");
	}

	static Facts constituency(String code, String name, String region, String county) {
		return new Facts(new Constituency(code, name, region, county, AREA, List.of()));
	}

	// ---- real seats ---------------------------------------------------------------------------

	/** Stafford E14001513: Lab gain from Con, 46,169 verified of 70,608; every figure agrees. */
	static Facts stafford() {
		return constituency("E14001513", "Stafford")
			.verificationStatement("verification/stafford.xlsx", "Stafford")
			.statedElectorate(70_608)
			.statedVerifiedTotal(46_169)
			.statedTurnout("65.39", 2)
			.boxesVerifying(46_169)
			.statedTotalRow(46_169)
			.declaration(9, 70_608, 46_009, 160, 4_595, "Lab gain from Con", "Lab", "Leigh", "Ingham")
			.partyColumn("Con", 13_936)
			.partyColumn("Lab", 18_531)
			.partyColumn("LD", 1_676)
			.partyColumn("RUK", 8_612)
			.partyColumn("Green", 2_856)
			.partyColumn(DeclaredPartyVotes.OTHERS, 398)
			.candidatesFromLine(46)
			.candidate("Craig", "Morton", "HPUK", 91)
			.candidate("Titus", "Anything", "MRLP", 307)
			.candidate("Peter", "Andras", "LD", 1_676)
			.candidate("Scott", "Spencer", "Green", 2_856)
			.candidate("Michael", "Riley", "RUK", 8_612)
			.candidate("Theo", "Clarke", "Con", 13_936)
			.candidate("Leigh", "Ingham", "Lab", 18_531)
			.notional(9, 70_537, "72.7", 51_311,
					partyVotes("Con", 29_731, "Lab", 16_011, "LD", 3_272, "Green", 2_297), "Con", "Lab");
	}

	/**
	 * Cannock Chase E14001150: Lab gain from Con on a 25-point swing; 43,073 verified but 42,953 +
	 * 119 = 43,072 declared.
	 */
	static Facts cannockChase() {
		return constituency("E14001150", "Cannock Chase")
			.verificationStatement("verification/cannock-chase.xlsx", "Cannock Chase")
			.statedElectorate(76_974)
			.statedVerifiedTotal(43_073)
			.statedTurnout("55.96", 2)
			.boxesVerifying(43_073)
			.statedTotalRow(43_073)
			.declaration(3, 76_974, 42_953, 119, 3_125, "Lab gain from Con", "Lab", "Josh", "Newbury")
			.partyColumn("Con", 12_546)
			.partyColumn("Lab", 15_671)
			.partyColumn("LD", 1_029)
			.partyColumn("RUK", 11_570)
			.partyColumn("Green", 2_137)
			.partyColumn(DeclaredPartyVotes.OTHERS, 0)
			.candidatesFromLine(8)
			.candidate("Elizabeth", "Jewkes", "LD", 1_029)
			.candidate("Andrea", "Muckley", "Green", 2_137)
			.candidate("Paul", "Allen", "RUK", 11_570)
			.candidate("Amanda", "Milling", "Con", 12_546)
			.candidate("Josh", "Newbury", "Lab", 15_671)
			.notional(3, 75_582, "61.3", 46_313, partyVotes("Con", 31_636, "Lab", 11_757, "Green", 2_920), "Con",
					"Lab");
	}

	/**
	 * Newcastle-under-Lyme E14001380: Lab gain from Con; 39,780 verified but 39,618 + 158 = 39,776
	 * declared. The notional 2019 Brexit Party votes are staged as RUK.
	 */
	static Facts newcastleUnderLyme() {
		return constituency("E14001380", "Newcastle-under-Lyme")
			.verificationStatement("verification/newcastle-under-lyme.xlsx", "Newcastle-under-Lyme")
			.statedElectorate(67_815)
			.statedVerifiedTotal(39_780)
			.statedTurnout("58.66", 2)
			.boxesVerifying(39_780)
			.statedTotalRow(39_780)
			.declaration(8, 67_815, 39_618, 158, 5_069, "Lab gain from Con", "Lab", "Adam", "Jogee")
			.partyColumn("Con", 10_923)
			.partyColumn("Lab", 15_992)
			.partyColumn("LD", 1_987)
			.partyColumn("RUK", 8_865)
			.partyColumn("Green", 1_851)
			.partyColumn(DeclaredPartyVotes.OTHERS, 0)
			.candidatesFromLine(41)
			.candidate("Jennifer", "Hibell", "Green", 1_851)
			.candidate("Nigel", "Jones", "LD", 1_987)
			.candidate("Neill", "Walker", "RUK", 8_865)
			.candidate("Simon", "Tagg", "Con", 10_923)
			.candidate("Adam", "Jogee", "Lab", 15_992)
			.notional(8, 70_025, "67.6", 47_363,
					partyVotes("Con", 25_008, "Lab", 16_743, "LD", 2_670, "Green", 1_021, "RUK", 1_921), "Con", "Lab");
	}

	/**
	 * Stone, Great Wyrley and Penkridge E14001523: Con hold; 727 rejected of 43,497 (1.67%). SDP
	 * and UKIP have no column of their own, so the HoC "All other candidates" column is 650 + 2,638.
	 */
	static Facts stoneGreatWyrleyAndPenkridge() {
		return constituency("E14001523", "Stone, Great Wyrley and Penkridge")
			.verificationStatement("verification/stone-great-wyrley-and-penkridge.xlsx",
					"Stone, Great Wyrley and Penkrid")
			.statedElectorate(71_561)
			.statedVerifiedTotal(43_497)
			.statedTurnout("60.78", 2)
			.boxesVerifying(43_497)
			.statedTotalRow(43_497)
			.declaration(14, 71_561, 42_770, 727, 5_466, "Con hold", "Con", "Gavin", "Williamson")
			.partyColumn("Con", 19_880)
			.partyColumn("Lab", 14_414)
			.partyColumn("LD", 2_952)
			.partyColumn("RUK", 0)
			.partyColumn("Green", 2_236)
			.partyColumn(DeclaredPartyVotes.OTHERS, 3_288)
			.candidatesFromLine(79)
			.candidate("Alexander", "Bramham", "SDP", 650)
			.candidate("Danni", "Braine", "Green", 2_236)
			.candidate("Janice", "MacKay", "UKIP", 2_638)
			.candidate("Sam", "Harper-Wallis", "LD", 2_952)
			.candidate("Jacqueline", "Brown", "Lab", 14_414)
			.candidate("Gavin", "Williamson", "Con", 19_880)
			.notional(14, 70_701, "66.1", 46_741, partyVotes("Con", 32_010, "Lab", 10_088, "LD", 3_046, "Green", 1_597),
					"Con", "Lab");
	}

	/** Staffordshire Moorlands E14001514: Con hold by 1,175 over Labour. */
	static Facts staffordshireMoorlands() {
		return constituency("E14001514", "Staffordshire Moorlands")
			.verificationStatement("verification/staffordshire-moorlands.xlsx", "Staffordshire Moorlands")
			.statedElectorate(69_892)
			.statedVerifiedTotal(43_490)
			.statedTurnout("62.22", 2)
			.boxesVerifying(43_490)
			.statedTotalRow(43_490)
			.declaration(10, 69_892, 43_302, 188, 1_175, "Con hold", "Con", "Karen", "Bradley")
			.partyColumn("Con", 15_310)
			.partyColumn("Lab", 14_135)
			.partyColumn("LD", 1_499)
			.partyColumn("RUK", 10_065)
			.partyColumn("Green", 2_293)
			.partyColumn(DeclaredPartyVotes.OTHERS, 0)
			.candidatesFromLine(53)
			.candidate("Graham", "Oakes", "LD", 1_499)
			.candidate("Helen", "Stead", "Green", 2_293)
			.candidate("Dave", "Poole", "RUK", 10_065)
			.candidate("Alastair", "Watson", "Lab", 14_135)
			.candidate("Karen", "Bradley", "Con", 15_310)
			.notional(10, 70_113, "67.3", 47_209, partyVotes("Con", 30_260, "Lab", 12_601, "LD", 2_898, "Green", 1_450),
					"Con", "Lab");
	}

	/**
	 * Congleton E14001178 (Cheshire East): Lab gain from Con; electorate 74,243 in the revised HoC
	 * file (72,914 in July 2024). "All other candidates" is the Women's Equality Party 544 plus an
	 * Independent 2,181.
	 */
	static Facts congleton() {
		return constituency("E14001178", "Congleton", "North West", "Cheshire")
			.verificationStatement("verification/cheshire-east-council.xlsx", "Congleton")
			.statedElectorate(74_243)
			.statedVerifiedTotal(50_278)
			.statedTurnout("67.72", 2)
			.boxesVerifying(50_278)
			.statedTotalRow(50_278)
			.declaration(4, 74_243, 50_125, 153, 3_387, "Lab gain from Con", "Lab", "Sarah", "Russell")
			.partyColumn("Con", 15_488)
			.partyColumn("Lab", 18_875)
			.partyColumn("LD", 2_785)
			.partyColumn("RUK", 8_245)
			.partyColumn("Green", 2_007)
			.partyColumn(DeclaredPartyVotes.OTHERS, 2_725)
			.candidatesFromLine(13)
			.candidate("Kay", "Wesley", "WEP", 544)
			.candidate("Richard", "McCarthy", "Green", 2_007)
			.candidate("Rob", "Moreton", "Ind", 2_181)
			.candidate("Paul", "Duffy", "LD", 2_785)
			.candidate("Martin", "York", "RUK", 8_245)
			.candidate("Fiona", "Bruce", "Con", 15_488)
			.candidate("Sarah", "Russell", "Lab", 18_875)
			.notional(4, 69_836, "71.3", 49_813, partyVotes("Con", 30_207, "Lab", 12_004, "LD", 5_521, "Green", 1_423),
					"Con", "Lab");
	}

	// ---- verification statement ---------------------------------------------------------------

	Facts verificationStatement(String workbook, String sheet) {
		this.workbook = workbook;
		this.sheet = sheet;
		verificationSources.add(SourceRef.sheetPrefix(workbook, sheet));
		return this;
	}

	/** A second verification statement naming the constituency (its source only). */
	Facts alsoVerifiedIn(String source) {
		verificationSources.add(source);
		return this;
	}

	/** A polling-station box on the next row. */
	Facts box(String box, String station, long issued, long verified) {
		return box(box, station, BoxType.POLLING_STATION, issued, verified);
	}

	/** A postal box on the next row. */
	Facts postalBox(String box, String session, long issued, long verified) {
		return box(box, session, BoxType.POSTAL, issued, verified);
	}

	Facts box(String box, String station, BoxType type, long issued, long verified) {
		int row = nextBoxRow++;
		boxes.add(new BallotBox(constituency.code(), box, station, type, issued, verified, cell("D", row),
				cell("E", row)));
		return this;
	}

	/**
	 * Four polling-station boxes and two postal boxes, each verified as issued, whose verified papers
	 * add up to {@code total}.
	 */
	Facts boxesVerifying(long total) {
		box("B001", "St Mark's Church Hall (SH1)", 512, 512);
		box("B002", "St Mark's Church Hall (SH1)", 470, 470);
		box("B003", "Rowley Park Pavilion (SH2)", 688, 688);
		box("B004", "Holmcroft Methodist Church (SH3)", 731, 731);
		long postal = total - 512 - 470 - 688 - 731;
		postalBox("PV01", "Postal votes - opening session 1", postal / 2, postal / 2);
		postalBox("PV02", "Postal votes - opening session 2", postal - postal / 2, postal - postal / 2);
		return this;
	}

	Facts withoutBoxes() {
		boxes.clear();
		nextBoxRow = FIRST_BOX_ROW;
		stated.removeIf(s -> s.kind() == StatedFigure.Kind.VERIFIED_TOTAL_ROW);
		return this;
	}

	Facts statedElectorate(long value) {
		return stated(StatedFigure.Kind.ELECTORATE, BigDecimal.valueOf(value), 0, cell("B", 5));
	}

	Facts statedVerifiedTotal(long value) {
		return stated(StatedFigure.Kind.VERIFIED_TOTAL, BigDecimal.valueOf(value), 0, cell("B", 6));
	}

	/** The verified column of the Total row, on the row after the last box. */
	Facts statedTotalRow(long value) {
		return stated(StatedFigure.Kind.VERIFIED_TOTAL_ROW, BigDecimal.valueOf(value), 0, cell("E", nextBoxRow));
	}

	/** A stated turnout in percent, with the number of decimals a person sees. */
	Facts statedTurnout(String percent, int decimals) {
		return stated(StatedFigure.Kind.TURNOUT, new BigDecimal(percent), decimals, cell("B", 7));
	}

	Facts stated(StatedFigure.Kind kind, BigDecimal value, int decimals, String source) {
		stated.add(new StatedFigure(constituency.code(), kind, value, decimals, source));
		return this;
	}

	Facts withoutStated(StatedFigure.Kind kind) {
		stated.removeIf(s -> s.kind() == kind);
		return this;
	}

	/** No verification statement at all: no sheet, no boxes, no stated figures. */
	Facts withoutVerification() {
		verificationSources.clear();
		boxes.clear();
		stated.clear();
		nextBoxRow = FIRST_BOX_ROW;
		return this;
	}

	/** The source of a verification sheet cell, e.g. {@code 'verification/[stafford.xlsx]Stafford'!E19}. */
	String cell(String column, int row) {
		return SourceRef.sheetPrefix(workbook, sheet) + "!" + column + row;
	}

	// ---- declaration --------------------------------------------------------------------------

	/** The constituency line of the HoC file, on {@code line} of the sample declarations file. */
	Facts declaration(int line, long electorate, long valid, long rejected, long majority, String result,
			String firstParty, String memberFirstName, String memberSurname) {
		this.declared = true;
		this.declarationLine = line;
		this.electorate = electorate;
		this.valid = valid;
		this.rejected = rejected;
		this.majority = majority;
		this.result = result;
		this.firstParty = firstParty;
		this.memberFirstName = memberFirstName;
		this.memberSurname = memberSurname;
		return this;
	}

	Facts electorate(Long electorate) {
		this.electorate = electorate;
		return this;
	}

	Facts validVotes(Long valid) {
		this.valid = valid;
		return this;
	}

	Facts rejected(Long rejected) {
		this.rejected = rejected;
		return this;
	}

	Facts majority(Long majority) {
		this.majority = majority;
		return this;
	}

	Facts result(String result) {
		this.result = result;
		return this;
	}

	Facts firstParty(String firstParty) {
		this.firstParty = firstParty;
		return this;
	}

	Facts member(String firstName, String surname) {
		this.memberFirstName = firstName;
		this.memberSurname = surname;
		return this;
	}

	/** A party column of the constituency line; replaces an existing column of the same party. */
	Facts partyColumn(String party, long votes) {
		Integer column = PARTY_COLUMNS.get(party);
		DeclaredPartyVotes partyVotes = new DeclaredPartyVotes(constituency.code(), party, votes,
				declaration(column == null ? 99 : column));
		for (int i = 0; i < partyColumns.size(); i++) {
			if (partyColumns.get(i).party().equals(party)) {
				partyColumns.set(i, partyVotes);
				return this;
			}
		}
		partyColumns.add(partyVotes);
		return this;
	}

	Facts candidatesFromLine(int line) {
		this.nextCandidateLine = line;
		return this;
	}

	/** A candidate on the next line of the HoC candidate file (which has no Elected flag). */
	Facts candidate(String firstName, String surname, String party, long votes) {
		candidates.add(new CandidateVotes(constituency.code(), firstName, surname, party, votes, null,
				csvCell(CANDIDATE_CSV, nextCandidateLine++, VOTES)));
		return this;
	}

	/** Changes a candidate's votes, keeping the line. */
	Facts votes(String surname, long votes) {
		return replaceCandidate(surname, c -> new CandidateVotes(c.constituencyCode(), c.firstName(), c.surname(),
				c.party(), votes, c.elected(), c.source()));
	}

	/** Sets a candidate's Elected flag, as a council's LGA-schema file gives it. */
	Facts elected(String surname, Boolean elected) {
		return replaceCandidate(surname, c -> new CandidateVotes(c.constituencyCode(), c.firstName(), c.surname(),
				c.party(), c.votes(), elected, c.source()));
	}

	private Facts replaceCandidate(String surname, java.util.function.UnaryOperator<CandidateVotes> change) {
		for (int i = 0; i < candidates.size(); i++) {
			if (candidates.get(i).surname().equals(surname)) {
				candidates.set(i, change.apply(candidates.get(i)));
				return this;
			}
		}
		throw new IllegalArgumentException("no candidate " + surname);
	}

	/** No constituency line: only the candidates remain (a candidate-level file alone). */
	Facts withoutConstituencyLine() {
		declared = false;
		partyColumns.clear();
		return this;
	}

	/** The constituency line and its party columns without the candidate file's lines. */
	Facts withoutCandidates() {
		candidates.clear();
		return this;
	}

	/** No declaration at all: no constituency line, no party columns, no candidates. */
	Facts withoutDeclaration() {
		withoutConstituencyLine();
		candidates.clear();
		return this;
	}

	/**
	 * The source of a field of the constituency line, e.g.
	 * {@code 'declarations/[HoC-GE2024-results-by-constituency.csv]HoC-GE2024-results-by-constitu'!P9}.
	 */
	String declaration(int column) {
		return csvCell(CONSTITUENCY_CSV, declarationLine, column);
	}

	/** A CSV cell in spreadsheet notation: the 1-based column as letters, the line as the row. */
	static String csvCell(String file, int line, int column) {
		return SourceRef.csvPrefix(file) + SourceRef.columnLetters(column - 1) + line;
	}

	// ---- notional baseline --------------------------------------------------------------------

	Facts notional(int line, long electorate, String turnout, long totalVotes, Map<String, Long> partyVotes,
			String winner, String second) {
		this.notional = new NotionalResult(constituency.code(), electorate, new BigDecimal(turnout), totalVotes,
				partyVotes, winner, second, csvCell(NOTIONAL_CSV, line, NOTIONAL_TURNOUT),
				csvCell(NOTIONAL_CSV, line, NOTIONAL_ELECTORATE), csvCell(NOTIONAL_CSV, line, NOTIONAL_WINNER));
		return this;
	}

	Facts withoutNotional() {
		this.notional = null;
		return this;
	}

	static Map<String, Long> partyVotes(Object... partyThenVotes) {
		Map<String, Long> votes = new LinkedHashMap<>();
		for (int i = 0; i < partyThenVotes.length; i += 2) {
			votes.put((String) partyThenVotes[i], ((Number) partyThenVotes[i + 1]).longValue());
		}
		return votes;
	}

	// ---- build --------------------------------------------------------------------------------

	ConstituencyFacts build() {
		DeclaredResult declaration = !declared ? null
				: new DeclaredResult(constituency.code(), CONSTITUENCY_CSV, electorate, declaration(ELECTORATE), valid,
						declaration(VALID), rejected, declaration(INVALID), majority, declaration(MAJORITY), result,
						declaration(RESULT), firstParty, declaration(FIRST_PARTY), memberFirstName, memberSurname,
						declaration(MEMBER_SURNAME));
		return new ConstituencyFacts(constituency, verificationSources, boxes, stated, declaration, partyColumns,
				candidates, notional);
	}

	/**
	 * One row of the Constituencies sheet as the area checks read it back: code, name, area, turnout,
	 * notional turnout and the change between them (null when either is).
	 */
	static ConstituencyFigures areaFigures(String code, String name, String turnout, String notionalTurnout) {
		BigDecimal t = turnout == null ? null : new BigDecimal(turnout);
		BigDecimal n = notionalTurnout == null ? null : new BigDecimal(notionalTurnout);
		BigDecimal change = t == null || n == null ? null : t.subtract(n);
		return new ConstituencyFigures(code, name, AREA, null, null, null, null, t, null, null, n, change, null, null,
				null, null, null, null, null, null, null, null, 0, 0, 0, 0);
	}
}
