package org.electionrecon.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.electionrecon.model.CheckCode.COUNT_VS_VERIFIED;
import static org.electionrecon.model.CheckCode.ELECTORATE_MISMATCH;
import static org.electionrecon.model.CheckCode.REJECTED_RATE_OUTLIER;
import static org.electionrecon.model.CheckCode.TURNOUT_STATED_MISMATCH;
import static org.electionrecon.model.Severity.ERROR;
import static org.electionrecon.model.Severity.WARNING;
import static org.electionrecon.reconcile.Findings.assertFindings;
import static org.electionrecon.reconcile.Findings.finding;

import java.math.BigDecimal;
import java.util.List;

import org.electionrecon.model.CheckCode;
import org.electionrecon.model.Finding;
import org.electionrecon.model.Severity;
import org.electionrecon.model.StatedFigure;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CountRulesTests {

	/** The HoC constituency file's cells: its sheet is the file name cut at 31 characters, as Excel names it. */
	private static final String HOC = "'declarations/[HoC-GE2024-results-by-constituency.csv]HoC-GE2024-results-by-constitue'!";

	private static final String NEWCASTLE_SHEET = "'verification/[newcastle-under-lyme.xlsx]Newcastle-under-Lyme'!";

	private static final String STAFFORD_SHEET = "'verification/[stafford.xlsx]Stafford'!";

	private static final String STAFFORD_LGA = "'declarations/[stafford-lga.csv]stafford-lga'!";

	private static final String NEWCASTLE_LGA = "'declarations/[newcastle-under-lyme-lga.csv]newcastle-under-lyme-lga'!L2";

	private final CountRules rules = new CountRules(Thresholds.defaults());

	private List<Finding> check(ConstituencyFacts facts) {
		return rules.check(facts, ConstituencyFiguresCalculator.turnout(facts));
	}

	@Test
	void shouldFindNothingWhenCountElectorateTurnoutAndRejectedRateAgree() {
		assertThat(check(Facts.stafford().build())).isEmpty();
		assertThat(check(Facts.staffordshireMoorlands().build())).isEmpty();
		assertThat(check(Facts.congleton().build())).isEmpty();
	}

	@Nested
	class CountVsVerified {

		@Test
		void shouldReportWarningWhenNewcastleUnderLymeCountsFourFewerThanVerified() {
			ConstituencyFacts facts = Facts.newcastleUnderLyme().build();

			List<Finding> findings = check(facts);

			assertFindings(findings, finding(WARNING, COUNT_VS_VERIFIED, facts, null, "39780", "39776",
					"-4", "verified: " + NEWCASTLE_SHEET + "E10:E15; valid votes: " + HOC + "P8; rejected: " + HOC + "Q8"));
			assertThat(findings.get(0).message()).isEqualTo("Newcastle-under-Lyme: declared valid votes + rejected"
					+ " (39,618 + 158 = 39,776) differ from the 39,780 ballot papers verified by 4");
		}

		@Test
		void shouldReportWarningWhenCannockChaseCountsOneFewerThanVerified() {
			ConstituencyFacts facts = Facts.cannockChase().build();

			assertFindings(check(facts), finding(WARNING, COUNT_VS_VERIFIED, facts, null, "43073",
					"43072", "-1", "verified: 'verification/[cannock-chase.xlsx]Cannock Chase'!E10:E15; valid votes: " + HOC
							+ "P3; rejected: " + HOC + "Q3"));
		}

		@ParameterizedTest(name = "rejected {0}: counted {1}, {2}")
		@CsvSource({ "151, 46160, WARNING", "150, 46159, ERROR", "169, 46178, WARNING", "170, 46179, ERROR",
				"1160, 47169, ERROR" })
		void shouldGradeAtTheThresholdOfTenPapersEitherWay(long rejected, long counted, Severity severity) {
			ConstituencyFacts facts = Facts.stafford().rejected(rejected).build();

			assertThat(check(facts)).filteredOn(f -> f.check() == CheckCode.COUNT_VS_VERIFIED)
				.usingRecursiveFieldByFieldElementComparatorIgnoringFields("message", "difference")
				.containsExactly(finding(severity, CheckCode.COUNT_VS_VERIFIED, facts, null, "46169",
						Long.toString(counted), null,
						"verified: " + STAFFORD_SHEET + "E10:E15; valid votes: " + HOC + "P9; rejected: " + HOC + "Q9"));
			assertThat(check(facts).get(0).difference()).isEqualByComparingTo(BigDecimal.valueOf(counted - 46_169));
		}

		@Test
		void shouldNameEveryVerificationStatementInTheSource() {
			// Facts numbers the rows on from the first statement's, so the second statement's box is on row 16
			ConstituencyFacts facts = Facts.newcastleUnderLyme()
				.verificationStatement("verification/newcastle-recount.xlsx", "Newcastle-under-Lyme")
				.box("B101", "Knutton Community Centre (NK1)", 2, 2)
				.build();

			assertThat(check(facts)).extracting(Finding::source)
				.containsExactly("verified: " + NEWCASTLE_SHEET + "E10:E15,"
						+ " 'verification/[newcastle-recount.xlsx]Newcastle-under-Lyme'!E16; valid votes: " + HOC
						+ "P8; rejected: " + HOC + "Q8");
		}

		@Test
		void shouldNotCompareWithoutAVerificationStatement() {
			assertThat(check(Facts.newcastleUnderLyme().withoutVerification().build())).isEmpty();
		}

		@Test
		void shouldNotCompareWhenTheStatementHasNoBoxes() {
			ConstituencyFacts facts = Facts.newcastleUnderLyme().withoutBoxes().withoutStated(StatedFigure.Kind.TURNOUT)
				.build();

			assertThat(check(facts)).isEmpty();
		}

		@Test
		void shouldNotCompareWithoutDeclaredRejectedBallots() {
			ConstituencyFacts facts = Facts.newcastleUnderLyme().rejected(null).withoutStated(StatedFigure.Kind.TURNOUT)
				.build();

			assertThat(check(facts)).isEmpty();
		}

		@Test
		void shouldNotCompareWithoutADeclaration() {
			ConstituencyFacts facts = Facts.newcastleUnderLyme().withoutDeclaration().build();

			assertThat(check(facts)).isEmpty();
		}
	}

	@Nested
	class ElectorateMismatch {

		@Test
		void shouldReportErrorWhenTheStatementCarriesThePreRevisionElectorate() {
			ConstituencyFacts facts = Facts.congleton().withoutStated(StatedFigure.Kind.ELECTORATE)
				.statedElectorate(72_914)
				.build();

			List<Finding> findings = check(facts);

			assertFindings(findings, finding(ERROR, ELECTORATE_MISMATCH, facts, null, "74243", "72914",
					"-1329", "declared electorate: " + HOC
							+ "O4; stated electorate: 'verification/[cheshire-east-council.xlsx]Congleton'!B5"));
			assertThat(findings.get(0).message()).isEqualTo(
					"Congleton: the verification statement's electorate (72,914) differs from the declared electorate"
							+ " (74,243)");
		}

		@Test
		void shouldNotCompareWhenTheDeclarationGivesNoElectorate() {
			ConstituencyFacts facts = Facts.congleton().electorate(null).withoutStated(StatedFigure.Kind.ELECTORATE)
				.statedElectorate(72_914)
				.withoutStated(StatedFigure.Kind.TURNOUT)
				.build();

			assertThat(check(facts)).isEmpty();
		}

		@Test
		void shouldNotCompareWithoutADeclaration() {
			ConstituencyFacts facts = Facts.congleton().withoutDeclaration().build();

			assertThat(check(facts)).isEmpty();
		}
	}

	@Nested
	class StatedTurnout {

		@ParameterizedTest(name = "{0} with {1} decimals matches 46,169 / 70,608")
		@CsvSource({ "65.39, 2", "65.4, 1", "65, 0", "65.388, 3", "65.3878, 4", "65.40, 1" })
		void shouldAcceptAStatedTurnoutThatMatchesAtItsOwnDecimals(String stated, int decimals) {
			ConstituencyFacts facts = Facts.stafford().withoutStated(StatedFigure.Kind.TURNOUT)
				.statedTurnout(stated, decimals)
				.build();

			assertThat(check(facts)).isEmpty();
		}

		@Test
		void shouldReportWarningWhenStatedTurnoutDiffersAtItsDecimals() {
			ConstituencyFacts facts = Facts.stafford().withoutStated(StatedFigure.Kind.TURNOUT)
				.statedTurnout("65.38", 2)
				.build();

			List<Finding> findings = check(facts);

			assertFindings(findings, finding(WARNING, TURNOUT_STATED_MISMATCH, facts, null, "65.39",
					"65.38", "-0.01", "electorate: " + HOC + "O9; verified: " + STAFFORD_SHEET + "E10:E15; stated turnout: "
							+ STAFFORD_SHEET + "B7"));
			assertThat(findings.get(0).message()).isEqualTo("Stafford: stated turnout 65.38% differs from 65.39%"
					+ " computed as ballot papers verified / electorate (46,169 / 70,608)");
		}

		@Test
		void shouldReportWarningWhenAOneDecimalTurnoutIsRoundedTheWrongWay() {
			ConstituencyFacts facts = Facts.stafford().withoutStated(StatedFigure.Kind.TURNOUT)
				.statedTurnout("65.3", 1)
				.build();

			assertFindings(check(facts), finding(WARNING, TURNOUT_STATED_MISMATCH, facts, null, "65.4",
					"65.3", "-0.1", "electorate: " + HOC + "O9; verified: " + STAFFORD_SHEET + "E10:E15; stated turnout: "
							+ STAFFORD_SHEET + "B7"));
		}

		@Test
		void shouldRoundAnExactHalfUp() {
			// 13,077 / 20,000 = 65.385% exactly
			Facts half = Facts.constituency("E14001513", "Stafford")
				.verificationStatement("verification/stafford.xlsx", "Stafford")
				.statedElectorate(20_000)
				.box("B001", "St Mark's Church Hall (SH1)", 13_077, 13_077);

			assertThat(check(half.statedTurnout("65.39", 2).build())).isEmpty();
			assertThat(check(half.withoutStated(StatedFigure.Kind.TURNOUT).statedTurnout("65.38", 2).build()))
				.extracting(Finding::expected, Finding::actual)
				.containsExactly(tuple("65.39", "65.38"));
		}

		@Test
		void shouldCompareWithTurnoutFromTheDeclarationWhenThereIsNoVerificationStatement() {
			// (39,618 + 158) / 67,815 = 58.65%, where the verified 39,780 would give 58.66%
			Facts newcastle = Facts.newcastleUnderLyme().withoutVerification();
			ConstituencyFacts agreeing = newcastle.stated(StatedFigure.Kind.TURNOUT, new BigDecimal("58.65"), 2,
					NEWCASTLE_LGA).build();

			assertThat(check(agreeing)).isEmpty();

			ConstituencyFacts differing = newcastle.withoutStated(StatedFigure.Kind.TURNOUT)
				.stated(StatedFigure.Kind.TURNOUT, new BigDecimal("58.66"), 2, NEWCASTLE_LGA)
				.build();
			List<Finding> findings = check(differing);
			assertFindings(findings, finding(WARNING, TURNOUT_STATED_MISMATCH, differing, null,
					"58.65", "58.66", "0.01", "electorate: " + HOC + "O8; valid votes: " + HOC + "P8; rejected: " + HOC
							+ "Q8; stated turnout: " + NEWCASTLE_LGA));
			assertThat(findings.get(0).message()).isEqualTo("Newcastle-under-Lyme: stated turnout 58.66% differs from"
					+ " 58.65% computed as (valid + rejected) / electorate (39,776 / 67,815)");
		}

		@Test
		void shouldCheckEveryStatedTurnout() {
			ConstituencyFacts facts = Facts.stafford()
				.stated(StatedFigure.Kind.TURNOUT, new BigDecimal("65.4"), 1, STAFFORD_LGA + "N2")
				.stated(StatedFigure.Kind.TURNOUT, new BigDecimal("72.7"), 1, STAFFORD_LGA + "N3")
				.build();

			assertFindings(check(facts), finding(WARNING, TURNOUT_STATED_MISMATCH, facts, null, "65.4",
					"72.7", "7.3", "electorate: " + HOC + "O9; verified: " + STAFFORD_SHEET + "E10:E15; stated turnout: "
							+ STAFFORD_LGA + "N3"));
		}

		@Test
		void shouldNotCheckWithoutAnElectorate() {
			ConstituencyFacts facts = Facts.stafford().electorate(null).withoutStated(StatedFigure.Kind.ELECTORATE)
				.statedTurnout("12.34", 2)
				.build();

			assertThat(check(facts)).isEmpty();
		}
	}

	@Nested
	class RejectedRate {

		@Test
		void shouldReportWarningForStoneGreatWyrleyAndPenkridge() {
			ConstituencyFacts facts = Facts.stoneGreatWyrleyAndPenkridge().build();

			List<Finding> findings = check(facts);

			assertFindings(findings, finding(WARNING, REJECTED_RATE_OUTLIER, facts, null, "1.0", "1.67",
					"0.67", "valid votes: " + HOC + "P14; rejected: " + HOC + "Q14"));
			assertThat(findings.get(0).message()).isEqualTo("Stone, Great Wyrley and Penkridge: 727 ballots rejected of"
					+ " 43,497 (1.67%), above the 1.0% threshold");
		}

		@Test
		void shouldNotReportARateOfExactlyOnePercent() {
			// 430 of 43,000
			ConstituencyFacts facts = Facts.stoneGreatWyrleyAndPenkridge().validVotes(42_570L).rejected(430L).build();

			assertThat(check(facts)).filteredOn(f -> f.check() == CheckCode.REJECTED_RATE_OUTLIER).isEmpty();
		}

		@Test
		void shouldReportARateJustAboveOnePercentEvenThoughItShowsAsOnePercent() {
			// 435 of 43,497 = 1.00007%
			ConstituencyFacts facts = Facts.stoneGreatWyrleyAndPenkridge().validVotes(43_062L).rejected(435L).build();

			assertFindings(check(facts), finding(WARNING, REJECTED_RATE_OUTLIER, facts, null, "1.0",
					"1.00", "0", "valid votes: " + HOC + "P14; rejected: " + HOC + "Q14"));
		}

		@Test
		void shouldNotReportTheNeighboursRates() {
			assertThat(check(Facts.stafford().build())).isEmpty(); // 160 of 46,169 = 0.35%
			assertThat(check(Facts.staffordshireMoorlands().build())).isEmpty(); // 188 of 43,490 = 0.43%
		}

		@Test
		void shouldCheckTheRateWithoutAVerificationStatement() {
			ConstituencyFacts facts = Facts.stoneGreatWyrleyAndPenkridge().withoutVerification().build();

			assertThat(check(facts)).extracting(Finding::check).containsExactly(CheckCode.REJECTED_RATE_OUTLIER);
		}

		@Test
		void shouldNotCheckWhenNothingWasCast() {
			ConstituencyFacts facts = Facts.stoneGreatWyrleyAndPenkridge().withoutVerification().validVotes(0L)
				.rejected(0L)
				.build();

			assertThat(check(facts)).isEmpty();
		}
	}

	@Test
	void shouldReportCountThenElectorateThenTurnoutThenRejectedRate() {
		ConstituencyFacts facts = Facts.stoneGreatWyrleyAndPenkridge().rejected(737L)
			.withoutStated(StatedFigure.Kind.ELECTORATE)
			.statedElectorate(71_651)
			.withoutStated(StatedFigure.Kind.TURNOUT)
			.statedTurnout("60.7", 1)
			.build();

		String sheet = "'verification/[stone-great-wyrley-and-penkridge.xlsx]Stone, Great Wyrley and Penkrid'!";
		assertFindings(check(facts),
				finding(ERROR, COUNT_VS_VERIFIED, facts, null, "43497", "43507", "10",
						"verified: " + sheet + "E10:E15; valid votes: " + HOC + "P14; rejected: " + HOC + "Q14"),
				finding(ERROR, ELECTORATE_MISMATCH, facts, null, "71561", "71651", "90",
						"declared electorate: " + HOC + "O14; stated electorate: " + sheet + "B5"),
				finding(WARNING, TURNOUT_STATED_MISMATCH, facts, null, "60.8", "60.7", "-0.1",
						"electorate: " + HOC + "O14; verified: " + sheet + "E10:E15; stated turnout: " + sheet + "B7"),
				finding(WARNING, REJECTED_RATE_OUTLIER, facts, null, "1.0", "1.69", "0.69",
						"valid votes: " + HOC + "P14; rejected: " + HOC + "Q14"));
	}
}
