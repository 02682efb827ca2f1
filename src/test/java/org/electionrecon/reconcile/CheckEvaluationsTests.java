package org.electionrecon.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.electionrecon.model.CheckCode;
import org.electionrecon.model.CheckEvaluation;
import org.electionrecon.model.StatedFigure;
import org.junit.jupiter.api.Test;

class CheckEvaluationsTests {

	private final ConstituencyReconciler reconciler = new ConstituencyReconciler(Thresholds.defaults());

	private Map<CheckCode, CheckEvaluation> evaluations(ConstituencyFacts facts) {
		ConstituencyReconciler.Outcome outcome = reconciler.reconcile(facts);
		assertThat(outcome.evaluations()).extracting(CheckEvaluation::check)
			.containsExactlyElementsOf(CheckEvaluations.CONSTITUENCY_CHECKS);
		return outcome.evaluations().stream().collect(Collectors.toMap(CheckEvaluation::check, e -> e));
	}

	private static CheckEvaluation counted(CheckCode check, int evaluated, int failed) {
		return new CheckEvaluation(check, evaluated, failed, null);
	}

	private static CheckEvaluation not(CheckCode check, String because) {
		return CheckEvaluation.notEvaluated(check, because);
	}

	@Test
	void shouldCountEveryCheckAConsistentSeatPassed() {
		ConstituencyFacts stafford = Facts.stafford().build();

		List<CheckEvaluation> e = reconciler.reconcile(stafford).evaluations();

		assertThat(e).containsExactly(counted(CheckCode.BOX_VARIANCE, stafford.boxes().size(), 0),
				counted(CheckCode.VERIFIED_TOTAL_MISMATCH, 2, 0), counted(CheckCode.COUNT_VS_VERIFIED, 1, 0),
				counted(CheckCode.ELECTORATE_MISMATCH, 1, 0), counted(CheckCode.TURNOUT_STATED_MISMATCH, 1, 0),
				not(CheckCode.REJECTED_BREAKDOWN_MISMATCH, "no rejected ballots by category or votes cast"),
				// the stated valid votes and the six party columns
				counted(CheckCode.VOTES_TOTAL_MISMATCH, 7, 0), counted(CheckCode.WINNER_MISMATCH, 1, 0),
				counted(CheckCode.MAJORITY_MISMATCH, 1, 0), counted(CheckCode.RESULT_LABEL_MISMATCH, 1, 0),
				counted(CheckCode.REJECTED_RATE_OUTLIER, 1, 0), counted(CheckCode.ELECTORATE_CHANGE_OUTLIER, 1, 0),
				counted(CheckCode.NO_BASELINE, 1, 0), counted(CheckCode.MISSING_VERIFICATION, 1, 0),
				counted(CheckCode.MISSING_DECLARATION, 1, 0), counted(CheckCode.MISSING_CONSTITUENCY, 1, 0),
				counted(CheckCode.DUPLICATE_RECORD, 1, 0),
				not(CheckCode.REPORTED_FIGURE_MISMATCH, "no reported/ figures"),
				not(CheckCode.REPORTED_BASELINE_MISMATCH, "no reported/ figures"),
				not(CheckCode.INPUT_REVISED, "no previous completed run of this election"));
		assertThat(stafford.boxes()).hasSizeGreaterThan(1);
	}

	@Test
	void shouldCountAFailedEvaluationForEachFindingOfACheckEvaluatedPerFigure() {
		ConstituencyFacts facts = Facts.stafford().withoutNotional()
			.withoutStated(StatedFigure.Kind.VERIFIED_TOTAL)
			.statedVerifiedTotal(46_170)
			.rejected(161L)
			.majority(4_596L)
			.build();

		Map<CheckCode, CheckEvaluation> e = evaluations(facts);

		assertThat(e.get(CheckCode.VERIFIED_TOTAL_MISMATCH)).isEqualTo(counted(CheckCode.VERIFIED_TOTAL_MISMATCH, 2, 1));
		assertThat(e.get(CheckCode.COUNT_VS_VERIFIED)).isEqualTo(counted(CheckCode.COUNT_VS_VERIFIED, 1, 1));
		assertThat(e.get(CheckCode.MAJORITY_MISMATCH)).isEqualTo(counted(CheckCode.MAJORITY_MISMATCH, 1, 1));
		assertThat(e.get(CheckCode.NO_BASELINE)).isEqualTo(counted(CheckCode.NO_BASELINE, 1, 1));
		assertThat(e.get(CheckCode.ELECTORATE_CHANGE_OUTLIER))
			.isEqualTo(not(CheckCode.ELECTORATE_CHANGE_OUTLIER, "no notional 2019 figures"));
		assertThat(e.get(CheckCode.RESULT_LABEL_MISMATCH))
			.isEqualTo(not(CheckCode.RESULT_LABEL_MISMATCH, "no notional 2019 winner"));
	}

	@Test
	void shouldCountEachBoxOnceAndEveryDifferingBoxAsFailedWhetherNettedOrNot() {
		ConstituencyFacts facts = Facts.stafford()
			.box("X1", "Village Hall", 500, 501)
			.box("X2", "Village Hall", 400, 399)
			.box("X3", "School", 300, 298)
			.build();

		ConstituencyReconciler.Outcome outcome = reconciler.reconcile(facts);

		// two findings: the station's INFO for X1 and X2, and X3's WARNING; three boxes failed
		assertThat(outcome.findings().stream().filter(f -> f.check() == CheckCode.BOX_VARIANCE)).hasSize(2);
		assertThat(outcome.evaluations().get(0))
			.isEqualTo(counted(CheckCode.BOX_VARIANCE, Facts.stafford().build().boxes().size() + 3, 3));
	}

	@Test
	void shouldSayWhyNothingWasEvaluatedForASeatWithNeitherSource() {
		Map<CheckCode, CheckEvaluation> e = evaluations(Facts.constituency("E14001538", "Tamworth").build());

		assertThat(e.get(CheckCode.MISSING_CONSTITUENCY)).isEqualTo(counted(CheckCode.MISSING_CONSTITUENCY, 1, 1));
		assertThat(e.get(CheckCode.BOX_VARIANCE))
			.isEqualTo(not(CheckCode.BOX_VARIANCE, "no verification statement or declaration"));
		assertThat(e.get(CheckCode.MISSING_VERIFICATION)).isEqualTo(not(CheckCode.MISSING_VERIFICATION, "no declaration"));
		assertThat(e.get(CheckCode.MISSING_DECLARATION))
			.isEqualTo(not(CheckCode.MISSING_DECLARATION, "no verification statement"));
		assertThat(e.values().stream().filter(v -> v.evaluated() > 0).map(CheckEvaluation::check).toList())
			.isEqualTo(List.of(CheckCode.MISSING_CONSTITUENCY));
	}

	@Test
	void shouldNotEvaluateWhatAMissingFolderStandsFor() {
		ConstituencyFacts unverified = Facts.stafford().withoutVerification().withoutNotional().build();

		ConstituencyReconciler.Outcome outcome = reconciler.reconcile(unverified, null, 3,
				java.util.Set.of(org.electionrecon.ingest.SourceKind.VERIFICATION,
						org.electionrecon.ingest.SourceKind.NOTIONAL));
		Map<CheckCode, CheckEvaluation> e = outcome.evaluations().stream()
			.collect(Collectors.toMap(CheckEvaluation::check, v -> v));

		assertThat(outcome.findings()).isEmpty();
		assertThat(e.get(CheckCode.MISSING_VERIFICATION))
			.isEqualTo(not(CheckCode.MISSING_VERIFICATION, "verification/ gave nothing (SOURCE_MISSING)"));
		assertThat(e.get(CheckCode.NO_BASELINE))
			.isEqualTo(not(CheckCode.NO_BASELINE, "notional/ gave nothing (SOURCE_MISSING)"));
		assertThat(e.get(CheckCode.COUNT_VS_VERIFIED))
			.isEqualTo(not(CheckCode.COUNT_VS_VERIFIED, "no verification statement"));
		assertThat(e.get(CheckCode.INPUT_REVISED))
			.isEqualTo(not(CheckCode.INPUT_REVISED, "not in the previous completed run (3)"));
	}
}
