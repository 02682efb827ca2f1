package org.electionrecon.report;

import java.util.EnumMap;
import java.util.Map;

import org.electionrecon.model.CheckCode;

/**
 * The check catalogue of docs/checks.md as the Checks sheet shows it: each check's severity, what
 * makes it fire and what one evaluation of it is, and the setting that holds its threshold.
 */
final class CheckCatalogue {

	/**
	 * @param severity the severity as the catalogue gives it
	 * @param description when the check fires, then its unit of evaluation
	 * @param setting the setting that holds its threshold, or {@code null}
	 */
	record Entry(String severity, String description, String setting) {
	}

	private static final Map<CheckCode, Entry> ENTRIES = new EnumMap<>(CheckCode.class);

	static {
		put(CheckCode.BOX_VARIANCE, "WARNING; ERROR at the threshold (papers) or more; INFO for boxes of one polling station that net to zero",
				"A box's verified papers differ from its ballot paper account (issued). Evaluated per box; a box that differs fails, and the boxes of one station that net to zero share one INFO finding.",
				"recon.checks.box-variance-error-at");
		put(CheckCode.VERIFIED_TOTAL_MISMATCH, "ERROR",
				"A stated total verified (a key-value line or a Total row) differs from the sum of the boxes. Evaluated per stated total.",
				null);
		put(CheckCode.COUNT_VS_VERIFIED, "WARNING under the threshold (papers), else ERROR",
				"Declared valid votes + rejected differ from the ballot papers verified. Evaluated per constituency with both figures.",
				"recon.checks.count-vs-verified-error-at");
		put(CheckCode.ELECTORATE_MISMATCH, "ERROR",
				"The electorate on the verification statement differs from the declared electorate. Evaluated per electorate stated on a verification statement, where there is a declared one.",
				null);
		put(CheckCode.TURNOUT_STATED_MISMATCH, "WARNING",
				"A stated turnout differs from the computed turnout rounded to the stated decimals. Evaluated per stated turnout, where a turnout can be computed.",
				null);
		put(CheckCode.REJECTED_BREAKDOWN_MISMATCH, "ERROR",
				"Rejected ballots by category do not sum to the rejected total, or a stated votes-cast total differs from valid + rejected. Evaluated per comparison (up to two per council breakdown).",
				null);
		put(CheckCode.VOTES_TOTAL_MISMATCH, "ERROR",
				"Stated valid votes (or a party column of a constituency file) differ from the sum of the candidates' votes. Evaluated per stated total.",
				null);
		put(CheckCode.WINNER_MISMATCH, "ERROR",
				"The declared winner (Elected flag, first party, member) is not the candidate with the most votes, or two candidates tie for first. Evaluated per constituency with candidates' votes; one constituency may give several findings.",
				null);
		put(CheckCode.MAJORITY_MISMATCH, "ERROR",
				"A stated majority differs from first minus second. Evaluated per constituency with a stated majority and a winner.",
				null);
		put(CheckCode.RESULT_LABEL_MISMATCH, "ERROR",
				"A stated result differs from the one computed from the 2024 winner and the notional 2019 winner. Evaluated per constituency with a stated result and both winners.",
				null);
		put(CheckCode.REJECTED_RATE_OUTLIER, "WARNING",
				"Rejected / (valid + rejected) is above the threshold (percent). Evaluated per constituency with declared valid votes and rejected.",
				"recon.checks.rejected-rate-max-percent");
		put(CheckCode.TURNOUT_CHANGE_OUTLIER, "WARNING",
				"The turnout change against notional 2019 is further than the threshold (points) from the area's median change. Evaluated per constituency with a turnout change.",
				"recon.checks.turnout-change-max-points");
		put(CheckCode.ELECTORATE_CHANGE_OUTLIER, "WARNING",
				"The electorate differs from the notional 2019 electorate by more than the threshold (percent). Evaluated per constituency with both electorates.",
				"recon.checks.electorate-change-max-percent");
		put(CheckCode.NO_BASELINE, "INFO",
				"A constituency has no notional 2019 figures. Evaluated per constituency with a verification statement or a declaration.",
				null);
		put(CheckCode.MISSING_VERIFICATION, "ERROR",
				"A constituency has a declaration but no verification statement. Evaluated per constituency with a declaration.",
				null);
		put(CheckCode.MISSING_DECLARATION, "ERROR",
				"A constituency has a verification statement but no declaration. Evaluated per constituency with a verification statement.",
				null);
		put(CheckCode.MISSING_CONSTITUENCY, "WARNING",
				"A register constituency of a report area in the run has neither a verification statement nor a declaration. Evaluated per constituency of the area.",
				null);
		put(CheckCode.DUPLICATE_RECORD, "WARNING for identical copies, ERROR for different figures",
				"The same box or candidate is supplied twice, or two declaring files differ on a field. Evaluated per constituency with a verification statement or a declaration; one constituency may give several findings.",
				null);
		put(CheckCode.UNKNOWN_CONSTITUENCY, "ERROR",
				"A constituency name or code matches no register entry, or more than one. Evaluated per readable file of verification/, declarations/ and notional/ (run-wide).",
				null);
		put(CheckCode.SOURCE_MISSING, "ERROR; WARNING for notional/",
				"A source folder gave nothing. Evaluated per folder: register/, verification/, declarations/ and notional/ (run-wide).",
				null);
		put(CheckCode.SOURCE_UNREADABLE, "ERROR",
				"A file or sheet cannot be read at all. Evaluated per input file read (run-wide, ignored files apart).",
				null);
		put(CheckCode.REPORTED_FIGURE_MISMATCH, "WARNING; ERROR for vote counts",
				"A figure in reported/ differs from the official one. Evaluated per reported figure that has an official one.",
				null);
		put(CheckCode.REPORTED_BASELINE_MISMATCH, "INFO",
				"A reported 2019 turnout differs from the notional 2019 turnout. Evaluated per reported 2019 turnout of a constituency with notional figures.",
				null);
		put(CheckCode.INPUT_REVISED, "INFO",
				"An input figure differs from the same figure in the previous completed run of the election. Evaluated per constituency that was in that run; one constituency may give several findings.",
				null);
		for (CheckCode check : CheckCode.values()) {
			if (!ENTRIES.containsKey(check)) {
				throw new ExceptionInInitializerError("the Checks sheet has no entry for " + check);
			}
		}
	}

	private CheckCatalogue() {
	}

	private static void put(CheckCode check, String severity, String description, String setting) {
		ENTRIES.put(check, new Entry(severity, description, setting));
	}

	static Entry of(CheckCode check) {
		return ENTRIES.get(check);
	}
}
