package org.electionrecon.reconcile;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.electionrecon.model.BallotBox;
import org.electionrecon.ingest.SourceKind;
import org.electionrecon.model.CandidateVotes;
import org.electionrecon.model.CheckCode;
import org.electionrecon.model.Constituency;
import org.electionrecon.model.DeclaredBreakdown;
import org.electionrecon.model.DeclaredPartyVotes;
import org.electionrecon.model.DeclaredResult;
import org.electionrecon.model.NotionalResult;
import org.electionrecon.model.RejectedFigure;
import org.electionrecon.model.ReportedFigure;
import org.electionrecon.model.StatedFigure;
import org.electionrecon.staging.BoxBlocks;
import org.electionrecon.staging.DeclaredPartyVotesText;
import org.electionrecon.staging.PartyVotesText;
import org.electionrecon.run.RunCatalog;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;

/** Reads one constituency's staged facts back, and which constituencies a run reconciles. */
public class ConstituencyFactsRepository {

	private final JdbcTemplate jdbc;

	private final RunCatalog runs;

	/**
	 * @param jdbc the staging tables
	 * @param runs the job repository's runs, for the previous run of an election
	 */
	public ConstituencyFactsRepository(JdbcTemplate jdbc, RunCatalog runs) {
		this.jdbc = jdbc;
		this.runs = runs;
	}

	/**
	 * The register constituencies of the report areas in the run: an area is in the run when one of
	 * its constituencies has a verification statement or a declaration (checks.md).
	 */
	public List<String> constituenciesInRun(long runId) {
		return jdbc.queryForList("SELECT C.CODE FROM RECON_CONSTITUENCY C WHERE C.RUN_ID = ? AND C.AREA IN ("
				+ " SELECT A.AREA FROM RECON_CONSTITUENCY A WHERE A.RUN_ID = ? AND ("
				+ " EXISTS (SELECT 1 FROM RECON_VERIFICATION_SHEET V WHERE V.RUN_ID = A.RUN_ID AND V.CONSTITUENCY_CODE = A.CODE)"
				+ " OR EXISTS (SELECT 1 FROM RECON_DECLARATION D WHERE D.RUN_ID = A.RUN_ID AND D.CONSTITUENCY_CODE = A.CODE)"
				+ " OR EXISTS (SELECT 1 FROM RECON_CANDIDATE K WHERE K.RUN_ID = A.RUN_ID AND K.CONSTITUENCY_CODE = A.CODE)))"
				+ " ORDER BY C.AREA, C.NAME, C.CODE", String.class, runId, runId);
	}

	/**
	 * What the run staged from each folder that {@code SOURCE_MISSING} covers: its files as the
	 * Provenance sheet lists them, which of them are unreadable, and whether any constituency got a
	 * record from it.
	 *
	 * @param input the run's input folder, to tell a missing folder from an empty one
	 */
	public List<SourceRules.Folder> sourceFolders(long runId, java.nio.file.Path input) {
		java.util.Set<String> unreadable = new java.util.HashSet<>(jdbc.queryForList("SELECT SOURCE FROM RECON_FINDING"
				+ " WHERE RUN_ID = ? AND CHECK_CODE = ?", String.class, runId, CheckCode.SOURCE_UNREADABLE.name()));
		List<SourceRules.Folder> folders = new java.util.ArrayList<>();
		for (SourceKind kind : SourceRules.REQUIRED) {
			String prefix = kind.folder() + "/";
			int[] files = new int[3];
			long[] rows = new long[2];
			jdbc.query("SELECT FILE_NAME, KIND, ROWS_REJECTED, ROWS_OUT_OF_SCOPE FROM RECON_SOURCE_FILE WHERE RUN_ID = ?"
					+ " AND (KIND = ? OR KIND = 'ignored') ORDER BY SEQ", rs -> {
						String file = rs.getString(1);
						if (!file.startsWith(prefix)) {
							return;
						}
						files[0]++;
						if ("ignored".equals(rs.getString(2))) {
							files[1]++;
						}
						else if (unreadable.contains(file)) {
							files[2]++;
						}
						else {
							rows[0] += rs.getLong(3);
							rows[1] += rs.getLong(4);
						}
					}, runId, kind.folder());
			boolean exists = input != null
					&& java.nio.file.Files.isDirectory(input.resolve(kind.folder()), java.nio.file.LinkOption.NOFOLLOW_LINKS);
			folders.add(new SourceRules.Folder(kind, exists || files[0] > 0, files[0], files[1], files[2], rows[0],
					rows[1], gaveRecords(runId, kind)));
		}
		return folders;
	}

	/** Whether a folder gave any record; these tables grow with the constituencies, not with the boxes. */
	private boolean gaveRecords(long runId, SourceKind kind) {
		List<String> tables = switch (kind) {
			case REGISTER -> List.of("RECON_CONSTITUENCY");
			case VERIFICATION -> List.of("RECON_VERIFICATION_SHEET");
			case DECLARATIONS -> List.of("RECON_DECLARATION", "RECON_CANDIDATE");
			case NOTIONAL -> List.of("RECON_NOTIONAL");
			default -> throw new IllegalArgumentException(kind + " is not a required source");
		};
		for (String table : tables) {
			Long rows = jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE RUN_ID = ?", Long.class, runId);
			if (rows != null && rows > 0) {
				return true;
			}
		}
		return false;
	}

	/** How many of the run's constituencies have a verification statement, a declaration, either. */
	public SourceRules.Coverage coverage(long runId) {
		java.util.Set<String> verified = new java.util.HashSet<>(jdbc.queryForList(
				"SELECT DISTINCT CONSTITUENCY_CODE FROM RECON_VERIFICATION_SHEET WHERE RUN_ID = ?", String.class, runId));
		java.util.Set<String> declared = new java.util.HashSet<>(jdbc.queryForList(
				"SELECT DISTINCT CONSTITUENCY_CODE FROM RECON_DECLARATION WHERE RUN_ID = ? UNION"
						+ " SELECT DISTINCT CONSTITUENCY_CODE FROM RECON_CANDIDATE WHERE RUN_ID = ?",
				String.class, runId, runId));
		long withVerification = 0;
		long withDeclaration = 0;
		long withEither = 0;
		for (String code : constituenciesInRun(runId)) {
			boolean v = verified.contains(code);
			boolean d = declared.contains(code);
			withVerification += v ? 1 : 0;
			withDeclaration += d ? 1 : 0;
			withEither += v || d ? 1 : 0;
		}
		return new SourceRules.Coverage(withVerification, withDeclaration, withEither);
	}

	/**
	 * The latest earlier completed run of the same election, whose inputs a new run is compared
	 * with for {@code INPUT_REVISED}; {@code null} when there is none.
	 */
	public Long previousCompletedRun(long runId, String election) {
		return runs.latestCompleted(RunCatalog.sameElection(election), runId)
			.map(execution -> execution.getJobInstance().getInstanceId())
			.orElse(null);
	}

	/**
	 * The files of a run by their {@code FILE_SEQ}, as {@code RECON_SOURCE_FILE} records them (two
	 * records of one {@code FILE_SEQ} that disagree make it unknown: all {@code null}s).
	 */
	public Map<Long, CarryOver.StagedFile> stagedFiles(long runId) {
		CarryOver.StagedFile unknown = new CarryOver.StagedFile(null, null, null);
		Map<Long, CarryOver.StagedFile> byFileSeq = new java.util.HashMap<>();
		jdbc.query("SELECT FILE_SEQ, FILE_NAME, SHA256, READ_KEY FROM RECON_SOURCE_FILE WHERE RUN_ID = ?", rs -> {
			byFileSeq.merge(rs.getLong(1), new CarryOver.StagedFile(rs.getString(2), rs.getString(3), rs.getString(4)),
					(one, other) -> one.equals(other) ? one : unknown);
		}, runId);
		return byFileSeq;
	}

	/**
	 * Up to this many files, {@link #fedBy} looks each one up by the {@code (RUN_ID, FILE_SEQ)}
	 * indexes; beyond, it reads the run's rows once.
	 */
	private static final int FILES_LOOKED_UP = 32;

	/**
	 * The constituencies that these files ({@code FILE_SEQ}s) fed in a run: those of their rows in
	 * every table {@link #load} reads ({@link CarryOver#FACT_TABLES}). A few files are looked up one
	 * by one ({@code RUN_ID = ? AND FILE_SEQ = ?}, which the {@code (RUN_ID, FILE_SEQ)} indexes
	 * answer; an {@code IN} list would make the database read the run's rows), many by reading the
	 * run's rows once.
	 */
	public Set<String> fedBy(long runId, Set<Long> fileSeqs) {
		Set<String> codes = new java.util.HashSet<>();
		if (fileSeqs.isEmpty()) {
			return codes;
		}
		if (fileSeqs.size() <= FILES_LOOKED_UP) {
			for (String table : CarryOver.FACT_TABLES) {
				String sql = "SELECT DISTINCT " + codeColumn(table) + " FROM " + table + " WHERE RUN_ID = ? AND FILE_SEQ = ?";
				for (Long fileSeq : fileSeqs) {
					codes.addAll(jdbc.queryForList(sql, String.class, runId, fileSeq));
				}
			}
			return codes;
		}
		List<String> selects = new java.util.ArrayList<>();
		for (String table : CarryOver.FACT_TABLES) {
			selects.add("SELECT " + codeColumn(table) + " AS CODE, FILE_SEQ FROM " + table + " WHERE RUN_ID = ?");
		}
		Object[] arguments = new Object[selects.size()];
		Arrays.fill(arguments, runId);
		jdbc.query(String.join(" UNION ", selects), rs -> {
			if (fileSeqs.contains(rs.getLong(2))) {
				codes.add(rs.getString(1));
			}
		}, arguments);
		return codes;
	}

	/** The column of a fact table that holds the constituency's code. */
	private static String codeColumn(String table) {
		return table.equals("RECON_CONSTITUENCY") ? "CODE" : "CONSTITUENCY_CODE";
	}

	/** The constituencies of a run's staged register. */
	public Set<String> registered(long runId) {
		return new java.util.HashSet<>(
				jdbc.queryForList("SELECT CODE FROM RECON_CONSTITUENCY WHERE RUN_ID = ?", String.class, runId));
	}

	/**
	 * What a completed run was reconciled with besides its constituencies' facts, from its job
	 * parameters, its run-level SOURCE_MISSING findings and its reconcileStep's record; {@code null}
	 * when one of them cannot be told.
	 */
	public CarryOver.RunInputs runInputs(long runId) {
		org.springframework.batch.core.job.parameters.JobParameters parameters = runs.parameters(runId);
		if (parameters == null) {
			return null;
		}
		Set<SourceKind> missing = java.util.EnumSet.noneOf(SourceKind.class);
		for (String source : jdbc.queryForList("SELECT SOURCE FROM RECON_FINDING WHERE RUN_ID = ? AND STAGE = ?"
				+ " AND CHECK_CODE = ? AND CONSTITUENCY_CODE IS NULL", String.class, runId,
				org.electionrecon.staging.StagingTables.Stage.RECONCILE.name(), CheckCode.SOURCE_MISSING.name())) {
			SourceKind kind = SourceRules.REQUIRED.stream()
				.filter(k -> (k.folder() + "/").equals(source))
				.findFirst()
				.orElse(null);
			if (kind == null) {
				return null;
			}
			missing.add(kind);
		}
		return new CarryOver.RunInputs(parameters.getString(RunCatalog.SETTINGS), missing,
				runs.stepContextValue(runId, "reconcileStep", CarryOver.RULES_VERSION_KEY));
	}

	/** The constituencies a run has figures of: those it reconciled (or carried over). */
	public Set<String> reconciledIn(long runId) {
		return new java.util.HashSet<>(
				jdbc.queryForList("SELECT CODE FROM RECON_FIGURES WHERE RUN_ID = ?", String.class, runId));
	}

	public List<Constituency> register(long runId) {
		return jdbc.query("SELECT CODE, NAME, REGION, COUNTY, AREA, ALIASES FROM RECON_CONSTITUENCY WHERE RUN_ID = ?"
				+ " ORDER BY CODE", (rs, i) -> new Constituency(rs.getString(1), rs.getString(2), rs.getString(3),
						rs.getString(4), rs.getString(5), aliases(rs.getString(6))), runId);
	}

	private static List<String> aliases(String text) {
		return text == null || text.isEmpty() ? List.of() : Arrays.asList(text.split(";"));
	}

	/** The facts of a constituency in another run, or {@code null} when that run's register lacks it. */
	public ConstituencyFacts loadIfStaged(long runId, String code) {
		Long known = jdbc.queryForObject("SELECT COUNT(*) FROM RECON_CONSTITUENCY WHERE RUN_ID = ? AND CODE = ?",
				Long.class, runId, code);
		return known == null || known == 0 ? null : load(runId, code);
	}

	/**
	 * A constituency's staged facts in a run: everything the reconciler sees of it. Every table
	 * read here is in {@link CarryOver#FACT_TABLES}, whose files decide whether an incremental run
	 * may carry the constituency's outcome over instead of reconciling it: a table read here and
	 * not listed there would let a change go unseen.
	 */
	public ConstituencyFacts load(long runId, String code) {
		Constituency constituency = jdbc.queryForObject(
				"SELECT CODE, NAME, REGION, COUNTY, AREA, ALIASES FROM RECON_CONSTITUENCY WHERE RUN_ID = ? AND CODE = ?",
				(rs, i) -> new Constituency(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
						rs.getString(5), aliases(rs.getString(6))),
				runId, code);
		List<String> sheets = jdbc.queryForList("SELECT SOURCE FROM RECON_VERIFICATION_SHEET WHERE RUN_ID = ?"
				+ " AND CONSTITUENCY_CODE = ? ORDER BY SOURCE", String.class, runId, code);
		List<BallotBox> boxes = new java.util.ArrayList<>();
		BoxBlocks.forEachBox(jdbc, runId, code, boxes::add);
		List<StatedFigure> stated = jdbc.query("SELECT KIND, FIGURE_VALUE, DECIMALS, SOURCE FROM RECON_STATED_FIGURE"
				+ " WHERE RUN_ID = ? AND CONSTITUENCY_CODE = ? ORDER BY SOURCE",
				(rs, i) -> new StatedFigure(code, StatedFigure.Kind.valueOf(rs.getString(1)),
						rs.getBigDecimal(2).stripTrailingZeros(), rs.getInt(3), rs.getString(4)),
				runId, code);
		List<DeclaredResult> declarations = jdbc.query("SELECT FILE_NAME, ELECTORATE, ELECTORATE_SOURCE, VALID_VOTES,"
				+ " VALID_VOTES_SOURCE, REJECTED, REJECTED_SOURCE, MAJORITY, MAJORITY_SOURCE, RESULT_LABEL, RESULT_SOURCE,"
				+ " FIRST_PARTY, FIRST_PARTY_SOURCE, MEMBER_FIRST_NAME, MEMBER_SURNAME, MEMBER_SOURCE FROM RECON_DECLARATION"
				+ " WHERE RUN_ID = ? AND CONSTITUENCY_CODE = ? ORDER BY SEQ",
				(rs, i) -> new DeclaredResult(code, rs.getString(1), (Long) rs.getObject(2, Long.class), rs.getString(3),
						rs.getObject(4, Long.class), rs.getString(5), rs.getObject(6, Long.class), rs.getString(7),
						rs.getObject(8, Long.class), rs.getString(9), rs.getString(10), rs.getString(11),
						rs.getString(12), rs.getString(13), rs.getString(14), rs.getString(15), rs.getString(16)),
				runId, code);
		// a row a file and chunk, each holding its parties (DeclaredPartyVotesText): all of them, in source order
		List<DeclaredPartyVotes> partyVotes = new java.util.ArrayList<>();
		jdbc.query("SELECT PARTY_VOTES FROM RECON_DECLARED_PARTY_VOTES WHERE RUN_ID = ? AND CONSTITUENCY_CODE = ?"
				+ " ORDER BY FILE_SEQ", (RowCallbackHandler) rs -> partyVotes
					.addAll(DeclaredPartyVotesText.parse(code, rs.getString(1))), runId, code);
		partyVotes.sort(DeclaredPartyVotesText.SOURCE_ORDER);
		List<CandidateVotes> candidates = jdbc.query("SELECT FIRST_NAME, SURNAME, PARTY, VOTES, ELECTED, SOURCE"
				+ " FROM RECON_CANDIDATE WHERE RUN_ID = ? AND CONSTITUENCY_CODE = ? ORDER BY SEQ",
				(rs, i) -> new CandidateVotes(code, rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
						rs.getObject(5, Boolean.class), rs.getString(6)),
				runId, code);
		List<NotionalResult> notionals = jdbc.query("SELECT ELECTORATE, TURNOUT, TOTAL_VOTES, PARTY_VOTES, WINNER,"
				+ " SECOND_PARTY, SOURCE, ELECTORATE_SOURCE, WINNER_SOURCE FROM RECON_NOTIONAL WHERE RUN_ID = ? AND CONSTITUENCY_CODE = ?"
				+ " ORDER BY SOURCE",
				(rs, i) -> new NotionalResult(code, rs.getLong(1), rs.getBigDecimal(2),
						rs.getLong(3), PartyVotesText.parse(rs.getString(4)), rs.getString(5), rs.getString(6),
						rs.getString(7), rs.getString(8), rs.getString(9)),
				runId, code);
		List<DeclaredBreakdown> breakdowns = jdbc.query("SELECT FILE_NAME, VOTES_CAST, VOTES_CAST_SOURCE,"
				+ " REJECTED_BY_CATEGORY, REJECTED_SOURCE FROM RECON_DECLARED_BREAKDOWN WHERE RUN_ID = ?"
				+ " AND CONSTITUENCY_CODE = ? ORDER BY FILE_NAME",
				(rs, i) -> new DeclaredBreakdown(code, rs.getString(1), rs.getObject(2, Long.class), rs.getString(3),
						PartyVotesText.parse(rs.getString(4)), rs.getString(5)),
				runId, code);
		List<ReportedFigure> reported = jdbc.query("SELECT FIGURE, FIGURE_VALUE, DECIMALS, REPORTED_AT, OUTLET, SOURCE"
				+ " FROM RECON_REPORTED WHERE RUN_ID = ? AND CONSTITUENCY_CODE = ? ORDER BY SEQ",
				(rs, i) -> new ReportedFigure(code, rs.getString(1), rs.getBigDecimal(2), rs.getInt(3), rs.getString(4),
						rs.getString(5), rs.getString(6)),
				runId, code);
		// declarations arrive in file-name order (SEQ follows the files); the merge uses the later file on a conflict
		NotionalResult notional = notionals.isEmpty() ? null : notionals.get(notionals.size() - 1);
		List<RejectedFigure> rejected = jdbc.query("SELECT KIND, ITEM, SOURCE, REASON FROM RECON_REJECTED_FIGURE"
				+ " WHERE RUN_ID = ? AND CONSTITUENCY_CODE = ? ORDER BY SEQ",
				(rs, i) -> new RejectedFigure(code, RejectedFigure.Kind.valueOf(rs.getString(1)), rs.getString(2),
						rs.getString(3), rs.getString(4)),
				runId, code);
		return new ConstituencyFacts(constituency, sheets, boxes, stated, null, partyVotes, candidates, notional,
				declarations, breakdowns, reported, rejected);
	}
}
