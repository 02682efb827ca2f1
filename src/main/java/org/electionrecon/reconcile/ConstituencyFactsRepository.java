package org.electionrecon.reconcile;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.electionrecon.model.BallotBox;
import org.electionrecon.model.CandidateVotes;
import org.electionrecon.model.Constituency;
import org.electionrecon.model.DeclaredBreakdown;
import org.electionrecon.model.DeclaredPartyVotes;
import org.electionrecon.model.DeclaredResult;
import org.electionrecon.model.NotionalResult;
import org.electionrecon.model.ReportedFigure;
import org.electionrecon.model.StatedFigure;
import org.electionrecon.staging.BoxBlocks;
import org.electionrecon.staging.PartyVotesText;
import org.springframework.jdbc.core.JdbcTemplate;

/** Reads one constituency's staged facts back, and which constituencies a run reconciles. */
public class ConstituencyFactsRepository {

	private final JdbcTemplate jdbc;

	public ConstituencyFactsRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
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
	 * The latest earlier completed run of the same election, whose inputs a new run is compared
	 * with for {@code INPUT_REVISED}; {@code null} when there is none.
	 */
	public Long previousCompletedRun(long runId, String election) {
		return jdbc.queryForObject("SELECT MAX(I.JOB_INSTANCE_ID) FROM BATCH_JOB_INSTANCE I JOIN BATCH_JOB_EXECUTION E"
				+ " ON E.JOB_INSTANCE_ID = I.JOB_INSTANCE_ID JOIN BATCH_JOB_EXECUTION_PARAMS P"
				+ " ON P.JOB_EXECUTION_ID = E.JOB_EXECUTION_ID WHERE I.JOB_NAME = ? AND E.STATUS = 'COMPLETED'"
				+ " AND P.PARAMETER_NAME = 'election' AND P.PARAMETER_VALUE = ? AND I.JOB_INSTANCE_ID < ?", Long.class,
				org.electionrecon.ReconciliationJobConfiguration.JOB_NAME, election, runId);
	}

	public List<Constituency> register(long runId) {
		return jdbc.query("SELECT CODE, NAME, REGION, COUNTY, AREA, ALIASES FROM RECON_CONSTITUENCY WHERE RUN_ID = ?"
				+ " ORDER BY CODE", (rs, i) -> new Constituency(rs.getString(1), rs.getString(2), rs.getString(3),
						rs.getString(4), rs.getString(5), aliases(rs.getString(6))), runId);
	}

	private static List<String> aliases(String text) {
		return text == null || text.isEmpty() ? List.of() : Arrays.asList(text.split(";"));
	}

	/** The facts of a constituency in a run, or {@code null} when that run's register lacks it. */
	public ConstituencyFacts loadIfStaged(long runId, String code) {
		return loadAll(runId, List.of(code)).get(code);
	}

	/**
	 * The facts of the constituencies in a run, by code; a code that run's register lacks is left
	 * out. Each table is read once per {@link #CODES_PER_QUERY} constituencies rather than once per
	 * constituency, with the same statement text every time, so the database compiles few.
	 */
	public Map<String, ConstituencyFacts> loadAll(long runId, List<String> codes) {
		Map<String, ConstituencyFacts> facts = new HashMap<>();
		for (int from = 0; from < codes.size(); from += CODES_PER_QUERY) {
			loadSome(runId, codes.subList(from, Math.min(codes.size(), from + CODES_PER_QUERY)), facts);
		}
		return facts;
	}

	/** Constituencies read by one query: the statements have this many placeholders, whatever the count asked for. */
	static final int CODES_PER_QUERY = 25;

	private static final String IN_CODES = " IN (" + "?, ".repeat(CODES_PER_QUERY - 1) + "?)";

	private void loadSome(long runId, List<String> codes, Map<String, ConstituencyFacts> into) {
		// the run, then the codes, the last repeated to fill every placeholder
		Object[] args = new Object[1 + CODES_PER_QUERY];
		args[0] = runId;
		for (int i = 0; i < CODES_PER_QUERY; i++) {
			args[1 + i] = codes.get(Math.min(i, codes.size() - 1));
		}
		Map<String, Constituency> register = new HashMap<>();
		jdbc.query("SELECT CODE, NAME, REGION, COUNTY, AREA, ALIASES FROM RECON_CONSTITUENCY WHERE RUN_ID = ?"
				+ " AND CODE" + IN_CODES, rs -> {
					register.put(rs.getString(1), new Constituency(rs.getString(1), rs.getString(2), rs.getString(3),
							rs.getString(4), rs.getString(5), aliases(rs.getString(6))));
				}, args);
		Map<String, List<String>> sheets = byCode("SELECT CONSTITUENCY_CODE, SOURCE FROM RECON_VERIFICATION_SHEET"
				+ " WHERE RUN_ID = ? AND CONSTITUENCY_CODE" + IN_CODES + " ORDER BY CONSTITUENCY_CODE, SOURCE",
				(rs, code) -> rs.getString(2), args);
		Map<String, List<BallotBox>> boxes = new HashMap<>();
		jdbc.query("SELECT CONSTITUENCY_CODE, DATA FROM RECON_BOX_BLOCK WHERE RUN_ID = ? AND CONSTITUENCY_CODE"
				+ IN_CODES + " ORDER BY CONSTITUENCY_CODE, SEQ", rs -> {
					String code = rs.getString(1);
					BoxBlocks.decode(code, rs.getBytes(2), boxes.computeIfAbsent(code, c -> new ArrayList<>())::add);
				}, args);
		Map<String, List<StatedFigure>> stated = byCode("SELECT CONSTITUENCY_CODE, KIND, FIGURE_VALUE, DECIMALS,"
				+ " SOURCE FROM RECON_STATED_FIGURE WHERE RUN_ID = ? AND CONSTITUENCY_CODE" + IN_CODES
				+ " ORDER BY CONSTITUENCY_CODE, SOURCE",
				(rs, code) -> new StatedFigure(code, StatedFigure.Kind.valueOf(rs.getString(2)),
						rs.getBigDecimal(3).stripTrailingZeros(), rs.getInt(4), rs.getString(5)),
				args);
		Map<String, List<DeclaredResult>> declarations = byCode("SELECT CONSTITUENCY_CODE, FILE_NAME, ELECTORATE,"
				+ " ELECTORATE_SOURCE, VALID_VOTES, VALID_VOTES_SOURCE, REJECTED, REJECTED_SOURCE, MAJORITY,"
				+ " MAJORITY_SOURCE, RESULT_LABEL, RESULT_SOURCE, FIRST_PARTY, FIRST_PARTY_SOURCE, MEMBER_FIRST_NAME,"
				+ " MEMBER_SURNAME, MEMBER_SOURCE FROM RECON_DECLARATION WHERE RUN_ID = ? AND CONSTITUENCY_CODE"
				+ IN_CODES + " ORDER BY CONSTITUENCY_CODE, SEQ",
				(rs, code) -> new DeclaredResult(code, rs.getString(2), rs.getObject(3, Long.class), rs.getString(4),
						rs.getObject(5, Long.class), rs.getString(6), rs.getObject(7, Long.class), rs.getString(8),
						rs.getObject(9, Long.class), rs.getString(10), rs.getString(11), rs.getString(12),
						rs.getString(13), rs.getString(14), rs.getString(15), rs.getString(16), rs.getString(17)),
				args);
		Map<String, List<DeclaredPartyVotes>> partyVotes = byCode("SELECT CONSTITUENCY_CODE, PARTY, VOTES, SOURCE"
				+ " FROM RECON_DECLARED_PARTY_VOTES WHERE RUN_ID = ? AND CONSTITUENCY_CODE" + IN_CODES
				+ " ORDER BY CONSTITUENCY_CODE, SOURCE",
				(rs, code) -> new DeclaredPartyVotes(code, rs.getString(2), rs.getLong(3), rs.getString(4)), args);
		Map<String, List<CandidateVotes>> candidates = byCode("SELECT CONSTITUENCY_CODE, FIRST_NAME, SURNAME, PARTY,"
				+ " VOTES, ELECTED, SOURCE FROM RECON_CANDIDATE WHERE RUN_ID = ? AND CONSTITUENCY_CODE" + IN_CODES
				+ " ORDER BY CONSTITUENCY_CODE, SEQ",
				(rs, code) -> new CandidateVotes(code, rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5),
						rs.getObject(6, Boolean.class), rs.getString(7)),
				args);
		Map<String, List<NotionalResult>> notionals = byCode("SELECT CONSTITUENCY_CODE, ELECTORATE, TURNOUT,"
				+ " TOTAL_VOTES, PARTY_VOTES, WINNER, SECOND_PARTY, SOURCE FROM RECON_NOTIONAL WHERE RUN_ID = ?"
				+ " AND CONSTITUENCY_CODE" + IN_CODES + " ORDER BY CONSTITUENCY_CODE, SOURCE",
				(rs, code) -> new NotionalResult(code, rs.getLong(2), rs.getBigDecimal(3), rs.getLong(4),
						PartyVotesText.parse(rs.getString(5)), rs.getString(6), rs.getString(7), rs.getString(8)),
				args);
		Map<String, List<DeclaredBreakdown>> breakdowns = byCode("SELECT CONSTITUENCY_CODE, FILE_NAME, VOTES_CAST,"
				+ " VOTES_CAST_SOURCE, REJECTED_BY_CATEGORY, REJECTED_SOURCE FROM RECON_DECLARED_BREAKDOWN"
				+ " WHERE RUN_ID = ? AND CONSTITUENCY_CODE" + IN_CODES + " ORDER BY CONSTITUENCY_CODE, FILE_NAME",
				(rs, code) -> new DeclaredBreakdown(code, rs.getString(2), rs.getObject(3, Long.class), rs.getString(4),
						PartyVotesText.parse(rs.getString(5)), rs.getString(6)),
				args);
		Map<String, List<ReportedFigure>> reported = byCode("SELECT CONSTITUENCY_CODE, FIGURE, FIGURE_VALUE, DECIMALS,"
				+ " REPORTED_AT, OUTLET, SOURCE FROM RECON_REPORTED WHERE RUN_ID = ? AND CONSTITUENCY_CODE" + IN_CODES
				+ " ORDER BY CONSTITUENCY_CODE, SEQ",
				(rs, code) -> new ReportedFigure(code, rs.getString(2), rs.getBigDecimal(3), rs.getInt(4),
						rs.getString(5), rs.getString(6), rs.getString(7)),
				args);
		for (String code : codes) {
			Constituency constituency = register.get(code);
			if (constituency == null) {
				continue;
			}
			// declarations arrive in file-name order (SEQ follows the files); the merge uses the later file on a conflict
			List<NotionalResult> notional = notionals.getOrDefault(code, List.of());
			into.put(code, new ConstituencyFacts(constituency, sheets.getOrDefault(code, List.of()),
					boxes.getOrDefault(code, List.of()), stated.getOrDefault(code, List.of()), null,
					partyVotes.getOrDefault(code, List.of()), candidates.getOrDefault(code, List.of()),
					notional.isEmpty() ? null : notional.get(notional.size() - 1),
					declarations.getOrDefault(code, List.of()), breakdowns.getOrDefault(code, List.of()),
					reported.getOrDefault(code, List.of())));
		}
	}

	/** A row of a table of facts, given the constituency code of its first column. */
	@FunctionalInterface
	private interface FactMapper<T> {
		T map(ResultSet rs, String code) throws SQLException;
	}

	/** The rows of a query whose first column is the constituency code, by code, in the query's order. */
	private <T> Map<String, List<T>> byCode(String sql, FactMapper<T> mapper, Object[] args) {
		Map<String, List<T>> rows = new HashMap<>();
		jdbc.query(sql, rs -> {
			String code = rs.getString(1);
			rows.computeIfAbsent(code, c -> new ArrayList<>()).add(mapper.map(rs, code));
		}, args);
		return rows;
	}
}
