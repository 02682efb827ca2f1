package org.electionrecon.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.electionrecon.model.CandidateVotes;
import org.junit.jupiter.api.Test;

class ComputedResultTests {

	@Test
	void shouldRankStaffordsCandidatesByVotes() {
		ComputedResult result = ComputedResult.of(Facts.stafford().build().candidates());

		assertThat(result.winner().fullName()).isEqualTo("Leigh Ingham");
		assertThat(result.winnerParty()).isEqualTo("Lab");
		assertThat(result.runnerUp().fullName()).isEqualTo("Theo Clarke");
		assertThat(result.runnerUpParty()).isEqualTo("Con");
		assertThat(result.tie()).isFalse();
		assertThat(result.majority()).isEqualTo(4_595L);
		assertThat(result.candidateVotes()).isEqualTo(46_009L);
	}

	@Test
	void shouldNotDependOnTheOrderOfTheCandidates() {
		List<CandidateVotes> candidates = new ArrayList<>(Facts.cannockChase().build().candidates());
		Collections.reverse(candidates);

		ComputedResult result = ComputedResult.of(candidates);

		assertThat(result.winner().surname()).isEqualTo("Newbury");
		assertThat(result.runnerUp().surname()).isEqualTo("Milling");
		assertThat(result.majority()).isEqualTo(3_125L);
	}

	@Test
	void shouldLabelAGainOrAHoldFromTheNotionalWinner() {
		ComputedResult stafford = ComputedResult.of(Facts.stafford().build().candidates());
		ComputedResult moorlands = ComputedResult.of(Facts.staffordshireMoorlands().build().candidates());

		assertThat(stafford.label("Con")).isEqualTo("Lab gain from Con");
		assertThat(stafford.label("Lab")).isEqualTo("Lab hold");
		assertThat(stafford.label(null)).isNull();
		assertThat(moorlands.label("Con")).isEqualTo("Con hold");
		assertThat(moorlands.label("RUK")).isEqualTo("Con gain from RUK");
	}

	@Test
	void shouldHaveNoWinnerMajorityOrLabelOnATie() {
		ComputedResult result = ComputedResult.of(Facts.stoneGreatWyrleyAndPenkridge().votes("Brown", 17_147)
			.votes("Williamson", 17_147)
			.build()
			.candidates());

		assertThat(result.tie()).isTrue();
		assertThat(result.hasWinner()).isFalse();
		assertThat(result.winner()).isNull();
		assertThat(result.winnerParty()).isNull();
		assertThat(result.majority()).isNull();
		assertThat(result.label("Con")).isNull();
		assertThat(result.candidateVotes()).isEqualTo(42_770L);
	}

	@Test
	void shouldHaveNothingWithoutCandidates() {
		ComputedResult result = ComputedResult.of(List.of());

		assertThat(result.hasWinner()).isFalse();
		assertThat(result.tie()).isFalse();
		assertThat(result.runnerUp()).isNull();
		assertThat(result.majority()).isNull();
		assertThat(result.candidateVotes()).isZero();
		assertThat(result.label("Con")).isNull();
	}

	@Test
	void shouldSumVotesByPartyAcrossCandidatesOfOneParty() {
		List<CandidateVotes> candidates = Facts.congleton().candidate("Jo", "Bloggs", "Ind", 319).build().candidates();

		assertThat(ComputedResult.votesByParty(candidates)).containsEntry("Ind", 2_500L)
			.containsEntry("WEP", 544L)
			.containsEntry("Lab", 18_875L)
			.hasSize(7);
	}
}
