package org.electionrecon.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.electionrecon.model.CheckCode.BOX_VARIANCE;
import static org.electionrecon.model.CheckCode.VERIFIED_TOTAL_MISMATCH;
import static org.electionrecon.model.Severity.ERROR;
import static org.electionrecon.model.Severity.INFO;
import static org.electionrecon.model.Severity.WARNING;
import static org.electionrecon.reconcile.Findings.assertFindings;
import static org.electionrecon.reconcile.Findings.finding;

import java.util.List;

import org.electionrecon.model.BoxType;
import org.electionrecon.model.CheckCode;
import org.electionrecon.model.Finding;
import org.electionrecon.model.Severity;
import org.electionrecon.model.StatedFigure;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VerificationRulesTests {

	private static final String STAFFORD = "'verification/[stafford.xlsx]Stafford'!";

	private final VerificationRules rules = new VerificationRules(Thresholds.defaults());

	/** Stafford's statement header, with no boxes yet. */
	private static Facts staffordStatement() {
		return Facts.constituency("E14001513", "Stafford").verificationStatement("verification/stafford.xlsx",
				"Stafford");
	}

	@Test
	void shouldFindNothingWhenEveryBoxAndTotalAgrees() {
		assertThat(rules.check(Facts.stafford().build())).isEmpty();
		assertThat(rules.check(Facts.cannockChase().build())).isEmpty();
		assertThat(rules.check(Facts.congleton().build())).isEmpty();
	}

	@Nested
	class BoxVariance {

		@Test
		void shouldReportWarningWhenBoxDiffersByLessThanFive() {
			ConstituencyFacts facts = staffordStatement().box("B009", "Rowley Park Pavilion (SH2)", 688, 688)
				.box("B010", "St Mark's Church Hall (SH1)", 470, 469)
				.build();

			List<Finding> findings = rules.check(facts);

			assertFindings(findings, finding(WARNING, BOX_VARIANCE, facts, "B010", "470", "469", "-1",
					"issued: " + STAFFORD + "D11; verified: " + STAFFORD + "E11"));
			assertThat(findings).extracting(Finding::message)
				.containsExactly("Stafford, box B010 (St Mark's Church Hall (SH1)): 469 papers verified against 470"
						+ " issued per the ballot paper account (-1)");
		}

		@Test
		void shouldReportErrorWhenBoxDiffersByFiveOrMore() {
			ConstituencyFacts facts = Facts.constituency("E14001520", "Stoke-on-Trent Central")
				.verificationStatement("verification/stoke-on-trent-city-council.xlsx", "Stoke-on-Trent Central")
				.box("B021", "Greenfields Methodist Church (SF3)", 480, 486)
				.build();

			List<Finding> findings = rules.check(facts);

			String sheet = "'verification/[stoke-on-trent-city-council.xlsx]Stoke-on-Trent Central'!";
			assertFindings(findings, finding(ERROR, BOX_VARIANCE, facts, "B021", "480", "486", "6",
					"issued: " + sheet + "D10; verified: " + sheet + "E10"));
			assertThat(findings.get(0).message()).isEqualTo("Stoke-on-Trent Central, box B021 (Greenfields Methodist"
					+ " Church (SF3)): 486 papers verified against 480 issued per the ballot paper account (+6)");
		}

		@ParameterizedTest(name = "issued 470, verified {0}: {1}")
		@CsvSource({ "471, WARNING", "474, WARNING", "475, ERROR", "466, WARNING", "465, ERROR", "370, ERROR" })
		void shouldGradeAtTheThresholdOfFivePapersEitherWay(long verified, Severity severity) {
			ConstituencyFacts facts = staffordStatement().box("B010", "St Mark's Church Hall (SH1)", 470, verified)
				.build();

			assertFindings(rules.check(facts), finding(severity, CheckCode.BOX_VARIANCE, facts, "B010", "470",
					Long.toString(verified), Long.toString(verified - 470), "issued: " + STAFFORD + "D10; verified: " + STAFFORD + "E10"));
		}

		@Test
		void shouldReportAPostalBoxLikeAnyOther() {
			ConstituencyFacts facts = Facts.constituency("E14001178", "Congleton", "North West", "Cheshire")
				.verificationStatement("verification/cheshire-east-council.xlsx", "Congleton")
				.postalBox("PV03", "Postal votes - opening session 2", 8_120, 8_120)
				.postalBox("PV04", "Postal votes - opening session 3", 9_401, 9_398)
				.build();

			List<Finding> findings = rules.check(facts);

			String sheet = "'verification/[cheshire-east-council.xlsx]Congleton'!";
			assertFindings(findings, finding(WARNING, BOX_VARIANCE, facts, "PV04", "9401", "9398",
					"-3", "issued: " + sheet + "D11; verified: " + sheet + "E11"));
			assertThat(findings.get(0).message()).isEqualTo("Congleton, box PV04 (Postal votes - opening session 3):"
					+ " 9,398 papers verified against 9,401 issued per the ballot paper account (-3)");
		}

		@Test
		void shouldReportEveryVaryingBoxInBoxOrder() {
			ConstituencyFacts facts = staffordStatement().box("B001", "St Mark's Church Hall (SH1)", 512, 513)
				.box("B002", "Rowley Park Pavilion (SH2)", 688, 688)
				.box("B003", "Holmcroft Methodist Church (SH3)", 731, 720)
				.postalBox("PV01", "Postal votes - opening session 1", 21_000, 20_998)
				.build();

			assertFindings(rules.check(facts),
					finding(WARNING, BOX_VARIANCE, facts, "B001", "512", "513", "1",
							"issued: " + STAFFORD + "D10; verified: " + STAFFORD + "E10"),
					finding(ERROR, BOX_VARIANCE, facts, "B003", "731", "720", "-11",
							"issued: " + STAFFORD + "D12; verified: " + STAFFORD + "E12"),
					finding(WARNING, BOX_VARIANCE, facts, "PV01", "21000", "20998", "-2",
							"issued: " + STAFFORD + "D13; verified: " + STAFFORD + "E13"));
		}

		@Test
		void shouldReportABoxWithNoStationOnItsOwnWithoutStationInTheMessage() {
			ConstituencyFacts facts = staffordStatement().box("B017", null, 400, 402).build();

			List<Finding> findings = rules.check(facts);

			assertFindings(findings, finding(WARNING, BOX_VARIANCE, facts, "B017", "400", "402", "2",
					"issued: " + STAFFORD + "D10; verified: " + STAFFORD + "E10"));
			assertThat(findings.get(0).message())
				.isEqualTo("Stafford, box B017: 402 papers verified against 400 issued per the ballot paper"
						+ " account (+2)");
		}

		@Test
		void shouldNotTreatTwoBoxesWithNoStationAsACompensatingPair() {
			ConstituencyFacts facts = staffordStatement().box("B017", null, 400, 402)
				.box("B018", null, 380, 378)
				.build();

			assertFindings(rules.check(facts),
					finding(WARNING, BOX_VARIANCE, facts, "B017", "400", "402", "2",
							"issued: " + STAFFORD + "D10; verified: " + STAFFORD + "E10"),
					finding(WARNING, BOX_VARIANCE, facts, "B018", "380", "378", "-2",
							"issued: " + STAFFORD + "D11; verified: " + STAFFORD + "E11"));
		}
	}

	@Nested
	class CompensatingBoxes {

		private Facts lichfield() {
			return Facts.constituency("E14001335", "Lichfield").verificationStatement("verification/lichfield.xlsx",
					"Lichfield");
		}

		private static final String LICHFIELD = "'verification/[lichfield.xlsx]Lichfield'!";

		@Test
		void shouldReportOneInfoForAStationWhoseBoxesNetToZero() {
			ConstituencyFacts facts = lichfield().box("B008", "Boley Park Community Centre (LE2)", 605, 605)
				.box("B009", "Springfield Community Centre (LE3)", 448, 450)
				.box("B010", "Springfield Community Centre (LE3)", 784, 782)
				.build();

			List<Finding> findings = rules.check(facts);

			assertFindings(findings, finding(INFO, BOX_VARIANCE, facts, "B009, B010", "1232", "1232",
					"0", "issued: " + LICHFIELD + "D11:D12; verified: " + LICHFIELD + "E11:E12"));
			assertThat(findings.get(0).message()).isEqualTo("Lichfield, Springfield Community Centre (LE3): box"
					+ " differences B009 +2, B010 -2 net to zero (papers put in the wrong box of the same station)");
		}

		@Test
		void shouldReportAnInfoNotAnErrorEvenWhenTheCompensatingDifferencesAreLarge() {
			ConstituencyFacts facts = lichfield().box("B009", "Springfield Community Centre (LE3)", 448, 460)
				.box("B010", "Springfield Community Centre (LE3)", 784, 772)
				.build();

			assertFindings(rules.check(facts), finding(INFO, BOX_VARIANCE, facts, "B009, B010",
					"1232", "1232", "0",
					"issued: " + LICHFIELD + "D10:D11; verified: " + LICHFIELD + "E10:E11"));
		}

		@Test
		void shouldReportOneInfoForThreeBoxesOfAStationThatNetToZero() {
			ConstituencyFacts facts = lichfield().box("B009", "Springfield Community Centre (LE3)", 448, 450)
				.box("B010", "Springfield Community Centre (LE3)", 784, 783)
				.box("B011", "Springfield Community Centre (LE3)", 512, 511)
				.build();

			List<Finding> findings = rules.check(facts);

			assertFindings(findings,
					finding(INFO, BOX_VARIANCE, facts, "B009, B010, B011", "1744", "1744", "0",
							"issued: " + LICHFIELD + "D10:D12; verified: " + LICHFIELD + "E10:E12"));
			assertThat(findings.get(0).message()).contains("B009 +2, B010 -1, B011 -1 net to zero");
		}

		@Test
		void shouldLeaveOutBoxesOfTheStationThatAgreeWithTheirAccount() {
			ConstituencyFacts facts = lichfield().box("B009", "Springfield Community Centre (LE3)", 448, 450)
				.box("B010", "Springfield Community Centre (LE3)", 300, 300)
				.box("B011", "Springfield Community Centre (LE3)", 784, 782)
				.build();

			assertFindings(rules.check(facts), finding(INFO, BOX_VARIANCE, facts, "B009, B011",
					"1232", "1232", "0",
					"issued: " + LICHFIELD + "D10, " + LICHFIELD + "D12; verified: " + LICHFIELD + "E10, " + LICHFIELD + "E12"));
		}

		@Test
		void shouldReportEachBoxWhenTheBoxesOfAStationDoNotNetToZero() {
			ConstituencyFacts facts = lichfield().box("B009", "Springfield Community Centre (LE3)", 448, 451)
				.box("B010", "Springfield Community Centre (LE3)", 784, 782)
				.build();

			assertFindings(rules.check(facts),
					finding(WARNING, BOX_VARIANCE, facts, "B009", "448", "451", "3",
							"issued: " + LICHFIELD + "D10; verified: " + LICHFIELD + "E10"),
					finding(WARNING, BOX_VARIANCE, facts, "B010", "784", "782", "-2",
							"issued: " + LICHFIELD + "D11; verified: " + LICHFIELD + "E11"));
		}

		@Test
		void shouldNotNetBoxesOfDifferentStations() {
			ConstituencyFacts facts = lichfield().box("B009", "Springfield Community Centre (LE3)", 448, 450)
				.box("B012", "Boley Park Community Centre (LE2)", 605, 603)
				.build();

			assertFindings(rules.check(facts),
					finding(WARNING, BOX_VARIANCE, facts, "B009", "448", "450", "2",
							"issued: " + LICHFIELD + "D10; verified: " + LICHFIELD + "E10"),
					finding(WARNING, BOX_VARIANCE, facts, "B012", "605", "603", "-2",
							"issued: " + LICHFIELD + "D11; verified: " + LICHFIELD + "E11"));
		}

		@Test
		void shouldPutTheStationInfoWhereItsFirstBoxIsAmongTheOtherFindings() {
			ConstituencyFacts facts = lichfield().box("B009", "Springfield Community Centre (LE3)", 448, 450)
				.box("B012", "Boley Park Community Centre (LE2)", 605, 611)
				.box("B013", "Springfield Community Centre (LE3)", 784, 782)
				.build();

			assertFindings(rules.check(facts),
					finding(INFO, BOX_VARIANCE, facts, "B009, B013", "1232", "1232", "0",
							"issued: " + LICHFIELD + "D10, " + LICHFIELD + "D12; verified: " + LICHFIELD + "E10, " + LICHFIELD + "E12"),
					finding(ERROR, BOX_VARIANCE, facts, "B012", "605", "611", "6",
							"issued: " + LICHFIELD + "D11; verified: " + LICHFIELD + "E11"));
		}

		@Test
		void shouldNotNetPostalBoxesThatShareAStationText() {
			ConstituencyFacts facts = Facts.constituency("E14001178", "Congleton", "North West", "Cheshire")
				.verificationStatement("verification/cheshire-east-council.xlsx", "Congleton")
				.box("PV01", "Postal votes", BoxType.POSTAL, 9_120, 9_123)
				.box("PV02", "Postal votes", BoxType.POSTAL, 8_840, 8_837)
				.build();

			String sheet = "'verification/[cheshire-east-council.xlsx]Congleton'!";
			assertFindings(rules.check(facts),
					finding(WARNING, BOX_VARIANCE, facts, "PV01", "9120", "9123", "3",
							"issued: " + sheet + "D10; verified: " + sheet + "E10"),
					finding(WARNING, BOX_VARIANCE, facts, "PV02", "8840", "8837", "-3",
							"issued: " + sheet + "D11; verified: " + sheet + "E11"));
		}
	}

	@Nested
	class VerifiedTotal {

		@Test
		void shouldReportErrorWhenTheStatedTotalVerifiedDiffersFromTheSumOfTheBoxes() {
			ConstituencyFacts facts = Facts.stafford().withoutStated(StatedFigure.Kind.VERIFIED_TOTAL)
				.statedVerifiedTotal(46_170)
				.build();

			List<Finding> findings = rules.check(facts);

			assertFindings(findings, finding(ERROR, VERIFIED_TOTAL_MISMATCH, facts, null, "46169",
					"46170", "1", "verified: " + STAFFORD + "E10:E15; stated total: " + STAFFORD + "B6"));
			assertThat(findings.get(0).message()).isEqualTo(
					"Stafford: the stated total verified (46,170) differs from the sum of the 6 boxes (46,169) by 1");
		}

		@Test
		void shouldReportErrorWhenTheTotalRowDiffersFromTheSumOfTheBoxes() {
			ConstituencyFacts facts = Facts.stafford()
				.withoutStated(StatedFigure.Kind.VERIFIED_TOTAL_ROW)
				.statedTotalRow(46_069)
				.build();

			List<Finding> findings = rules.check(facts);

			assertFindings(findings, finding(ERROR, VERIFIED_TOTAL_MISMATCH, facts, null, "46169",
					"46069", "-100", "verified: " + STAFFORD + "E10:E15; stated total: " + STAFFORD + "E16"));
			assertThat(findings.get(0).message())
				.isEqualTo("Stafford: the Total row (46,069) differs from the sum of the 6 boxes (46,169) by 100");
		}

		@Test
		void shouldReportBothStatedTotalsWhenBothDiffer() {
			ConstituencyFacts facts = staffordStatement().box("B001", "St Mark's Church Hall (SH1)", 512, 512)
				.box("B002", "Rowley Park Pavilion (SH2)", 688, 688)
				.statedVerifiedTotal(1_210)
				.statedTotalRow(1_201)
				.build();

			assertFindings(rules.check(facts),
					finding(ERROR, VERIFIED_TOTAL_MISMATCH, facts, null, "1200", "1210", "10",
							"verified: " + STAFFORD + "E10:E11; stated total: " + STAFFORD + "B6"),
					finding(ERROR, VERIFIED_TOTAL_MISMATCH, facts, null, "1200", "1201", "1",
							"verified: " + STAFFORD + "E10:E11; stated total: " + STAFFORD + "E12"));
		}

		@Test
		void shouldCompareTheStatedTotalWithTheBoxesAsVerifiedNotAsIssued() {
			ConstituencyFacts facts = staffordStatement().box("B010", "St Mark's Church Hall (SH1)", 470, 469)
				.box("B011", "Rowley Park Pavilion (SH2)", 688, 688)
				.statedVerifiedTotal(1_157)
				.statedTotalRow(1_157)
				.build();

			assertFindings(rules.check(facts), finding(WARNING, BOX_VARIANCE, facts, "B010", "470",
					"469", "-1", "issued: " + STAFFORD + "D10; verified: " + STAFFORD + "E10"));
		}

		@Test
		void shouldReportBoxVariancesBeforeTotals() {
			ConstituencyFacts facts = staffordStatement().box("B010", "St Mark's Church Hall (SH1)", 470, 469)
				.statedVerifiedTotal(470)
				.build();

			assertThat(rules.check(facts)).extracting(Finding::check)
				.containsExactly(CheckCode.BOX_VARIANCE, CheckCode.VERIFIED_TOTAL_MISMATCH);
		}

		@Test
		void shouldIgnoreStatedElectorateAndTurnout() {
			ConstituencyFacts facts = Facts.stafford().statedElectorate(1).statedTurnout("12.34", 2).build();

			assertThat(rules.check(facts)).isEmpty();
		}
	}
}
