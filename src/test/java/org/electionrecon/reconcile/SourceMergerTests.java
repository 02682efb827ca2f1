package org.electionrecon.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigDecimal;
import java.util.List;

import org.electionrecon.model.BallotBox;
import org.electionrecon.model.BoxType;
import org.electionrecon.model.CandidateVotes;
import org.electionrecon.model.CheckCode;
import org.electionrecon.model.Constituency;
import org.electionrecon.model.DeclaredResult;
import org.electionrecon.model.Finding;
import org.electionrecon.model.Severity;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SourceMergerTests {

	private static final Constituency ALTRINCHAM = new Constituency("E14001065", "Altrincham and Sale West",
			"North West", null, "North West", List.of());

	private static final Constituency MID_BUCKS = new Constituency("E14001360", "Mid Buckinghamshire", "South East",
			null, "South East", List.of());

	/** The HoC candidate file's cells. */
	private static final String HOC = "'declarations/[HoC-GE2024-results-by-candidate.csv]HoC-GE2024-results-by-candidate'!";

	/** Trafford's results file's cells: its sheet is the file name cut at 31 characters, as Excel names it. */
	private static final String TRAFFORD = "'declarations/[trafford_council_election_results.csv]trafford_council_election_resul'!";

	private final SourceMerger merger = new SourceMerger();

	private static ConstituencyFacts facts(Constituency c, List<BallotBox> boxes, List<CandidateVotes> candidates,
			List<DeclaredResult> declarations) {
		return new ConstituencyFacts(c, boxes.isEmpty() ? List.of() : List.of("'verification/[x.xlsx]Sheet'"), boxes,
				List.of(), null, List.of(), candidates, null, declarations, List.of(), List.of());
	}

	@Nested
	class Candidates {

		@Test
		void shouldKeepTwoCandidatesOfTheSameNameInDifferentParties() {
			// Mid Buckinghamshire 2024: Greg Smith (Con) and Greg Smith (Green)
			CandidateVotes con = new CandidateVotes("E14001360", "Greg", "Smith", "Con", 20_150, null, HOC + "S2552");
			CandidateVotes green = new CandidateVotes("E14001360", "Greg", "Smith", "Green", 2_942, null,
					HOC + "S2553");

			SourceMerger.Merged merged = merger.merge(facts(MID_BUCKS, List.of(), List.of(con, green), List.of()));

			assertThat(merged.facts().candidates()).containsExactly(con, green);
			assertThat(merged.findings()).isEmpty();
		}

		@Test
		void shouldMergeTheSameCandidateAcrossFilesWithoutAFinding() {
			CandidateVotes hoc = new CandidateVotes("E14001065", "Oliver", "Carroll", "Con", 16_624, null, HOC + "S1");
			CandidateVotes council = new CandidateVotes("E14001065", "Oliver Joseph", "CARROLL", "Con", 16_624,
					Boolean.FALSE, TRAFFORD + "S877");

			SourceMerger.Merged merged = merger.merge(facts(ALTRINCHAM, List.of(), List.of(hoc, council), List.of()));

			assertThat(merged.facts().candidates()).containsExactly(
					new CandidateVotes("E14001065", "Oliver", "Carroll", "Con", 16_624, Boolean.FALSE, HOC + "S1"));
			assertThat(merged.findings()).isEmpty();
		}

		@Test
		void shouldReportDifferentVotesAcrossFilesAndUseTheLaterFile() {
			CandidateVotes hoc = new CandidateVotes("E14001065", "Connor", "Rand", "Lab", 20_798, null, HOC + "S5");
			CandidateVotes council = new CandidateVotes("E14001065", "Connor Dean", "RAND", "Lab", 20_789, Boolean.TRUE,
					TRAFFORD + "S878");

			SourceMerger.Merged merged = merger.merge(facts(ALTRINCHAM, List.of(), List.of(hoc, council), List.of()));

			assertThat(merged.facts().candidates()).extracting(CandidateVotes::fullName, CandidateVotes::votes)
				.containsExactly(tuple("Connor Rand", 20_789L));
			assertThat(merged.findings())
				.extracting(Finding::severity, Finding::check, Finding::expected, Finding::actual, Finding::difference,
						Finding::source)
				.containsExactly(tuple(Severity.ERROR, CheckCode.DUPLICATE_RECORD, "20798", "20789", BigDecimal.valueOf(-9),
						"earlier: " + HOC + "S5; later: " + TRAFFORD + "S878"));
		}

		@Test
		void shouldCountAnIdenticalRepeatInOneFileOnceWithAWarning() {
			CandidateVotes first = new CandidateVotes("E14001065", "Jane", "Brophy", "LD", 4_727, null, HOC + "S3");
			CandidateVotes again = new CandidateVotes("E14001065", "Jane", "Brophy", "LD", 4_727, null, HOC + "S9");

			SourceMerger.Merged merged = merger.merge(facts(ALTRINCHAM, List.of(), List.of(first, again), List.of()));

			assertThat(merged.facts().candidates()).hasSize(1);
			assertThat(merged.findings()).extracting(Finding::severity, Finding::check)
				.containsExactly(tuple(Severity.WARNING, CheckCode.DUPLICATE_RECORD));
		}
	}

	@Nested
	class Declarations {

		private DeclaredResult declared(String file, Long electorate, Long valid, Long rejected) {
			// declarations/a.csv: the cells of line 2 of sheet a
			String name = file.substring(file.lastIndexOf('/') + 1, file.lastIndexOf('.'));
			String line = "'declarations/[" + name + ".csv]" + name + "'!";
			return new DeclaredResult("E14001065", file, electorate, line + "O2", valid, valid == null ? null : line + "P2",
					rejected, rejected == null ? null : line + "Q2", null, null, null, null, null, null, null, null, null);
		}

		@Test
		void shouldUseAFieldOnlyOneFileGivesAndReportAFieldTheyDisagreeOn() {
			DeclaredResult hoc = declared("declarations/a.csv", 74_025L, 51_452L, 184L);
			DeclaredResult council = declared("declarations/b.csv", 74_052L, null, null);

			SourceMerger.Merged merged = merger.merge(facts(ALTRINCHAM, List.of(), List.of(), List.of(hoc, council)));

			DeclaredResult result = merged.facts().declaration();
			assertThat(result.electorate()).isEqualTo(74_052L);
			assertThat(result.validVotes()).isEqualTo(51_452L);
			assertThat(result.rejected()).isEqualTo(184L);
			assertThat(merged.findings())
				.extracting(Finding::severity, Finding::check, Finding::expected, Finding::actual, Finding::source)
				.containsExactly(tuple(Severity.ERROR, CheckCode.DUPLICATE_RECORD, "74025", "74052",
						"earlier: 'declarations/[a.csv]a'!O2; later: 'declarations/[b.csv]b'!O2"));
		}
	}

	@Nested
	class Boxes {

		private BallotBox box(String ref, long issued, long verified, int row) {
			return new BallotBox("E14001065", ref, "Church Hall (AS1)", BoxType.POLLING_STATION, issued, verified,
					"'verification/[x.xlsx]Sheet'!D" + row, "'verification/[x.xlsx]Sheet'!E" + row);
		}

		@Test
		void shouldCountAnIdenticalBoxOnceWithAWarningAndUseTheLaterOfTwoDifferentOnes() {
			SourceMerger.Merged merged = merger.merge(facts(ALTRINCHAM, List.of(box("B001", 500, 500, 10),
					box("B001", 500, 500, 11), box("B002", 300, 300, 12), box("B002", 300, 301, 13)), List.of(),
					List.of()));

			assertThat(merged.facts().boxes()).extracting(BallotBox::box, BallotBox::verified)
				.containsExactly(tuple("B001", 500L), tuple("B002", 301L));
			assertThat(merged.findings()).extracting(Finding::severity, Finding::check, Finding::box, Finding::source)
				.containsExactly(
						tuple(Severity.WARNING, CheckCode.DUPLICATE_RECORD, "B001",
								"earlier: 'verification/[x.xlsx]Sheet'!E10; later: 'verification/[x.xlsx]Sheet'!E11"),
						tuple(Severity.ERROR, CheckCode.DUPLICATE_RECORD, "B002",
								"earlier: 'verification/[x.xlsx]Sheet'!E12; later: 'verification/[x.xlsx]Sheet'!E13"));
		}
	}
}
