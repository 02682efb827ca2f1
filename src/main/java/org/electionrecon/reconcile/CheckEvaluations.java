package org.electionrecon.reconcile;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.electionrecon.ingest.SourceKind;
import org.electionrecon.model.BallotBox;
import org.electionrecon.model.CandidateVotes;
import org.electionrecon.model.CheckCode;
import org.electionrecon.model.CheckEvaluation;
import org.electionrecon.model.DeclaredBreakdown;
import org.electionrecon.model.DeclaredResult;
import org.electionrecon.model.Finding;
import org.electionrecon.model.ReportedFigure;
import org.electionrecon.model.StatedFigure;

/**
 * What each constituency-level check evaluated for one constituency, so that the Checks sheet can
 * tell "passed for 14 constituencies" from "never evaluated". Each check's unit is chosen so that
 * one evaluation gives at most one finding, except where noted: then Passed = Evaluated − Failed.
 * The conditions are the rules' own preconditions, in the same order; {@code CheckEvaluationsTests}
 * holds each rule to them.
 * <ul>
 * <li>{@code BOX_VARIANCE}: per box; failed = boxes that differ from their account (the boxes of a
 * station that net to zero share one INFO finding)</li>
 * <li>{@code WINNER_MISMATCH}, {@code DUPLICATE_RECORD}, {@code INPUT_REVISED}: per constituency,
 * failed when it has any such finding (one constituency may give several)</li>
 * <li>every other check here: per figure compared (a stated total, a stated turnout, a reported
 * figure, a breakdown's comparison) or per constituency, each giving at most one finding</li>
 * </ul>
 * The area-level and run-level checks ({@code TURNOUT_CHANGE_OUTLIER}, {@code UNKNOWN_CONSTITUENCY},
 * {@code SOURCE_MISSING}, {@code SOURCE_UNREADABLE}) are counted by the report from the staged run.
 */
public final class CheckEvaluations {

	/** The checks counted here, in catalogue order. */
	public static final List<CheckCode> CONSTITUENCY_CHECKS = List.of(CheckCode.BOX_VARIANCE,
			CheckCode.VERIFIED_TOTAL_MISMATCH, CheckCode.COUNT_VS_VERIFIED, CheckCode.ELECTORATE_MISMATCH,
			CheckCode.TURNOUT_STATED_MISMATCH, CheckCode.REJECTED_BREAKDOWN_MISMATCH, CheckCode.VOTES_TOTAL_MISMATCH,
			CheckCode.WINNER_MISMATCH, CheckCode.MAJORITY_MISMATCH, CheckCode.RESULT_LABEL_MISMATCH,
			CheckCode.REJECTED_RATE_OUTLIER, CheckCode.ELECTORATE_CHANGE_OUTLIER, CheckCode.NO_BASELINE,
			CheckCode.MISSING_VERIFICATION, CheckCode.MISSING_DECLARATION, CheckCode.MISSING_CONSTITUENCY,
			CheckCode.DUPLICATE_RECORD, CheckCode.REPORTED_FIGURE_MISMATCH, CheckCode.REPORTED_BASELINE_MISMATCH,
			CheckCode.INPUT_REVISED);

	static final String NO_SOURCES = "no verification statement or declaration";

	static final String NO_VERIFICATION = "no verification statement";

	static final String NO_DECLARED_TOTALS = "no declared totals";

	static final String NO_CANDIDATES = "no candidates' votes";

	static final String NO_NOTIONAL = "no notional 2019 figures";

	private CheckEvaluations() {
	}

	/**
	 * @param facts the constituency's facts, merged (as the rules see them)
	 * @param missingSources the folders with a run-level SOURCE_MISSING
	 * @param previous the constituency's facts in the previous completed run, or {@code null}
	 * @param previousRun that run, 0 when there is none
	 * @param findings every finding the rules made about the constituency
	 */
	public static List<CheckEvaluation> of(ConstituencyFacts facts, Set<SourceKind> missingSources,
			ConstituencyFacts previous, long previousRun, List<Finding> findings) {
		Map<CheckCode, Integer> found = new EnumMap<>(CheckCode.class);
		findings.forEach(f -> found.merge(f.check(), 1, Integer::sum));
		Tally tally = new Tally(found);
		boolean present = facts.hasVerification() || facts.hasDeclaration();
		DeclaredResult declared = facts.declaration();

		if (!present || !facts.hasVerification()) {
			tally.not(CheckCode.BOX_VARIANCE, present ? NO_VERIFICATION : NO_SOURCES);
			tally.not(CheckCode.VERIFIED_TOTAL_MISMATCH, present ? NO_VERIFICATION : NO_SOURCES);
		}
		else {
			List<BallotBox> boxes = facts.boxes();
			int differing = (int) boxes.stream().filter(b -> b.difference() != 0).count();
			tally.counted(CheckCode.BOX_VARIANCE, boxes.size(), differing, "no ballot boxes");
			tally.compared(CheckCode.VERIFIED_TOTAL_MISMATCH,
					count(facts, StatedFigure.Kind.VERIFIED_TOTAL, StatedFigure.Kind.VERIFIED_TOTAL_ROW),
					"no stated total verified");
		}
		if (!present) {
			for (CheckCode check : List.of(CheckCode.COUNT_VS_VERIFIED, CheckCode.ELECTORATE_MISMATCH,
					CheckCode.TURNOUT_STATED_MISMATCH, CheckCode.REJECTED_BREAKDOWN_MISMATCH,
					CheckCode.VOTES_TOTAL_MISMATCH, CheckCode.WINNER_MISMATCH, CheckCode.MAJORITY_MISMATCH,
					CheckCode.RESULT_LABEL_MISMATCH, CheckCode.REJECTED_RATE_OUTLIER,
					CheckCode.ELECTORATE_CHANGE_OUTLIER, CheckCode.NO_BASELINE)) {
				tally.not(check, NO_SOURCES);
			}
		}
		else {
			countChecks(facts, declared, tally);
			breakdowns(facts, declared, tally);
			resultChecks(facts, declared, tally);
			baselineChecks(facts, missingSources, tally);
		}
		coverage(facts, missingSources, tally);
		if (present) {
			tally.perConstituency(CheckCode.DUPLICATE_RECORD);
			reported(facts, tally);
		}
		else {
			tally.not(CheckCode.DUPLICATE_RECORD, NO_SOURCES);
			tally.not(CheckCode.REPORTED_FIGURE_MISMATCH, NO_SOURCES);
			tally.not(CheckCode.REPORTED_BASELINE_MISMATCH, NO_SOURCES);
		}
		tally.put(inputRevised(previous != null, previousRun, found.getOrDefault(CheckCode.INPUT_REVISED, 0)));
		return tally.inCatalogueOrder();
	}

	/** As CountRules. */
	private static void countChecks(ConstituencyFacts facts, DeclaredResult declared, Tally tally) {
		Long verified = ConstituencyFiguresCalculator.verified(facts);
		boolean counts = declared != null && declared.validVotes() != null && declared.rejected() != null;
		if (verified == null) {
			tally.not(CheckCode.COUNT_VS_VERIFIED, facts.hasVerification() ? "no ballot boxes" : NO_VERIFICATION);
		}
		else if (!counts) {
			tally.not(CheckCode.COUNT_VS_VERIFIED, declared == null ? NO_DECLARED_TOTALS
					: "no declared valid votes and rejected");
		}
		else {
			tally.compared(CheckCode.COUNT_VS_VERIFIED, 1, null);
		}

		int electorates = count(facts, StatedFigure.Kind.ELECTORATE);
		if (electorates == 0) {
			tally.not(CheckCode.ELECTORATE_MISMATCH, "no electorate on a verification statement");
		}
		else if (declared == null || declared.electorate() == null) {
			tally.not(CheckCode.ELECTORATE_MISMATCH, "no declared electorate");
		}
		else {
			tally.compared(CheckCode.ELECTORATE_MISMATCH, electorates, null);
		}

		int turnouts = count(facts, StatedFigure.Kind.TURNOUT, StatedFigure.Kind.DECLARED_TURNOUT);
		ConstituencyFiguresCalculator.Turnout turnout = ConstituencyFiguresCalculator.turnout(facts);
		if (turnouts == 0) {
			tally.not(CheckCode.TURNOUT_STATED_MISMATCH, "no stated turnout");
		}
		else if (turnout == null || turnout.exact() == null) {
			tally.not(CheckCode.TURNOUT_STATED_MISMATCH, "no computed turnout (no electorate, or no papers or votes)");
		}
		else {
			tally.compared(CheckCode.TURNOUT_STATED_MISMATCH, turnouts, null);
		}

		if (!counts) {
			tally.not(CheckCode.REJECTED_RATE_OUTLIER, declared == null ? NO_DECLARED_TOTALS
					: "no declared valid votes and rejected");
		}
		else if (Percent.of(declared.rejected(), declared.validVotes() + declared.rejected()) == null) {
			tally.not(CheckCode.REJECTED_RATE_OUTLIER, "no votes cast");
		}
		else {
			tally.compared(CheckCode.REJECTED_RATE_OUTLIER, 1, null);
		}
	}

	/** As BreakdownRules: two comparisons a breakdown, each where both sides are known. */
	private static void breakdowns(ConstituencyFacts facts, DeclaredResult declared, Tally tally) {
		int comparisons = 0;
		for (DeclaredBreakdown breakdown : facts.breakdowns()) {
			Long categories = breakdown.rejectedTotal();
			if (categories != null && declared != null && declared.rejected() != null) {
				comparisons++;
			}
			Long valid = ConstituencyFiguresCalculator.validVotes(facts);
			Long rejected = declared != null && declared.rejected() != null ? declared.rejected() : categories;
			if (breakdown.votesCast() != null && valid != null && rejected != null) {
				comparisons++;
			}
		}
		tally.compared(CheckCode.REJECTED_BREAKDOWN_MISMATCH, comparisons,
				facts.breakdowns().isEmpty() ? "no rejected ballots by category or votes cast"
						: "no rejected total or votes to compare the breakdown with");
	}

	/** As ResultRules. */
	private static void resultChecks(ConstituencyFacts facts, DeclaredResult declared, Tally tally) {
		List<CandidateVotes> candidates = facts.candidates();
		if (candidates.isEmpty()) {
			for (CheckCode check : List.of(CheckCode.VOTES_TOTAL_MISMATCH, CheckCode.WINNER_MISMATCH,
					CheckCode.MAJORITY_MISMATCH, CheckCode.RESULT_LABEL_MISMATCH)) {
				tally.not(check, NO_CANDIDATES);
			}
			return;
		}
		tally.perConstituency(CheckCode.WINNER_MISMATCH);
		if (declared == null) {
			for (CheckCode check : List.of(CheckCode.VOTES_TOTAL_MISMATCH, CheckCode.MAJORITY_MISMATCH,
					CheckCode.RESULT_LABEL_MISMATCH)) {
				tally.not(check, NO_DECLARED_TOTALS);
			}
			return;
		}
		tally.compared(CheckCode.VOTES_TOTAL_MISMATCH,
				(declared.validVotes() != null ? 1 : 0) + facts.declaredPartyVotes().size(), "no stated valid votes");
		ComputedResult result = ComputedResult.of(candidates);
		if (!result.hasWinner()) {
			tally.not(CheckCode.MAJORITY_MISMATCH, "a tie for first place");
			tally.not(CheckCode.RESULT_LABEL_MISMATCH, "a tie for first place");
			return;
		}
		tally.compared(CheckCode.MAJORITY_MISMATCH, declared.majority() != null ? 1 : 0, "no stated majority");
		if (declared.result() == null) {
			tally.not(CheckCode.RESULT_LABEL_MISMATCH, "no stated result");
		}
		else if (result.label(facts.notional() == null ? null : facts.notional().winner()) == null) {
			tally.not(CheckCode.RESULT_LABEL_MISMATCH, "no notional 2019 winner");
		}
		else {
			tally.compared(CheckCode.RESULT_LABEL_MISMATCH, 1, null);
		}
	}

	/** As BaselineRules. */
	private static void baselineChecks(ConstituencyFacts facts, Set<SourceKind> missingSources, Tally tally) {
		if (facts.notional() == null) {
			tally.not(CheckCode.ELECTORATE_CHANGE_OUTLIER, NO_NOTIONAL);
			if (missingSources.contains(SourceKind.NOTIONAL)) {
				tally.not(CheckCode.NO_BASELINE, "notional/ gave nothing (SOURCE_MISSING)");
			}
			else {
				tally.compared(CheckCode.NO_BASELINE, 1, null);
			}
			return;
		}
		tally.compared(CheckCode.NO_BASELINE, 1, null);
		if (ConstituencyFiguresCalculator.electorate(facts) == null) {
			tally.not(CheckCode.ELECTORATE_CHANGE_OUTLIER, "no electorate");
		}
		else if (facts.notional().electorate() <= 0) {
			tally.not(CheckCode.ELECTORATE_CHANGE_OUTLIER, "no notional 2019 electorate");
		}
		else {
			tally.compared(CheckCode.ELECTORATE_CHANGE_OUTLIER, 1, null);
		}
	}

	/** As CoverageRules. */
	private static void coverage(ConstituencyFacts facts, Set<SourceKind> missingSources, Tally tally) {
		if (!facts.hasDeclaration()) {
			tally.not(CheckCode.MISSING_VERIFICATION, "no declaration");
		}
		else if (missingSources.contains(SourceKind.VERIFICATION)) {
			tally.not(CheckCode.MISSING_VERIFICATION, "verification/ gave nothing (SOURCE_MISSING)");
		}
		else {
			tally.compared(CheckCode.MISSING_VERIFICATION, 1, null);
		}
		if (!facts.hasVerification()) {
			tally.not(CheckCode.MISSING_DECLARATION, NO_VERIFICATION);
		}
		else if (missingSources.contains(SourceKind.DECLARATIONS)) {
			tally.not(CheckCode.MISSING_DECLARATION, "declarations/ gave nothing (SOURCE_MISSING)");
		}
		else {
			tally.compared(CheckCode.MISSING_DECLARATION, 1, null);
		}
		tally.compared(CheckCode.MISSING_CONSTITUENCY, 1, null);
	}

	/** As ReportedRules: a reported figure is compared where the official one is known. */
	private static void reported(ConstituencyFacts facts, Tally tally) {
		int figures = 0;
		int baselines = 0;
		for (ReportedFigure reported : facts.reported()) {
			if (reported.isVotes()) {
				figures += facts.candidates().stream().anyMatch(c -> reported.party().equals(c.party())) ? 1 : 0;
				continue;
			}
			boolean known = switch (reported.figure()) {
				case "verified" -> ConstituencyFiguresCalculator.verified(facts) != null;
				case "electorate" -> ConstituencyFiguresCalculator.electorate(facts) != null;
				case "rejected" -> ConstituencyFiguresCalculator.rejected(facts) != null;
				case "turnout" -> ConstituencyFiguresCalculator.turnout(facts) != null;
				default -> false;
			};
			figures += known ? 1 : 0;
			if ("turnout_2019".equals(reported.figure()) && facts.notional() != null) {
				baselines++;
			}
		}
		boolean none = facts.reported().isEmpty();
		tally.compared(CheckCode.REPORTED_FIGURE_MISMATCH, figures,
				none ? "no reported/ figures" : "no official figure for the reported ones");
		tally.compared(CheckCode.REPORTED_BASELINE_MISMATCH, baselines,
				none ? "no reported/ figures"
						: facts.notional() == null ? NO_NOTIONAL : "no reported 2019 turnout");
	}

	private static int count(ConstituencyFacts facts, StatedFigure.Kind... kinds) {
		return (int) facts.stated().stream().filter(s -> List.of(kinds).contains(s.kind())).count();
	}

	/** The evaluations as they are worked out, each check once. */
	/**
	 * {@code INPUT_REVISED} for one constituency: evaluated once when the previous completed run
	 * staged it too, failed when the revision rules found any figure changed.
	 *
	 * @param inPreviousRun whether the previous completed run's register has the constituency
	 * @param previousRun that run, 0 when there is none
	 * @param revisions the INPUT_REVISED findings about it
	 */
	public static CheckEvaluation inputRevised(boolean inPreviousRun, long previousRun, int revisions) {
		Tally tally = new Tally(Map.of(CheckCode.INPUT_REVISED, revisions));
		if (inPreviousRun) {
			tally.perConstituency(CheckCode.INPUT_REVISED);
		}
		else {
			tally.not(CheckCode.INPUT_REVISED, previousRun == 0 ? "no previous completed run of this election"
					: "not in the previous completed run (" + previousRun + ")");
		}
		return tally.evaluations.get(CheckCode.INPUT_REVISED);
	}

	private static final class Tally {

		private final Map<CheckCode, Integer> found;

		private final Map<CheckCode, CheckEvaluation> evaluations = new EnumMap<>(CheckCode.class);

		Tally(Map<CheckCode, Integer> found) {
			this.found = found;
		}

		void not(CheckCode check, String because) {
			put(CheckEvaluation.notEvaluated(check, because));
		}

		/** Evaluations that each give at most one finding: the findings are the failed ones. */
		void compared(CheckCode check, int evaluated, String otherwise) {
			counted(check, evaluated, found.getOrDefault(check, 0), otherwise);
		}

		/** One evaluation for the constituency, failed when it gave any finding. */
		void perConstituency(CheckCode check) {
			counted(check, 1, Math.min(1, found.getOrDefault(check, 0)), null);
		}

		void counted(CheckCode check, int evaluated, int failed, String otherwise) {
			put(evaluated == 0 ? CheckEvaluation.notEvaluated(check, otherwise)
					: new CheckEvaluation(check, evaluated, failed, null));
		}

		void put(CheckEvaluation evaluation) {
			if (evaluations.put(evaluation.check(), evaluation) != null) {
				throw new IllegalStateException(evaluation.check() + " counted twice");
			}
		}

		List<CheckEvaluation> inCatalogueOrder() {
			List<CheckEvaluation> all = new ArrayList<>();
			for (CheckCode check : CONSTITUENCY_CHECKS) {
				CheckEvaluation evaluation = evaluations.get(check);
				if (evaluation == null) {
					throw new IllegalStateException(check + " not counted");
				}
				all.add(evaluation);
			}
			return all;
		}
	}
}
