package org.electionrecon.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.electionrecon.model.CheckCode.MAJORITY_MISMATCH;
import static org.electionrecon.model.CheckCode.RESULT_LABEL_MISMATCH;
import static org.electionrecon.model.CheckCode.VOTES_TOTAL_MISMATCH;
import static org.electionrecon.model.CheckCode.WINNER_MISMATCH;
import static org.electionrecon.model.Severity.ERROR;
import static org.electionrecon.reconcile.Findings.assertFindings;
import static org.electionrecon.reconcile.Findings.finding;

import java.util.List;

import org.electionrecon.model.CheckCode;
import org.electionrecon.model.DeclaredPartyVotes;
import org.electionrecon.model.Finding;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResultRulesTests {

	/** The HoC constituency file's cells: its sheet is the file name cut at 31 characters, as Excel names it. */
	private static final String HOC = "'declarations/[HoC-GE2024-results-by-constituency.csv]HoC-GE2024-results-by-constitue'!";

	private static final String NOTIONAL = "'notional/[RallingsThrasher-2019-notional-results-2024-boundaries.csv]RallingsThrasher-2019-notional-'!";

	private static final String CANDIDATES = "'declarations/[HoC-GE2024-results-by-candidate.csv]HoC-GE2024-results-by-candidate'!";

	private final ResultRules rules = new ResultRules();

	@Test
	void shouldFindNothingWhenTheDeclarationAgreesWithItsCandidates() {
		assertThat(rules.check(Facts.stafford().build())).isEmpty();
		assertThat(rules.check(Facts.cannockChase().build())).isEmpty();
		assertThat(rules.check(Facts.newcastleUnderLyme().build())).isEmpty();
		assertThat(rules.check(Facts.stoneGreatWyrleyAndPenkridge().build())).isEmpty();
		assertThat(rules.check(Facts.staffordshireMoorlands().build())).isEmpty();
		assertThat(rules.check(Facts.congleton().build())).isEmpty();
	}

	@Test
	void shouldFindNothingWithoutCandidates() {
		ConstituencyFacts facts = Facts.stafford().withoutCandidates().validVotes(1L).majority(1L).result("Lab hold")
			.build();

		assertThat(rules.check(facts)).isEmpty();
	}

	@Nested
	class VotesTotal {

		@Test
		void shouldReportErrorWhenStatedValidVotesDifferFromTheCandidatesSum() {
			ConstituencyFacts facts = Facts.stafford().validVotes(46_019L).build();

			List<Finding> findings = rules.check(facts);

			assertFindings(findings, finding(ERROR, VOTES_TOTAL_MISMATCH, facts, null, "46009", "46019",
					"10", "candidates' votes: " + CANDIDATES + "S46:S52; valid votes: " + HOC + "P9"));
			assertThat(findings.get(0).message())
				.isEqualTo("Stafford: stated valid votes 46,019 differ from the sum of the 7 candidates'"
						+ " votes (46,009)");
		}

		@Test
		void shouldReportEachPartyColumnThatDiffersFromItsCandidate() {
			// the Cannock Chase figures read out on the night: Labour 15,670, Conservative 12,046
			ConstituencyFacts facts = Facts.cannockChase().partyColumn("Lab", 15_670)
				.partyColumn("Con", 12_046)
				.build();

			List<Finding> findings = rules.check(facts);

			assertFindings(findings,
					finding(ERROR, VOTES_TOTAL_MISMATCH, facts, null, "12546", "12046", "-500",
							"candidates' votes: " + CANDIDATES + "S11; party column: " + HOC + "S3"),
					finding(ERROR, VOTES_TOTAL_MISMATCH, facts, null, "15671", "15670", "-1",
							"candidates' votes: " + CANDIDATES + "S12; party column: " + HOC + "T3"));
			assertThat(findings).extracting(Finding::message)
				.containsExactly(
						"Cannock Chase: the constituency file's Con column (12,046) differs from the Con"
								+ " candidates' votes (12,546)",
						"Cannock Chase: the constituency file's Lab column (15,670) differs from the Lab"
								+ " candidates' votes (15,671)");
		}

		@Test
		void shouldSumCandidatesOfPartiesWithoutAColumnIntoOther() {
			// Stafford: Heritage Party 91 + Monster Raving Loony 307 = 398
			ConstituencyFacts facts = Facts.stafford().partyColumn(DeclaredPartyVotes.OTHERS, 389).build();

			List<Finding> findings = rules.check(facts);

			assertFindings(findings, finding(ERROR, VOTES_TOTAL_MISMATCH, facts, null, "398", "389",
					"-9", "candidates' votes: " + CANDIDATES + "S46:S47; party column: " + HOC + "AE9"));
			assertThat(findings.get(0).message()).isEqualTo(
					"Stafford: the constituency file's Other column (389) differs from the all other candidates'"
							+ " votes (398)");
		}

		@Test
		void shouldCountAnIndependentInOther() {
			// Congleton: Women's Equality 544 + Independent 2,181 = 2,725
			assertThat(rules.check(Facts.congleton().build())).isEmpty();

			ConstituencyFacts facts = Facts.congleton().partyColumn(DeclaredPartyVotes.OTHERS, 544).build();
			assertFindings(rules.check(facts), finding(ERROR, VOTES_TOTAL_MISMATCH, facts, null,
					"2725", "544", "-2181",
					"candidates' votes: " + CANDIDATES + "S13, " + CANDIDATES + "S15; party column: " + HOC + "AE4"));
		}

		@Test
		void shouldNotCountACandidateInOtherWhenTheirPartyHasAColumn() {
			// Stone: SDP 650 + UKIP 2,638 = 3,288; the Green 2,236 has its own column
			ConstituencyFacts facts = Facts.stoneGreatWyrleyAndPenkridge().partyColumn(DeclaredPartyVotes.OTHERS, 5_524)
				.build();

			assertFindings(rules.check(facts), finding(ERROR, VOTES_TOTAL_MISMATCH, facts, null,
					"3288", "5524", "2236",
					"candidates' votes: " + CANDIDATES + "S79, " + CANDIDATES + "S81; party column: " + HOC + "AE14"));
		}

		@Test
		void shouldReportAColumnWithVotesForAPartyWithNoCandidate() {
			// Stone had no Reform UK candidate: UKIP's 2,638 put in the RUK column
			ConstituencyFacts facts = Facts.stoneGreatWyrleyAndPenkridge().partyColumn("RUK", 2_638).build();

			assertFindings(rules.check(facts), finding(ERROR, VOTES_TOTAL_MISMATCH, facts, null, "0",
					"2638", "2638", HOC + "V14"));
		}

		@Test
		void shouldSumSeveralCandidatesOfOneParty() {
			ConstituencyFacts facts = Facts.stafford().candidate("Ann", "Other", "RUK", 100)
				.validVotes(46_109L)
				.build();

			assertFindings(rules.check(facts), finding(ERROR, VOTES_TOTAL_MISMATCH, facts, null,
					"8712", "8612", "-100",
					"candidates' votes: " + CANDIDATES + "S50, " + CANDIDATES + "S53; party column: " + HOC + "V9"));
		}
	}

	@Nested
	class Winner {

		@Test
		void shouldReportErrorWhenTheDeclaredFirstPartyIsNotTheTopCandidatesParty() {
			ConstituencyFacts facts = Facts.stafford().firstParty("Con").build();

			List<Finding> findings = rules.check(facts);

			assertFindings(findings, finding(ERROR, WINNER_MISMATCH, facts, null, "Lab", "Con", null,
					"winner's votes: " + CANDIDATES + "S52; declared first party: " + HOC + "M9"));
			assertThat(findings.get(0).message()).isEqualTo("Stafford: declared first party Con is not the party of"
					+ " Leigh Ingham (Lab), who has the most votes (18,531)");
		}

		@Test
		void shouldReportErrorWhenTheDeclaredMemberIsNotTheTopCandidate() {
			ConstituencyFacts facts = Facts.stafford().member("Theo", "Clarke").build();

			List<Finding> findings = rules.check(facts);

			assertFindings(findings, finding(ERROR, WINNER_MISMATCH, facts, null, "Leigh Ingham",
					"Theo Clarke", null,
					"winner's votes: " + CANDIDATES + "S52; declared member: " + HOC + "J9"));
			assertThat(findings.get(0).message()).isEqualTo(
					"Stafford: declared member Theo Clarke is not Leigh Ingham, the candidate with the most votes"
							+ " (18,531)");
		}

		@ParameterizedTest(name = "[{0}] [{1}]")
		@CsvSource(value = { "LEIGH | INGHAM", "leigh | ingham ", "Leigh Anne | Ingham", "null | Ingham",
				"Leigh | Ingham." }, delimiter = '|', nullValues = "null")
		void shouldMatchTheMemberIgnoringCaseSpacingPunctuationAndLaterForenames(String first, String surname) {
			assertThat(rules.check(Facts.stafford().member(first, surname).build())).isEmpty();
		}

		@Test
		void shouldMatchAHyphenatedSurnameWrittenWithASpace() {
			ConstituencyFacts facts = Facts.stoneGreatWyrleyAndPenkridge().votes("Harper-Wallis", 20_000)
				.votes("Williamson", 2_952)
				.partyColumn("LD", 20_000)
				.partyColumn("Con", 2_952)
				.firstParty("LD")
				.majority(5_586L)
				.result("LD gain from Con")
				.member("Sam", "Harper Wallis")
				.validVotes(42_890L)
				.build();

			assertThat(rules.check(facts)).isEmpty();
		}

		@Test
		void shouldReportAMemberWithTheRightSurnameButAnotherForename() {
			ConstituencyFacts facts = Facts.stafford().member("Lee", "Ingham").build();

			assertFindings(rules.check(facts), finding(ERROR, WINNER_MISMATCH, facts, null,
					"Leigh Ingham", "Lee Ingham", null,
					"winner's votes: " + CANDIDATES + "S52; declared member: " + HOC + "J9"));
		}

		@Test
		void shouldReportTheTopCandidateNotMarkedElected() {
			ConstituencyFacts facts = Facts.stafford().elected("Ingham", false).build();

			List<Finding> findings = rules.check(facts);

			assertFindings(findings, finding(ERROR, WINNER_MISMATCH, facts, null, "Leigh Ingham",
					"not elected", null, "winner's votes: " + CANDIDATES + "S52"));
			assertThat(findings.get(0).message())
				.isEqualTo("Stafford: Leigh Ingham has the most votes but is not marked elected");
		}

		@Test
		void shouldReportAnotherCandidateMarkedElected() {
			ConstituencyFacts facts = Facts.stafford().elected("Ingham", true).elected("Clarke", true).build();

			List<Finding> findings = rules.check(facts);

			assertFindings(findings, finding(ERROR, WINNER_MISMATCH, facts, null, "Leigh Ingham",
					"Theo Clarke", null,
					"winner's votes: " + CANDIDATES + "S52; marked elected: " + CANDIDATES + "S51"));
			assertThat(findings.get(0).message()).isEqualTo(
					"Stafford: Theo Clarke is marked elected with 13,936 votes, but Leigh Ingham has the most"
							+ " (18,531)");
		}

		@Test
		void shouldReportBothWhenTheElectedFlagIsOnTheWrongCandidate() {
			ConstituencyFacts facts = Facts.stafford().elected("Ingham", false).elected("Clarke", true).build();

			assertFindings(rules.check(facts),
					finding(ERROR, WINNER_MISMATCH, facts, null, "Leigh Ingham", "not elected", null,
							"winner's votes: " + CANDIDATES + "S52"),
					finding(ERROR, WINNER_MISMATCH, facts, null, "Leigh Ingham", "Theo Clarke", null,
							"winner's votes: " + CANDIDATES + "S52; marked elected: " + CANDIDATES + "S51"));
		}

		@Test
		void shouldAcceptElectedFlagsOnTheTopCandidateOnly() {
			ConstituencyFacts facts = Facts.stafford().elected("Ingham", true).elected("Clarke", false)
				.elected("Riley", false)
				.build();

			assertThat(rules.check(facts)).isEmpty();
		}

		@Test
		void shouldCheckElectedFlagsOfACandidatesOnlyDeclaration() {
			ConstituencyFacts facts = Facts.stafford().withoutConstituencyLine().elected("Ingham", false)
				.elected("Clarke", true)
				.build();

			assertFindings(rules.check(facts),
					finding(ERROR, WINNER_MISMATCH, facts, null, "Leigh Ingham", "not elected", null,
							"winner's votes: " + CANDIDATES + "S52"),
					finding(ERROR, WINNER_MISMATCH, facts, null, "Leigh Ingham", "Theo Clarke", null,
							"winner's votes: " + CANDIDATES + "S52; marked elected: " + CANDIDATES + "S51"));
		}
	}

	@Nested
	class Tie {

		/** Stone with Labour and the Conservatives level on 17,147 (the real 14,414 + 19,880 split evenly). */
		private Facts stoneTied() {
			return Facts.stoneGreatWyrleyAndPenkridge().votes("Brown", 17_147)
				.votes("Williamson", 17_147)
				.partyColumn("Lab", 17_147)
				.partyColumn("Con", 17_147);
		}

		@Test
		void shouldReportATieForFirstPlaceAsTheOnlyFinding() {
			ConstituencyFacts facts = stoneTied().build();

			List<Finding> findings = rules.check(facts);

			assertFindings(findings, finding(ERROR, WINNER_MISMATCH, facts, null, null,
					"Jacqueline Brown (Lab) and Gavin Williamson (Con) on 17,147", null,
					"tied votes: " + CANDIDATES + "S83, " + CANDIDATES + "S84"));
			assertThat(findings.get(0).message()).isEqualTo("Stone, Great Wyrley and Penkridge: Jacqueline Brown (Lab)"
					+ " and Gavin Williamson (Con) tie for first place on 17,147 votes; winner, majority and result are"
					+ " left empty");
		}

		@Test
		void shouldReportATieWithoutAConstituencyLine() {
			ConstituencyFacts facts = stoneTied().withoutConstituencyLine().build();

			assertFindings(rules.check(facts), finding(ERROR, WINNER_MISMATCH, facts, null, null,
					"Jacqueline Brown (Lab) and Gavin Williamson (Con) on 17,147", null,
					"tied votes: " + CANDIDATES + "S83, " + CANDIDATES + "S84"));
		}

		@Test
		void shouldStillCheckTheTotalsOnATie() {
			ConstituencyFacts facts = stoneTied().validVotes(42_771L).build();

			assertThat(rules.check(facts)).extracting(Finding::check)
				.containsExactly(CheckCode.WINNER_MISMATCH, CheckCode.VOTES_TOTAL_MISMATCH);
		}

		@Test
		void shouldNotTreatATieForSecondPlaceAsATie() {
			// Reform UK level with the Conservatives on 13,936 behind Labour's 18,531
			ConstituencyFacts facts = Facts.stafford().votes("Riley", 13_936).partyColumn("RUK", 13_936)
				.validVotes(51_333L)
				.build();

			assertThat(rules.check(facts)).isEmpty();
		}
	}

	@Nested
	class Majority {

		@Test
		void shouldReportErrorWhenTheStatedMajorityIsNotFirstMinusSecond() {
			ConstituencyFacts facts = Facts.stafford().majority(4_596L).build();

			List<Finding> findings = rules.check(facts);

			assertFindings(findings, finding(ERROR, MAJORITY_MISMATCH, facts, null, "4595", "4596", "1",
					"winner's votes: " + CANDIDATES + "S52; runner-up's votes: " + CANDIDATES + "S51; stated majority: " + HOC
							+ "R9"));
			assertThat(findings.get(0).message())
				.isEqualTo("Stafford: stated majority 4,596 differs from first minus second (18,531 - 13,936 = 4,595)");
		}

		@Test
		void shouldReportTheReversedSubtraction() {
			ConstituencyFacts facts = Facts.cannockChase().majority(-3_125L).build();

			assertFindings(rules.check(facts), finding(ERROR, MAJORITY_MISMATCH, facts, null, "3125",
					"-3125", "-6250", "winner's votes: " + CANDIDATES
					+ "S12; runner-up's votes: " + CANDIDATES + "S11; stated majority: " + HOC + "R3"));
		}

		@Test
		void shouldNotCheckWithoutAStatedMajority() {
			assertThat(rules.check(Facts.stafford().majority(null).build())).isEmpty();
		}
	}

	@Nested
	class ResultLabel {

		@Test
		void shouldReportErrorWhenAGainIsLabelledAHold() {
			ConstituencyFacts facts = Facts.stafford().result("Lab hold").build();

			List<Finding> findings = rules.check(facts);

			assertFindings(findings, finding(ERROR, RESULT_LABEL_MISMATCH, facts, null,
					"Lab gain from Con", "Lab hold", null,
					"winner's votes: " + CANDIDATES + "S52; notional 2019 winner: " + NOTIONAL + "CM9; stated result: " + HOC + "L9"));
			assertThat(findings.get(0).message()).isEqualTo("Stafford: stated result 'Lab hold' differs from"
					+ " 'Lab gain from Con' computed from the 2024 winner and the notional 2019 winner");
		}

		@Test
		void shouldReportErrorWhenAHoldIsLabelledAGain() {
			ConstituencyFacts facts = Facts.staffordshireMoorlands().result("Con gain from Lab").build();

			assertFindings(rules.check(facts), finding(ERROR, RESULT_LABEL_MISMATCH, facts, null,
					"Con hold", "Con gain from Lab", null,
					"winner's votes: " + CANDIDATES + "S57; notional 2019 winner: " + NOTIONAL + "CM10; stated result: " + HOC + "L10"));
		}

		@Test
		void shouldReportAGainFromTheWrongParty() {
			ConstituencyFacts facts = Facts.newcastleUnderLyme().result("Lab gain from RUK").build();

			assertFindings(rules.check(facts), finding(ERROR, RESULT_LABEL_MISMATCH, facts, null,
					"Lab gain from Con", "Lab gain from RUK", null,
					"winner's votes: " + CANDIDATES + "S45; notional 2019 winner: " + NOTIONAL + "CM8; stated result: " + HOC + "L8"));
		}

		@ParameterizedTest
		@CsvSource({ "'lab gain from con'", "'  Lab   gain from Con '", "'LAB GAIN FROM CON'" })
		void shouldIgnoreCaseAndSpacingInTheStatedLabel(String stated) {
			assertThat(rules.check(Facts.stafford().result(stated).build())).isEmpty();
		}

		@Test
		void shouldNotCheckTheLabelWithoutABaseline() {
			assertThat(rules.check(Facts.stafford().withoutNotional().result("Lab hold").build())).isEmpty();
		}

		@Test
		void shouldNotCheckWithoutAStatedLabel() {
			assertThat(rules.check(Facts.stafford().result(null).build())).isEmpty();
		}

		@Test
		void shouldComputeTheLabelFromTheVotesNotTheDeclaredFirstParty() {
			ConstituencyFacts facts = Facts.stafford().firstParty("Con").result("Con hold").build();

			assertFindings(rules.check(facts),
					finding(ERROR, WINNER_MISMATCH, facts, null, "Lab", "Con", null,
						"winner's votes: " + CANDIDATES + "S52; declared first party: " + HOC + "M9"),
					finding(ERROR, RESULT_LABEL_MISMATCH, facts, null, "Lab gain from Con", "Con hold",
							null, "winner's votes: " + CANDIDATES + "S52; notional 2019 winner: " + NOTIONAL + "CM9; stated result: " + HOC + "L9"));
		}
	}

	@Test
	void shouldReportTotalsThenWinnerThenMajorityThenLabel() {
		ConstituencyFacts facts = Facts.stafford().validVotes(46_010L).firstParty("Con").majority(4_594L)
			.result("Lab hold")
			.build();

		assertFindings(rules.check(facts),
				finding(ERROR, VOTES_TOTAL_MISMATCH, facts, null, "46009", "46010", "1",
						"candidates' votes: " + CANDIDATES + "S46:S52; valid votes: " + HOC + "P9"),
				finding(ERROR, WINNER_MISMATCH, facts, null, "Lab", "Con", null,
						"winner's votes: " + CANDIDATES + "S52; declared first party: " + HOC + "M9"),
				finding(ERROR, MAJORITY_MISMATCH, facts, null, "4595", "4594", "-1", "winner's votes: " + CANDIDATES
						+ "S52; runner-up's votes: " + CANDIDATES + "S51; stated majority: " + HOC + "R9"),
				finding(ERROR, RESULT_LABEL_MISMATCH, facts, null, "Lab gain from Con", "Lab hold",
						null, "winner's votes: " + CANDIDATES + "S52; notional 2019 winner: " + NOTIONAL + "CM9; stated result: " + HOC + "L9"));
	}

	@Test
	void shouldNameTheRejectedCandidateRowInEveryFindingComputedFromTheCandidatesVotes() {
		ConstituencyFacts full = Facts.stafford().build();
		// Craig Morton's votes cell (91) was rejected: the candidates' votes sum to 45,918, Others to 307
		ConstituencyFacts facts = full
			.merged(full.declaration(),
					full.candidates().stream().filter(c -> !"Morton".equals(c.surname())).toList(), full.boxes())
			.withRejected(List.of(new org.electionrecon.model.RejectedFigure("E14001513",
					org.electionrecon.model.RejectedFigure.Kind.CANDIDATE, "candidate Craig Morton",
					CANDIDATES + "S46", "votes is not a number")));
		String leftOut = "; the candidates' votes leave out candidate Craig Morton, rejected at " + CANDIDATES
				+ "S46 (votes is not a number)";

		assertThat(new ResultRules().check(facts))
			.extracting(Finding::check, Finding::message, Finding::source)
			.containsExactly(
					org.assertj.core.api.Assertions.tuple(CheckCode.VOTES_TOTAL_MISMATCH,
							"Stafford: stated valid votes 46,009 differ from the sum of the 6 candidates' votes (45,918)"
									+ leftOut,
							"candidates' votes: " + CANDIDATES + "S47:S52; valid votes: " + HOC + "P9; left out: " + CANDIDATES
									+ "S46"),
					org.assertj.core.api.Assertions.tuple(CheckCode.VOTES_TOTAL_MISMATCH,
							"Stafford: the constituency file's Other column (398) differs from the all other candidates'"
									+ " votes (307)" + leftOut,
							"candidates' votes: " + CANDIDATES + "S47; party column: " + HOC + "AE9; left out: " + CANDIDATES
									+ "S46"));
	}
}
