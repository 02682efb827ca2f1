package org.electionrecon.reconcile;

import java.util.List;

import org.electionrecon.model.CheckCode;
import org.electionrecon.model.FindingStatus;
import org.electionrecon.staging.CheckCountsText;
import org.electionrecon.staging.StagingTables;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes the outcome of constituencies carried over ({@link CarryOver}) into a run: each one's
 * figures, findings and check counts copied from the previous run, set-based ({@code INSERT ...
 * SELECT}), with what the run legitimately changes put right: the findings as the reconciler
 * writes them ({@code OPEN}, no note: operators' notes are applied later, by areaChecksStep), and
 * {@code INPUT_REVISED} as the revision rules give it for facts equal to the previous run's (no
 * finding; evaluated once, passed).
 */
final class CarriedOutcomes {

	private static final String RECONCILE = StagingTables.Stage.RECONCILE.name();

	private static final String FIGURES_COLUMNS = "CODE, NAME, AREA, ELECTORATE, VERIFIED, VALID_VOTES, REJECTED,"
			+ " TURNOUT, TURNOUT_BASIS, VALID_VOTE_TURNOUT, NOTIONAL_TURNOUT, TURNOUT_CHANGE, WINNER, PARTY, WINNER_VOTES,"
			+ " SHARE, RUNNER_UP_PARTY, MAJORITY, MAJORITY_PERCENT, RESULT_LABEL, NOTIONAL_WINNER, SWING, BOXES,"
			+ " ELECTORATE_SOURCE, VERIFIED_SOURCE, DECLARATION_SOURCE, NOTIONAL_SOURCE, TURNOUT_SOURCE";

	private static final String FINDING_COLUMNS = "SEVERITY, CHECK_CODE, CONSTITUENCY_CODE, CONSTITUENCY_NAME, BOX,"
			+ " EXPECTED, ACTUAL, DIFF, MESSAGE, SOURCE";

	private final JdbcTemplate jdbc;

	CarriedOutcomes(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Copies the outcome of each constituency of {@code codes} from run {@code fromRun} into run
	 * {@code runId}. Within the caller's transaction; the run must hold no outcome of them yet.
	 */
	void copy(long runId, long fromRun, List<String> codes) {
		for (int from = 0; from < codes.size(); from += CODES_PER_STATEMENT) {
			copyPart(runId, fromRun, codes.subList(from, Math.min(codes.size(), from + CODES_PER_STATEMENT)));
		}
	}

	/** Codes named in one statement's {@code IN} list: well below either database's limit of parameters. */
	private static final int CODES_PER_STATEMENT = 500;

	private void copyPart(long runId, long fromRun, List<String> codes) {
		// the run and the constants are in the statements (a parameter in a select list has no type);
		// each table's rows of all the codes are copied by one statement
		String in = in(codes);
		Object[] arguments = arguments(fromRun, codes);
		jdbc.update("INSERT INTO RECON_FIGURES (RUN_ID, " + FIGURES_COLUMNS + ") SELECT " + runId + ", " + FIGURES_COLUMNS
				+ " FROM RECON_FIGURES WHERE RUN_ID = ? AND CODE" + in, arguments);
		// FILE_SEQ is the ingest's: the reconciler's findings have none
		jdbc.update("INSERT INTO RECON_FINDING (RUN_ID, FILE_SEQ, STAGE, STATUS, NOTE, " + FINDING_COLUMNS + ")"
				+ " SELECT " + runId + ", NULL, STAGE, '" + FindingStatus.OPEN.name() + "', NULL, " + FINDING_COLUMNS
				+ " FROM RECON_FINDING WHERE RUN_ID = ? AND CONSTITUENCY_CODE" + in + " AND STAGE = '" + RECONCILE + "'"
				+ " AND CHECK_CODE <> '" + CheckCode.INPUT_REVISED.name() + "'", arguments);
		// the facts are the previous run's: the revision rules find nothing, and the check was evaluated;
		// INPUT_REVISED's counts are a column of their own, so the other checks' are copied as they are
		String unrevised = CheckCountsText.format(List.of(CheckEvaluations.inputRevised(true, fromRun, 0)));
		jdbc.update("INSERT INTO RECON_CHECK_COUNT (RUN_ID, CONSTITUENCY_CODE, CHECK_COUNTS, INPUT_REVISED_COUNTS)"
				+ " SELECT " + runId + ", CONSTITUENCY_CODE, CHECK_COUNTS, '" + unrevised.replace("'", "''") + "'"
				+ " FROM RECON_CHECK_COUNT WHERE RUN_ID = ? AND CONSTITUENCY_CODE" + in, arguments);
	}

	/**
	 * Deletes what reconcileStep wrote of these constituencies in a run (figures, findings, check
	 * counts), so that a restarted step writes each of them once.
	 */
	void delete(long runId, List<String> codes) {
		for (int from = 0; from < codes.size(); from += CODES_PER_STATEMENT) {
			List<String> part = codes.subList(from, Math.min(codes.size(), from + CODES_PER_STATEMENT));
			Object[] arguments = arguments(runId, part);
			String in = in(part);
			jdbc.update("DELETE FROM RECON_FIGURES WHERE RUN_ID = ? AND CODE" + in, arguments);
			jdbc.update("DELETE FROM RECON_FINDING WHERE RUN_ID = ? AND CONSTITUENCY_CODE" + in + " AND STAGE = '"
					+ RECONCILE + "'", arguments);
			jdbc.update("DELETE FROM RECON_CHECK_COUNT WHERE RUN_ID = ? AND CONSTITUENCY_CODE" + in, arguments);
		}
	}

	/** {@code  IN (?, ?, ...)}, a parameter for each code. */
	private static String in(List<String> codes) {
		return " IN (" + String.join(", ", java.util.Collections.nCopies(codes.size(), "?")) + ")";
	}

	/** The run, then the codes. */
	private static Object[] arguments(long run, List<String> codes) {
		Object[] arguments = new Object[codes.size() + 1];
		arguments[0] = run;
		for (int i = 0; i < codes.size(); i++) {
			arguments[i + 1] = codes.get(i);
		}
		return arguments;
	}
}
