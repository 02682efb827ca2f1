package org.electionrecon.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.electionrecon.model.CheckCode.COUNT_VS_VERIFIED;
import static org.electionrecon.model.CheckCode.MISSING_CONSTITUENCY;
import static org.electionrecon.model.CheckCode.REJECTED_RATE_OUTLIER;
import static org.electionrecon.model.Severity.WARNING;
import static org.electionrecon.reconcile.Findings.assertFindings;
import static org.electionrecon.reconcile.Findings.finding;

import org.electionrecon.model.CheckCode;
import org.electionrecon.model.Finding;
import org.electionrecon.model.StatedFigure;
import org.junit.jupiter.api.Test;

class ConstituencyReconcilerTests {

	/** The HoC constituency file's cells: its sheet is the file name cut at 31 characters, as Excel names it. */
	private static final String HOC = "'declarations/[HoC-GE2024-results-by-constituency.csv]HoC-GE2024-results-by-constitue'!";

	private final ConstituencyReconciler reconciler = new ConstituencyReconciler(Thresholds.defaults());

	@Test
	void shouldFindNothingInAConsistentSeatAndComputeItsFigures() {
		ConstituencyFacts facts = Facts.stafford().build();

		ConstituencyReconciler.Outcome outcome = reconciler.reconcile(facts);

		assertThat(outcome.findings()).isEmpty();
		assertThat(outcome.figures()).isEqualTo(ConstituencyFiguresCalculator.compute(facts));
	}

	@Test
	void shouldReportTheKnownDiscrepanciesOfTheRealSeats() {
		ConstituencyFacts newcastle = Facts.newcastleUnderLyme().build();
		ConstituencyFacts cannock = Facts.cannockChase().build();
		ConstituencyFacts stone = Facts.stoneGreatWyrleyAndPenkridge().build();

		assertFindings(reconciler.reconcile(newcastle).findings(),
				finding(WARNING, COUNT_VS_VERIFIED, newcastle, null, "39780", "39776", "-4",
						"verified: 'verification/[newcastle-under-lyme.xlsx]Newcastle-under-Lyme'!E10:E15; valid votes: " + HOC
								+ "P8; rejected: " + HOC + "Q8"));
		assertFindings(reconciler.reconcile(cannock).findings(),
				finding(WARNING, COUNT_VS_VERIFIED, cannock, null, "43073", "43072", "-1",
						"verified: 'verification/[cannock-chase.xlsx]Cannock Chase'!E10:E15; valid votes: " + HOC + "P3; rejected: "
								+ HOC + "Q3"));
		assertFindings(reconciler.reconcile(stone).findings(), finding(WARNING, REJECTED_RATE_OUTLIER, stone, null,
				"1.0", "1.67", "0.67", "valid votes: " + HOC + "P14; rejected: " + HOC + "Q14"));
		assertThat(reconciler.reconcile(Facts.staffordshireMoorlands().build()).findings()).isEmpty();
		assertThat(reconciler.reconcile(Facts.congleton().build()).findings()).isEmpty();
	}

	@Test
	void shouldReportCoverageThenVerificationThenCountThenResultThenBaseline() {
		ConstituencyFacts facts = Facts.stafford().withoutNotional()
			.withoutStated(StatedFigure.Kind.VERIFIED_TOTAL)
			.statedVerifiedTotal(46_170)
			.rejected(161L)
			.majority(4_596L)
			.build();

		assertThat(reconciler.reconcile(facts).findings()).extracting(Finding::check)
			.containsExactly(CheckCode.VERIFIED_TOTAL_MISMATCH, CheckCode.COUNT_VS_VERIFIED,
					CheckCode.MAJORITY_MISMATCH, CheckCode.NO_BASELINE);

		ConstituencyFacts unverified = Facts.stafford().withoutVerification().withoutNotional().build();
		assertThat(reconciler.reconcile(unverified).findings()).extracting(Finding::check)
			.containsExactly(CheckCode.MISSING_VERIFICATION, CheckCode.NO_BASELINE);
	}

	@Test
	void shouldReportOnlyTheMissingConstituencyWhenASeatHasNeitherSource() {
		ConstituencyFacts facts = Facts.constituency("E14001538", "Tamworth").build();

		ConstituencyReconciler.Outcome outcome = reconciler.reconcile(facts);

		assertFindings(outcome.findings(), finding(WARNING, MISSING_CONSTITUENCY, facts, null,
				"a verification statement and a declaration", null, null, null));
		assertThat(outcome.figures().code()).isEqualTo("E14001538");
		assertThat(outcome.figures().turnout()).isNull();
	}

	@Test
	void shouldCheckAVerifiedButUndeclaredSeatAgainstItsStatementAndBaseline() {
		ConstituencyFacts facts = Facts.stafford().withoutDeclaration().build();

		ConstituencyReconciler.Outcome outcome = reconciler.reconcile(facts);

		assertThat(outcome.findings()).extracting(Finding::check).containsExactly(CheckCode.MISSING_DECLARATION);
		assertThat(outcome.figures().electorate()).isEqualTo(70_608L);
		assertThat(outcome.figures().turnout()).isEqualByComparingTo("65.39");
	}
}
