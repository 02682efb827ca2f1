package org.electionrecon.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.electionrecon.model.CheckCode.ELECTORATE_CHANGE_OUTLIER;
import static org.electionrecon.model.CheckCode.NO_BASELINE;
import static org.electionrecon.model.Severity.INFO;
import static org.electionrecon.model.Severity.WARNING;
import static org.electionrecon.reconcile.Findings.assertFindings;
import static org.electionrecon.reconcile.Findings.finding;

import java.math.BigDecimal;
import java.util.List;

import org.electionrecon.model.CheckCode;
import org.electionrecon.model.Finding;
import org.electionrecon.model.StatedFigure;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BaselineRulesTests {

	/** The HoC constituency file's cells: its sheet is the file name cut at 31 characters, as Excel names it. */
	private static final String HOC = "'declarations/[HoC-GE2024-results-by-constituency.csv]HoC-GE2024-results-by-constitue'!";

	/** Stafford's notional electorate cell. */
	private static final String STAFFORD_NOTIONAL = "'notional/[RallingsThrasher-2019-notional-results-2024-boundaries.csv]"
			+ "RallingsThrasher-2019-notional-'!J9";

	private final BaselineRules rules = new BaselineRules(Thresholds.defaults());

	@Test
	void shouldFindNothingWhenTheElectorateIsCloseToTheNotionalOne() {
		assertThat(rules.check(Facts.stafford().build())).isEmpty(); // 70,608 vs 70,537: +0.10%
		assertThat(rules.check(Facts.cannockChase().build())).isEmpty(); // 76,974 vs 75,582: +1.84%
		assertThat(rules.check(Facts.newcastleUnderLyme().build())).isEmpty(); // 67,815 vs 70,025: -3.16%
		assertThat(rules.check(Facts.congleton().build())).isEmpty(); // 74,243 vs 69,836: +6.31%
	}

	@Nested
	class NoBaseline {

		@Test
		void shouldReportInfoWhenThereAreNoNotionalFigures() {
			ConstituencyFacts facts = Facts.stafford().withoutNotional().build();

			List<Finding> findings = rules.check(facts);

			assertFindings(findings, finding(INFO, NO_BASELINE, facts, null, null, null, null, null));
			assertThat(findings.get(0).message())
				.isEqualTo("Stafford: no notional 2019 figures, so no turnout change, swing or result label");
		}

		@Test
		void shouldNotCheckTheElectorateChangeWithoutABaseline() {
			ConstituencyFacts facts = Facts.stafford().withoutNotional().electorate(140_000L).build();

			assertThat(rules.check(facts)).extracting(Finding::check).containsExactly(CheckCode.NO_BASELINE);
		}
	}

	@Nested
	class ElectorateChange {

		@Test
		void shouldReportWarningWhenTheElectorateIsMoreThanTenPercentAboveTheNotionalOne() {
			// 70,537 × 1.1 = 77,590.7, so 77,591 is 10.0004% above
			ConstituencyFacts facts = Facts.stafford().electorate(77_591L).build();

			List<Finding> findings = rules.check(facts);

			assertFindings(findings, finding(WARNING, ELECTORATE_CHANGE_OUTLIER, facts, null, "70537",
					"77591", "7054", "notional electorate: " + STAFFORD_NOTIONAL + "; electorate: " + HOC + "O9"));
			assertThat(findings.get(0).message()).isEqualTo("Stafford: electorate 77,591 is 10.00% above the notional"
					+ " 2019 electorate of 70,537 (threshold 10%)");
		}

		@Test
		void shouldReportWarningWhenTheElectorateIsMoreThanTenPercentBelowTheNotionalOne() {
			// 70,537 × 0.9 = 63,483.3, so 63,483 is 10.0004% below
			ConstituencyFacts facts = Facts.stafford().electorate(63_483L).build();

			List<Finding> findings = rules.check(facts);

			assertFindings(findings, finding(WARNING, ELECTORATE_CHANGE_OUTLIER, facts, null, "70537",
					"63483", "-7054", "notional electorate: " + STAFFORD_NOTIONAL + "; electorate: " + HOC + "O9"));
			assertThat(findings.get(0).message()).isEqualTo("Stafford: electorate 63,483 is 10.00% below the notional"
					+ " 2019 electorate of 70,537 (threshold 10%)");
		}

		@ParameterizedTest
		@ValueSource(longs = { 77_590, 63_484, 70_537 })
		void shouldNotReportAChangeOfTenPercentOrLess(long electorate) {
			assertThat(rules.check(Facts.stafford().electorate(electorate).build())).isEmpty();
		}

		@Test
		void shouldNotReportAChangeOfExactlyTenPercent() {
			ConstituencyFacts facts = Facts.stafford()
				.notional(9, 70_000, "72.7", 51_311, Facts.partyVotes("Con", 29_731, "Lab", 16_011), "Con", "Lab")
				.electorate(77_000L)
				.build();

			assertThat(rules.check(facts)).isEmpty();
		}

		@Test
		void shouldUseTheStatementsElectorateWhenThereIsNoDeclaration() {
			ConstituencyFacts facts = Facts.stafford().withoutDeclaration()
				.withoutStated(StatedFigure.Kind.ELECTORATE)
				.statedElectorate(80_000)
				.build();

			assertFindings(rules.check(facts), finding(WARNING, ELECTORATE_CHANGE_OUTLIER, facts, null,
					"70537", "80000", "9463", "notional electorate: " + STAFFORD_NOTIONAL
							+ "; electorate: 'verification/[stafford.xlsx]Stafford'!B5"));
		}

		@Test
		void shouldUseTheDeclaredElectorateRatherThanTheStatements() {
			ConstituencyFacts facts = Facts.stafford().withoutStated(StatedFigure.Kind.ELECTORATE)
				.statedElectorate(80_000)
				.build();

			assertThat(rules.check(facts)).isEmpty();
		}

		@Test
		void shouldNotCheckWithoutAnyElectorate() {
			ConstituencyFacts facts = Facts.stafford().withoutVerification().withoutConstituencyLine().build();

			assertThat(rules.check(facts)).isEmpty();
		}

		@Test
		void shouldNotCheckAgainstANotionalElectorateOfZero() {
			ConstituencyFacts facts = Facts.stafford()
				.notional(9, 0, "72.7", 51_311, Facts.partyVotes("Con", 29_731), "Con", "Lab")
				.build();

			assertThat(rules.check(facts)).isEmpty();
		}

		@Test
		void shouldReportTheDifferenceInElectorsNotPercent() {
			ConstituencyFacts facts = Facts.stafford().electorate(77_591L).build();

			assertThat(rules.check(facts).get(0).difference()).isEqualByComparingTo(new BigDecimal("7054"));
		}
	}

	@Test
	void shouldLeaveNoBaselineToARunLevelSourceMissingAndNameARejectedNotionalRow() {
		ConstituencyFacts facts = Facts.stafford().withoutNotional().build();

		assertThat(rules.check(facts, java.util.Set.of(org.electionrecon.ingest.SourceKind.NOTIONAL))).isEmpty();
		assertThat(rules.check(facts.withRejected(List.of(new org.electionrecon.model.RejectedFigure("E14001513",
				org.electionrecon.model.RejectedFigure.Kind.NOTIONAL, "the notional row",
				"'notional/[n.csv]n'!J9", "notional electorate is blank (a blank is not zero)")))))
			.extracting(org.electionrecon.model.Finding::message, org.electionrecon.model.Finding::source)
			.containsExactly(org.assertj.core.api.Assertions.tuple("Stafford: no notional 2019 figures, so no turnout"
					+ " change, swing or result label; its notional row was rejected: the notional row, rejected at"
					+ " 'notional/[n.csv]n'!J9 (notional electorate is blank (a blank is not zero))",
					"left out: 'notional/[n.csv]n'!J9"));
	}
}
