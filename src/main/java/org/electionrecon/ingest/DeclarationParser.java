package org.electionrecon.ingest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.electionrecon.ingest.ConstituencyDirectory.Match;
import org.electionrecon.ingest.table.Cell;
import org.electionrecon.ingest.table.SheetInfo;
import org.electionrecon.ingest.table.SheetRow;
import org.electionrecon.ingest.table.TabularFile;
import org.electionrecon.model.CandidateVotes;
import org.electionrecon.model.CheckCode;
import org.electionrecon.model.DeclaredPartyVotes;
import org.electionrecon.model.DeclaredResult;
import org.electionrecon.model.Finding;
import org.electionrecon.model.RejectedFigure;
import org.electionrecon.model.Severity;
import org.electionrecon.model.DeclaredBreakdown;
import org.electionrecon.model.Staged;
import org.electionrecon.model.StatedFigure;

/**
 * {@code declarations/}: the HoC Library's constituency file (totals, result label, party
 * columns) and candidate file (votes per candidate), recognised by their headers.
 */
public final class DeclarationParser extends SourceParser {

	static final List<Field> CONSTITUENCY_FIELDS = List.of(
			Field.required("code", "ONS ID", "ONS code", "PCON24CD", "GSS code"),
			Field.optional("name", "Constituency name", "Constituency", "PCON24NM"),
			Field.required("electorate", "Electorate", "Eligible electorate"),
			Field.required("valid", "Valid votes", "Valid"),
			Field.required("rejected", "Invalid votes", "Rejected", "Rejected ballots", "Rejected votes"),
			Field.optional("majority", "Majority"),
			Field.optional("result", "Result"),
			Field.optional("first party", "First party", "Winning party"),
			Field.optional("member first name", "Member first name"),
			Field.optional("member surname", "Member surname"));

	static final List<Field> CANDIDATE_FIELDS = List.of(
			Field.optional("code", "ONS ID", "ONS code", "PCON24CD", "GSS code"),
			Field.required("name", "Constituency name", "Constituency", "PCON24NM"),
			Field.optional("party", "Party abbreviation", "Party"),
			Field.optional("party name", "Party name"),
			Field.optional("first name", "Candidate first name", "Forename", "Candidate forenames"),
			Field.required("surname", "Candidate surname", "Surname"),
			Field.required("votes", "Votes"));

	/** The LGA "publishing election results" schema, as councils publish their own results. */
	static final List<Field> LGA_FIELDS = List.of(
			Field.required("area", "ElectoralAreaLabel"),
			Field.optional("area uri", "ElectoralAreaURI"),
			Field.required("surname", "CandidateSurname"),
			Field.optional("forenames", "CandidateForenames"),
			Field.optional("party", "PoliticalPartyLabel"),
			Field.required("votes", "VotesWon"),
			Field.optional("elected", "Elected"),
			Field.optional("votes cast", "VotesCast"),
			Field.optional("electorate", "EligibleElectorate"),
			Field.optional("rejected OfficialMark", "BallotsRejectedOfficialMark"),
			Field.optional("rejected MultipleVote", "BallotsRejectedMultipleVote"),
			Field.optional("rejected Identification", "BallotsRejectedIdentification"),
			Field.optional("rejected InPart", "BallotsRejectedInPart"),
			Field.optional("rejected Unmarked", "BallotsRejectedUnmarked"),
			Field.optional("turnout", "PercentageTurnout"),
			Field.optional("date", "ElectionDate"),
			Field.optional("type", "TypeofElection", "Type of election"));

	static final List<String> REJECTED_CATEGORIES = List.of("OfficialMark", "MultipleVote", "Identification",
			"InPart", "Unmarked");

	/** The HoC constituency file's party columns, as they are cross-checked with the candidates. */
	static final List<String> PARTY_COLUMNS = List.of("Con", "Lab", "LD", "RUK", "Green", "SNP", "PC", "DUP",
			"SF", "SDLP", "UUP", "APNI");

	static final String OTHERS_COLUMN = "All other candidates";

	private enum Layout {
		CONSTITUENCY, CANDIDATE, LGA
	}

	private final List<Field> constituencyFields;
	private final List<Field> candidateFields;
	private final List<Field> lgaFields;
	private final Set<String> contestsSeen = new HashSet<>();
	private final Set<String> codeNotes = new HashSet<>();
	private final Set<String> unknownReported = new HashSet<>();
	private Layout layout;
	private Map<String, Integer> columns;
	private Map<String, Integer> partyColumns;

	public DeclarationParser(String fileName, TabularFile file, ParseContext context) {
		super(fileName, file, context);
		this.constituencyFields = Field.withExtras("declarations", CONSTITUENCY_FIELDS, context.extraSynonyms());
		this.candidateFields = Field.withExtras("declarations", CANDIDATE_FIELDS, context.extraSynonyms());
		this.lgaFields = Field.withExtras("declarations", LGA_FIELDS, context.extraSynonyms());
	}

	@Override
	protected String describe() {
		return "declaration";
	}

	@Override
	protected int findHeader(SheetInfo sheet, List<SheetRow> rows) {
		for (int i = 0; i < rows.size(); i++) {
			Map<String, Integer> lga = Field.locate(rows.get(i), lgaFields);
			if (lga != null) {
				layout = Layout.LGA;
				columns = lga;
				return i;
			}
			Map<String, Integer> found = Field.locate(rows.get(i), constituencyFields);
			if (found != null) {
				layout = Layout.CONSTITUENCY;
				columns = found;
				partyColumns = partyColumns(rows.get(i));
				return i;
			}
			found = Field.locate(rows.get(i), candidateFields);
			if (found != null && (found.containsKey("party") || found.containsKey("party name"))) {
				layout = Layout.CANDIDATE;
				columns = found;
				return i;
			}
		}
		return -1;
	}

	private static Map<String, Integer> partyColumns(SheetRow header) {
		Map<String, Integer> parties = new LinkedHashMap<>();
		for (Cell cell : header.cells()) {
			if (cell.text() == null) {
				continue;
			}
			String text = cell.text().strip();
			for (String party : PARTY_COLUMNS) {
				if (party.equalsIgnoreCase(text)) {
					parties.putIfAbsent(party, cell.column());
				}
			}
			if (Names.header(OTHERS_COLUMN).equals(Names.header(text))) {
				parties.putIfAbsent(DeclaredPartyVotes.OTHERS, cell.column());
			}
		}
		return parties;
	}

	@Override
	protected boolean row(SheetInfo sheet, SheetRow row, List<Staged> out) {
		if (row.isBlank()) {
			return false;
		}
		RowValues values = new RowValues(row, columns, column -> ref(sheet, row.number(), column));
		if (layout == Layout.LGA && !inScope(values)) {
			outOfScope();
			return true;
		}
		String code = layout == Layout.LGA ? codeOf(values.text("area uri"))
				: values.text("code", StagedText.CONSTITUENCY_CODE);
		String name = values.text(layout == Layout.LGA ? "area" : "name", StagedText.CONSTITUENCY_NAME);
		if (values.failed()) {
			reject(values.problemCell(), values.problemValue(), values.problem(), out);
			return true;
		}
		if (code == null && name == null) {
			// a notes or footer line under the table
			return false;
		}
		Match match = context.directory().match(code, name);
		if (!match.found()) {
			String field = layout == Layout.LGA ? "area" : code != null ? "code" : "name";
			reject(values.source(field), code != null ? code : name, "unknown constituency: " + match.failure(), out);
			String key = code + "|" + name;
			if (unknownReported.add(key)) {
				out.add(Finding.open(Severity.ERROR, CheckCode.UNKNOWN_CONSTITUENCY, code, name, null, null,
						code != null ? code : name, null, "Declaration names " + (name != null ? "'" + name + "'" : code)
								+ ": " + match.failure(),
						values.sourceText(field)));
			}
			return true;
		}
		if (match.note() != null && codeNotes.add(match.note())) {
			notes.add(match.note());
		}
		String constituency = match.constituency().code();
		if (layout == Layout.CONSTITUENCY) {
			constituencyRow(constituency, values, row, sheet, out);
		}
		else if (layout == Layout.LGA) {
			lgaRow(constituency, values, out);
		}
		else {
			candidateRow(constituency, values, out);
		}
		return true;
	}

	private static final java.util.regex.Pattern GSS_CODE = java.util.regex.Pattern.compile("([EWSN]\\d{8})\\s*$");

	/** The GSS code at the end of an ElectoralAreaURI, if there is one. */
	private static String codeOf(String uri) {
		if (uri == null) {
			return null;
		}
		java.util.regex.Matcher m = GSS_CODE.matcher(uri);
		return m.find() ? m.group(1) : null;
	}

	/** Rows of other elections (another date, a local or by-election) are out of scope, not rejected. */
	private boolean inScope(RowValues values) {
		String date = values.text("date");
		if (date != null) {
			java.time.LocalDate parsed = ElectionDates.parse(date);
			if (parsed == null || !parsed.equals(context.election())) {
				return false;
			}
		}
		String type = values.text("type");
		if (type != null) {
			String normal = Names.header(type);
			return normal.contains("parliament") && !normal.contains("byelection");
		}
		return true;
	}

	/** A candidate row of a council's own file; the contest's totals come with its first row. */
	private void lgaRow(String code, RowValues values, List<Staged> out) {
		Long votes = values.requiredCount("votes", "votes won");
		String surname = values.text("surname", StagedText.SURNAME);
		String forenames = values.text("forenames", StagedText.FIRST_NAME);
		String party = values.text("party", StagedText.PARTY);
		Long electorate = values.count("electorate", "eligible electorate");
		Long votesCast = values.count("votes cast", "votes cast");
		Map<String, Long> categories = new LinkedHashMap<>();
		for (String category : REJECTED_CATEGORIES) {
			Long rejected = values.count("rejected " + category, "ballots rejected (" + category + ")");
			if (rejected != null) {
				categories.put(category, rejected);
			}
		}
		NumberParser.Parsed turnout = values.has("turnout") ? values.percent("turnout", "percentage turnout") : null;
		if (surname == null && !values.failed()) {
			values.fail("surname", null, "candidate surname is blank");
		}
		if (values.failed()) {
			reject(values.problemCell(), values.problemValue(), values.problem(), RejectedFigure.Kind.CANDIDATE, code,
					candidate(forenames, surname), out);
			return;
		}
		if (contestsSeen.add(code)) {
			out.add(new DeclaredResult(code, fileName, electorate, values.sourceText("electorate"), null, null, null, null,
					null, null, null, null, null, null, null, null, null));
			String categorySource = REJECTED_CATEGORIES.stream()
				.map(c -> values.sourceText("rejected " + c))
				.filter(java.util.Objects::nonNull)
				.reduce((a, b) -> a + ", " + b)
				.orElse(null);
			out.add(new DeclaredBreakdown(code, fileName, votesCast, values.sourceText("votes cast"), categories,
					categorySource));
			if (turnout != null) {
				out.add(new StatedFigure(code, StatedFigure.Kind.DECLARED_TURNOUT, turnout.value(), turnout.decimals(),
						values.sourceText("turnout")));
			}
		}
		String elected = values.text("elected");
		Boolean isElected = elected == null ? null : isElected(elected);
		out.add(new CandidateVotes(code, forenames, surname, context.parties().abbreviation(party), votes, isElected,
				values.sourceText("votes")));
		accept();
	}

	/** A rejected candidate as a message names them: "candidate Jane SMITH", or "a candidate" without a surname. */
	private static String candidate(String firstName, String surname) {
		if (surname == null) {
			return "a candidate";
		}
		return "candidate " + (firstName == null ? surname : firstName + " " + surname);
	}

	private static Boolean isElected(String text) {
		String normal = Names.header(text);
		return switch (normal) {
			case "elected", "yes", "y", "true", "1" -> Boolean.TRUE;
			case "notelected", "no", "n", "false", "0" -> Boolean.FALSE;
			default -> null;
		};
	}

	private void constituencyRow(String code, RowValues values, SheetRow row, SheetInfo sheet, List<Staged> out) {
		Long electorate = values.requiredCount("electorate", "electorate");
		Long valid = values.requiredCount("valid", "valid votes");
		Long rejected = values.requiredCount("rejected", "rejected (invalid) votes");
		Long majority = values.count("majority", "majority");
		String result = values.text("result", StagedText.RESULT_LABEL);
		String firstPartyText = values.text("first party", StagedText.PARTY);
		String memberFirstName = values.text("member first name", StagedText.MEMBER_FIRST_NAME);
		String memberSurname = values.text("member surname", StagedText.MEMBER_SURNAME);
		List<DeclaredPartyVotes> parties = new ArrayList<>();
		for (Map.Entry<String, Integer> party : partyColumns.entrySet()) {
			Cell cell = row.get(party.getValue());
			try {
				Long votes = NumberParser.count(cell);
				if (votes != null) {
					parties.add(new DeclaredPartyVotes(code, party.getKey(), votes,
							ref(sheet, row.number(), party.getValue()).toString()));
				}
			}
			catch (NumberParser.NotANumberException ex) {
				values.fail(null, cell.text(), party.getKey() + " votes are " + ex.getMessage());
			}
		}
		if (values.failed()) {
			reject(values.problemCell(), values.problemValue(), values.problem(), RejectedFigure.Kind.DECLARATION, code,
					"the declaration row", out);
			return;
		}
		String firstParty = context.parties().abbreviation(firstPartyText);
		out.add(new DeclaredResult(code, fileName, electorate, values.sourceText("electorate"), valid,
				values.sourceText("valid"), rejected, values.sourceText("rejected"), majority,
				values.sourceText("majority"), result, values.sourceText("result"), firstParty,
				values.sourceText("first party"), memberFirstName, memberSurname,
				values.sourceText("member surname")));
		out.addAll(parties);
		accept();
	}

	private void candidateRow(String code, RowValues values, List<Staged> out) {
		Long votes = values.requiredCount("votes", "votes");
		String surname = values.text("surname", StagedText.SURNAME);
		if (surname == null && !values.failed()) {
			values.fail("surname", null, "candidate surname is blank");
		}
		String firstName = values.text("first name", StagedText.FIRST_NAME);
		String party = values.text("party", StagedText.PARTY);
		if (party == null) {
			party = values.text("party name", StagedText.PARTY);
		}
		if (party == null && !values.failed()) {
			values.fail(values.has("party") ? "party" : "party name", null, "party is blank");
		}
		if (values.failed()) {
			reject(values.problemCell(), values.problemValue(), values.problem(), RejectedFigure.Kind.CANDIDATE, code,
					candidate(firstName, surname), out);
			return;
		}
		out.add(new CandidateVotes(code, firstName, surname, context.parties().abbreviation(party),
				votes, null, values.sourceText("votes")));
		accept();
	}

	/** A row with values in two or more of the table's columns is a row of it; a note or footer line has one. */
	@Override
	protected final boolean isTableShaped(SheetRow row) {
		return fills(row, columns.values(), 2);
	}
}
