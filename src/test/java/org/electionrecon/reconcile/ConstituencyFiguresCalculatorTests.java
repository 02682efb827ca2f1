package org.electionrecon.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Comparator;

import org.electionrecon.model.ConstituencyFigures;
import org.electionrecon.model.FigureSources;
import org.electionrecon.model.StatedFigure;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ConstituencyFiguresCalculatorTests {

	private static void assertFigures(ConstituencyFigures actual, ConstituencyFigures expected) {
		assertThat(actual).usingRecursiveComparison()
			.ignoringFields("sources") // SampleSourceReferencesTests follows them back to the inputs
			.withComparatorForType(Comparator.nullsFirst(BigDecimal::compareTo), BigDecimal.class)
			.isEqualTo(expected);
	}

	private static BigDecimal d(String value) {
		return value == null ? null : new BigDecimal(value);
	}

	@Nested
	class RealSeats {

		@Test
		void shouldComputeEveryFigureOfStafford() {
			ConstituencyFigures figures = ConstituencyFiguresCalculator.compute(Facts.stafford().build());

			assertFigures(figures, new ConstituencyFigures("E14001513", "Stafford", Facts.AREA, 70_608L, 46_169L,
					46_009L, 160L, d("65.39"), "verified", d("65.16"), d("72.70"), d("-7.31"), "Leigh Ingham", "Lab",
					18_531L, d("40.28"), "Con", 4_595L, d("9.99"), "Lab gain from Con", "Con", d("18.36"), 6, 0, 0, 0));
		}

		@Test
		void shouldCiteTheCellsOfEveryFigureOfStafford() {
			String hoc = "'declarations/[HoC-GE2024-results-by-constituency.csv]HoC-GE2024-results-by-constitue'!";
			String candidates = "'declarations/[HoC-GE2024-results-by-candidate.csv]HoC-GE2024-results-by-candidate'!";
			String boxes = "'verification/[stafford.xlsx]Stafford'!E10:E15";
			String notional = "'notional/[RallingsThrasher-2019-notional-results-2024-boundaries.csv]RallingsThrasher-2019-notional-'!";

			assertThat(ConstituencyFiguresCalculator.compute(Facts.stafford().build()).sources())
				.isEqualTo(new FigureSources(hoc + "O9", boxes,
						"valid votes: " + hoc + "P9; rejected: " + hoc + "Q9; winner's votes: " + candidates
								+ "S52; runner-up's votes: " + candidates + "S51",
						"turnout: " + notional + "I9; electorate: " + notional + "J9; winner: " + notional + "CM9",
						"electorate: " + hoc + "O9; verified: " + boxes));
		}

		@Test
		void shouldComputeCannockChasesTwentyFivePointSwingFromTheConservatives() {
			ConstituencyFigures figures = ConstituencyFiguresCalculator.compute(Facts.cannockChase().build());

			assertFigures(figures, new ConstituencyFigures("E14001150", "Cannock Chase", Facts.AREA, 76_974L, 43_073L,
					42_953L, 119L, d("55.96"), "verified", d("55.80"), d("61.30"), d("-5.34"), "Josh Newbury", "Lab",
					15_671L, d("36.48"), "Con", 3_125L, d("7.28"), "Lab gain from Con", "Con", d("25.10"), 6, 0, 0, 0));
		}

		@Test
		void shouldComputeNewcastleUnderLymeWithItsNotionalReformVotes() {
			ConstituencyFigures figures = ConstituencyFiguresCalculator.compute(Facts.newcastleUnderLyme().build());

			assertFigures(figures, new ConstituencyFigures("E14001380", "Newcastle-under-Lyme", Facts.AREA, 67_815L,
					39_780L, 39_618L, 158L, d("58.66"), "verified", d("58.42"), d("67.60"), d("-8.94"), "Adam Jogee",
					"Lab", 15_992L, d("40.37"), "Con", 5_069L, d("12.79"), "Lab gain from Con", "Con", d("15.12"), 6, 0,
					0, 0));
		}

		@Test
		void shouldSwingFromTheRunnerUpOnAHold() {
			// Staffordshire Moorlands: Con hold over Lab; Con -28.74, Lab +5.95, so -17.35 from Lab to Con
			ConstituencyFigures figures = ConstituencyFiguresCalculator.compute(Facts.staffordshireMoorlands().build());

			assertFigures(figures, new ConstituencyFigures("E14001514", "Staffordshire Moorlands", Facts.AREA, 69_892L,
					43_490L, 43_302L, 188L, d("62.22"), "verified", d("61.96"), d("67.30"), d("-5.08"), "Karen Bradley",
					"Con", 15_310L, d("35.36"), "Lab", 1_175L, d("2.71"), "Con hold", "Con", d("-17.35"), 6, 0, 0, 0));
		}

		@Test
		void shouldComputeAConservativeHoldWithOthersOnTheBallot() {
			ConstituencyFigures figures = ConstituencyFiguresCalculator
				.compute(Facts.stoneGreatWyrleyAndPenkridge().build());

			assertThat(figures.result()).isEqualTo("Con hold");
			assertThat(figures.turnout()).isEqualByComparingTo("60.78");
			assertThat(figures.validVoteTurnout()).isEqualByComparingTo("59.77");
			assertThat(figures.turnoutChange()).isEqualByComparingTo("-5.32");
			assertThat(figures.runnerUpParty()).isEqualTo("Lab");
			assertThat(figures.majority()).isEqualTo(5_466L);
		}
	}

	@Nested
	class TurnoutBasis {

		@Test
		void shouldUsePapersVerifiedOverTheElectorate() {
			ConstituencyFiguresCalculator.Turnout turnout = ConstituencyFiguresCalculator
				.turnout(Facts.stafford().build());

			assertThat(turnout.exact()).isEqualByComparingTo("65.38777475640154");
			assertThat(turnout.basis()).isEqualTo("verified");
			assertThat(turnout.description()).isEqualTo("ballot papers verified / electorate (46,169 / 70,608)");
		}

		@Test
		void shouldFallBackToValidPlusRejectedWithoutAVerificationStatement() {
			// (39,618 + 158) / 67,815 = 58.65%, where the 39,780 verified give 58.66%
			ConstituencyFacts facts = Facts.newcastleUnderLyme().withoutVerification().build();

			ConstituencyFiguresCalculator.Turnout turnout = ConstituencyFiguresCalculator.turnout(facts);
			ConstituencyFigures figures = ConstituencyFiguresCalculator.compute(facts);

			assertThat(turnout.basis()).isEqualTo("declared");
			assertThat(turnout.description()).isEqualTo("(valid + rejected) / electorate (39,776 / 67,815)");
			assertThat(figures.turnout()).isEqualByComparingTo("58.65");
			assertThat(figures.turnoutBasis()).isEqualTo("declared");
			assertThat(figures.turnoutChange()).isEqualByComparingTo("-8.95");
			assertThat(figures.verified()).isNull();
			assertThat(figures.boxes()).isZero();
			assertThat(figures.electorate()).isEqualTo(67_815L);
		}

		@Test
		void shouldFallBackToValidPlusRejectedWhenTheStatementHasNoBoxes() {
			ConstituencyFigures figures = ConstituencyFiguresCalculator
				.compute(Facts.newcastleUnderLyme().withoutBoxes().build());

			assertThat(figures.verified()).isNull();
			assertThat(figures.turnout()).isEqualByComparingTo("58.65");
			assertThat(figures.turnoutBasis()).isEqualTo("declared");
		}

		@Test
		void shouldUseTheCandidatesSumWhenNoValidVotesAreStated() {
			ConstituencyFacts facts = Facts.newcastleUnderLyme().withoutVerification().validVotes(null).build();

			assertThat(ConstituencyFiguresCalculator.validVotes(facts)).isEqualTo(39_618L);
			assertThat(ConstituencyFiguresCalculator.compute(facts).turnout()).isEqualByComparingTo("58.65");
		}

		@Test
		void shouldHaveNoTurnoutWithoutVerificationOrRejectedBallots() {
			ConstituencyFacts facts = Facts.newcastleUnderLyme().withoutVerification().rejected(null).build();

			ConstituencyFigures figures = ConstituencyFiguresCalculator.compute(facts);

			assertThat(ConstituencyFiguresCalculator.turnout(facts)).isNull();
			assertThat(figures.turnout()).isNull();
			assertThat(figures.turnoutBasis()).isNull();
			assertThat(figures.turnoutChange()).isNull();
			assertThat(figures.validVoteTurnout()).isEqualByComparingTo("58.42");
		}

		@Test
		void shouldHaveNoTurnoutWithoutAnElectorate() {
			ConstituencyFacts facts = Facts.stafford().electorate(null)
				.withoutStated(StatedFigure.Kind.ELECTORATE)
				.build();

			ConstituencyFigures figures = ConstituencyFiguresCalculator.compute(facts);

			assertThat(ConstituencyFiguresCalculator.turnout(facts)).isNull();
			assertThat(figures.electorate()).isNull();
			assertThat(figures.turnout()).isNull();
			assertThat(figures.validVoteTurnout()).isNull();
			assertThat(figures.turnoutChange()).isNull();
			assertThat(figures.verified()).isEqualTo(46_169L);
		}

		@Test
		void shouldHaveNoTurnoutWithAnElectorateOfZero() {
			ConstituencyFacts facts = Facts.stafford().electorate(0L).build();

			assertThat(ConstituencyFiguresCalculator.turnout(facts)).isNull();
		}

		@Test
		void shouldRoundAnExactHalfUp() {
			// 13,077 / 20,000 = 65.385%
			ConstituencyFacts facts = Facts.constituency("E14001513", "Stafford")
				.verificationStatement("verification/stafford.xlsx", "Stafford")
				.statedElectorate(20_000)
				.box("B001", "St Mark's Church Hall (SH1)", 13_077, 13_077)
				.build();

			assertThat(ConstituencyFiguresCalculator.compute(facts).turnout()).isEqualByComparingTo("65.39");
		}
	}

	@Nested
	class Sources {

		@Test
		void shouldTakeTheElectorateFromTheDeclarationOverTheStatement() {
			ConstituencyFacts facts = Facts.congleton().withoutStated(StatedFigure.Kind.ELECTORATE)
				.statedElectorate(72_914)
				.build();

			assertThat(ConstituencyFiguresCalculator.electorate(facts)).isEqualTo(74_243L);
			assertThat(ConstituencyFiguresCalculator.compute(facts).turnout()).isEqualByComparingTo("67.72");
		}

		@Test
		void shouldTakeTheElectorateFromTheStatementWithoutADeclaration() {
			ConstituencyFacts facts = Facts.newcastleUnderLyme().withoutDeclaration().build();

			ConstituencyFigures figures = ConstituencyFiguresCalculator.compute(facts);

			assertFigures(figures, new ConstituencyFigures("E14001380", "Newcastle-under-Lyme", Facts.AREA, 67_815L,
					39_780L, null, null, d("58.66"), "verified", null, d("67.60"), d("-8.94"), null, null, null, null,
					null, null, null, null, "Con", null, 6, 0, 0, 0));
		}

		@Test
		void shouldTakeTheElectorateFromTheStatementWhenTheDeclarationHasNone() {
			ConstituencyFacts facts = Facts.congleton().electorate(null).withoutStated(StatedFigure.Kind.ELECTORATE)
				.statedElectorate(72_914)
				.build();

			assertThat(ConstituencyFiguresCalculator.electorate(facts)).isEqualTo(72_914L);
		}

		@Test
		void shouldComputeTheResultFromACandidatesOnlyDeclaration() {
			ConstituencyFacts facts = Facts.stafford().withoutConstituencyLine().build();

			ConstituencyFigures figures = ConstituencyFiguresCalculator.compute(facts);

			assertFigures(figures, new ConstituencyFigures("E14001513", "Stafford", Facts.AREA, 70_608L, 46_169L,
					46_009L, null, d("65.39"), "verified", d("65.16"), d("72.70"), d("-7.31"), "Leigh Ingham", "Lab",
					18_531L, d("40.28"), "Con", 4_595L, d("9.99"), "Lab gain from Con", "Con", d("18.36"), 6, 0, 0, 0));
		}

		@Test
		void shouldUseTheStatedValidVotesAsTheShareBase() {
			ConstituencyFigures figures = ConstituencyFiguresCalculator
				.compute(Facts.stafford().validVotes(46_019L).build());

			assertThat(figures.validVotes()).isEqualTo(46_019L);
			assertThat(figures.share()).isEqualByComparingTo("40.27");
			assertThat(figures.majorityPercent()).isEqualByComparingTo("9.99");
		}

		@Test
		void shouldLeaveEverythingEmptyWithNeitherSource() {
			ConstituencyFigures figures = ConstituencyFiguresCalculator
				.compute(Facts.constituency("E14001538", "Tamworth").build());

			assertFigures(figures, new ConstituencyFigures("E14001538", "Tamworth", Facts.AREA, null, null, null, null,
					null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, 0, 0, 0,
					0));
		}

		@Test
		void shouldKeepTheBaselineOfASeatWithNeitherSource() {
			ConstituencyFigures figures = ConstituencyFiguresCalculator
				.compute(Facts.stafford().withoutVerification().withoutDeclaration().build());

			assertThat(figures.notionalTurnout()).isEqualByComparingTo("72.70");
			assertThat(figures.notionalWinner()).isEqualTo("Con");
			assertThat(figures.turnoutChange()).isNull();
			assertThat(figures.result()).isNull();
			assertThat(figures.swing()).isNull();
		}
	}

	@Nested
	class NoBaseline {

		@Test
		void shouldLeaveChangeSwingAndLabelEmpty() {
			ConstituencyFigures figures = ConstituencyFiguresCalculator
				.compute(Facts.stafford().withoutNotional().build());

			assertFigures(figures, new ConstituencyFigures("E14001513", "Stafford", Facts.AREA, 70_608L, 46_169L,
					46_009L, 160L, d("65.39"), "verified", d("65.16"), null, null, "Leigh Ingham", "Lab", 18_531L,
					d("40.28"), "Con", 4_595L, d("9.99"), null, null, null, 6, 0, 0, 0));
		}
	}

	@Nested
	class Tie {

		@Test
		void shouldLeaveWinnerPartyMajorityResultAndSwingEmpty() {
			ConstituencyFacts facts = Facts.stoneGreatWyrleyAndPenkridge().votes("Brown", 17_147)
				.votes("Williamson", 17_147)
				.build();

			ConstituencyFigures figures = ConstituencyFiguresCalculator.compute(facts);

			assertThat(figures.winner()).isNull();
			assertThat(figures.party()).isNull();
			assertThat(figures.winnerVotes()).isNull();
			assertThat(figures.share()).isNull();
			assertThat(figures.majority()).isNull();
			assertThat(figures.majorityPercent()).isNull();
			assertThat(figures.result()).isNull();
			assertThat(figures.swing()).isNull();
			assertThat(figures.notionalWinner()).isEqualTo("Con");
			assertThat(figures.turnout()).isEqualByComparingTo("60.78");
			assertThat(figures.validVotes()).isEqualTo(42_770L);
		}
	}

	@Nested
	class SingleCandidate {

		@Test
		void shouldTakeTheWholeVoteAsTheMajorityOfAnUnopposedWinner() {
			ConstituencyFacts facts = Facts.stafford().withoutCandidates().candidatesFromLine(52)
				.candidate("Leigh", "Ingham", "Lab", 18_531)
				.validVotes(18_531L)
				.build();

			ConstituencyFigures figures = ConstituencyFiguresCalculator.compute(facts);

			assertThat(figures.majority()).isEqualTo(18_531L);
			assertThat(figures.majorityPercent()).isEqualByComparingTo("100");
			assertThat(figures.share()).isEqualByComparingTo("100");
			assertThat(figures.runnerUpParty()).isNull();
			assertThat(figures.result()).isEqualTo("Lab gain from Con");
		}

		@Test
		void shouldHaveNoSwingOnAHoldWithNoRunnerUp() {
			ConstituencyFacts facts = Facts.staffordshireMoorlands().withoutCandidates().candidatesFromLine(57)
				.candidate("Karen", "Bradley", "Con", 15_310)
				.validVotes(15_310L)
				.build();

			ConstituencyFigures figures = ConstituencyFiguresCalculator.compute(facts);

			assertThat(figures.result()).isEqualTo("Con hold");
			assertThat(figures.swing()).isNull();
		}
	}

	@Nested
	class PapersVerified {

		@Test
		void shouldSumTheVerifiedPapersOfEveryBoxNotTheIssued() {
			ConstituencyFacts facts = Facts.constituency("E14001513", "Stafford")
				.verificationStatement("verification/stafford.xlsx", "Stafford")
				.box("B010", "St Mark's Church Hall (SH1)", 470, 469)
				.postalBox("PV01", "Postal votes - opening session 1", 21_000, 21_000)
				.build();

			assertThat(ConstituencyFiguresCalculator.verified(facts)).isEqualTo(21_469L);
			assertThat(ConstituencyFiguresCalculator.compute(facts).boxes()).isEqualTo(2);
		}

		@Test
		void shouldHaveNoPapersVerifiedWithoutAStatement() {
			assertThat(ConstituencyFiguresCalculator.verified(Facts.stafford().withoutVerification().build())).isNull();
			assertThat(ConstituencyFiguresCalculator.verified(Facts.stafford().withoutBoxes().build())).isNull();
		}
	}
}
