package org.electionrecon.staging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.electionrecon.model.CheckCode;
import org.electionrecon.model.CheckEvaluation;
import org.junit.jupiter.api.Test;

class CheckCountsTextTests {

	@Test
	void shouldWriteEachEvaluationAsCheckCountsAndReason() {
		List<CheckEvaluation> evaluations = List.of(new CheckEvaluation(CheckCode.BOX_VARIANCE, 12, 1, null),
				CheckEvaluation.notEvaluated(CheckCode.NO_BASELINE, "no notional 2019 figures"),
				new CheckEvaluation(CheckCode.INPUT_REVISED, 1, 0, null));

		String text = CheckCountsText.format(evaluations);

		assertThat(text).isEqualTo("BOX_VARIANCE,12,1;NO_BASELINE,0,0,no notional 2019 figures;INPUT_REVISED,1,0");
		assertThat(CheckCountsText.parse(text)).isEqualTo(evaluations);
	}

	@Test
	void shouldEscapeTheBackslashTheSeparatorAndLineBreaksOfAReason() {
		List<CheckEvaluation> evaluations = List.of(
				CheckEvaluation.notEvaluated(CheckCode.ELECTORATE_MISMATCH, "a;b,c\\d\ne\r\nf"),
				new CheckEvaluation(CheckCode.WINNER_MISMATCH, 0, 0, ""));

		String text = CheckCountsText.format(evaluations);

		assertThat(text).isEqualTo("ELECTORATE_MISMATCH,0,0,a\\;b,c\\\\d\\ne\\r\\nf;WINNER_MISMATCH,0,0,");
		assertThat(CheckCountsText.parse(text)).isEqualTo(evaluations);
	}

	@Test
	void shouldTellAnEmptyReasonFromNone() {
		assertThat(CheckCountsText.parse("NO_BASELINE,0,0,")).containsExactly(
				new CheckEvaluation(CheckCode.NO_BASELINE, 0, 0, ""));
		assertThat(CheckCountsText.parse("NO_BASELINE,0,0")).containsExactly(
				new CheckEvaluation(CheckCode.NO_BASELINE, 0, 0, null));
	}

	@Test
	void shouldReadBackAwkwardReasonsAndRepeatedChecksInOrder() {
		List<String> reasons = List.of(";", ",", "\\", "\\;", ";\\", "\\n", "\n", "\r", "\\\\;;,,", "trailing \\",
				"; leading", "  spaced  ", "Ynys Môn – ‘quoted’ \uD83D\uDDF3", "BOX_VARIANCE,1,2;X", "tab\there",
				"x".repeat(400));
		List<CheckEvaluation> evaluations = new java.util.ArrayList<>();
		for (int i = 0; i < reasons.size(); i++) {
			evaluations.add(CheckEvaluation.notEvaluated(CheckCode.values()[i % CheckCode.values().length], reasons.get(i)));
			evaluations.add(new CheckEvaluation(CheckCode.BOX_VARIANCE, i * 1_000_000, i, null));
		}
		evaluations.add(new CheckEvaluation(CheckCode.BOX_VARIANCE, Integer.MAX_VALUE, Integer.MAX_VALUE, "evaluated, with a reason"));

		String text = CheckCountsText.format(evaluations);

		assertThat(text).doesNotContain("\n").doesNotContain("\r");
		assertThat(CheckCountsText.parse(text)).isEqualTo(evaluations);
	}

	@Test
	void shouldReadNoEvaluationsFromAnEmptyText() {
		assertThat(CheckCountsText.format(List.of())).isEmpty();
		assertThat(CheckCountsText.parse("")).isEmpty();
	}

	@Test
	void shouldRejectAnUnknownEscape() {
		assertThatThrownBy(() -> CheckCountsText.parse("NO_BASELINE,0,0,a\\tb"))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessage("unknown escape \\t in: NO_BASELINE,0,0,a\\tb");
	}
}
