package org.electionrecon.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.electionrecon.model.CheckCode;
import org.electionrecon.model.CheckEvaluation;
import org.electionrecon.staging.EmbeddedStagingDatabase;
import org.electionrecon.staging.StagingSchema;
import org.electionrecon.staging.StagingTables;
import org.hsqldb.jdbc.JDBCDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The Checks sheet's constituency-level counts of an area, summed from the staged check counts
 * (one row per constituency): the area's constituencies only, each reason with the number of
 * constituencies it applies to, most first, then by reason.
 */
class StagedAreaCheckEvaluationsTests {

	private static final long RUN = 7;

	private JdbcTemplate jdbc;

	private StagingTables tables;

	@BeforeEach
	void setUp(@TempDir Path folder) throws Exception {
		JDBCDataSource dataSource = EmbeddedStagingDatabase.in(folder);
		StagingSchema.ensure(dataSource);
		jdbc = new JdbcTemplate(dataSource);
		tables = new StagingTables(jdbc);
	}

	@Test
	void shouldSumTheAreasConstituenciesAndCountEachReason() {
		constituency("E1", "West Midlands", List.of(new CheckEvaluation(CheckCode.BOX_VARIANCE, 10, 2, null),
				CheckEvaluation.notEvaluated(CheckCode.NO_BASELINE, "no notional 2019 figures"),
				CheckEvaluation.notEvaluated(CheckCode.ELECTORATE_MISMATCH, "b; with a separator"),
				new CheckEvaluation(CheckCode.INPUT_REVISED, 1, 1, null)));
		constituency("E2", "West Midlands", List.of(new CheckEvaluation(CheckCode.BOX_VARIANCE, 5, 0, null),
				CheckEvaluation.notEvaluated(CheckCode.NO_BASELINE, "no notional 2019 figures"),
				CheckEvaluation.notEvaluated(CheckCode.ELECTORATE_MISMATCH, "a reason\nover two lines"),
				CheckEvaluation.notEvaluated(CheckCode.INPUT_REVISED, "no previous completed run of this election")));
		constituency("E3", "West Midlands", List.of(new CheckEvaluation(CheckCode.BOX_VARIANCE, 0, 0, null),
				new CheckEvaluation(CheckCode.NO_BASELINE, 0, 0, "no notional 2019 figures"),
				CheckEvaluation.notEvaluated(CheckCode.ELECTORATE_MISMATCH, "b; with a separator"),
				new CheckEvaluation(CheckCode.INPUT_REVISED, 1, 0, null)));
		constituency("W1", "Wales", List.of(new CheckEvaluation(CheckCode.BOX_VARIANCE, 100, 50, null),
				CheckEvaluation.notEvaluated(CheckCode.NO_BASELINE, "only in Wales")));

		Map<CheckCode, CheckEvaluation> evaluations = new StagedAreaReport(jdbc, StagedRun.read(jdbc, RUN, "GE2024", null),
				"West Midlands").checkEvaluations();

		assertThat(evaluations.get(CheckCode.BOX_VARIANCE)).isEqualTo(new CheckEvaluation(CheckCode.BOX_VARIANCE, 15, 2, null));
		assertThat(evaluations.get(CheckCode.NO_BASELINE)).isEqualTo(
				CheckEvaluation.notEvaluated(CheckCode.NO_BASELINE, "no notional 2019 figures for 3 constituencies"));
		assertThat(evaluations.get(CheckCode.ELECTORATE_MISMATCH)).isEqualTo(CheckEvaluation.notEvaluated(
				CheckCode.ELECTORATE_MISMATCH, "b; with a separator for 2 constituencies; a reason\nover two lines for 1 constituency"));
		assertThat(evaluations.get(CheckCode.INPUT_REVISED)).isEqualTo(new CheckEvaluation(CheckCode.INPUT_REVISED, 2, 1,
				"no previous completed run of this election for 1 constituency"));
		assertThat(evaluations.get(CheckCode.WINNER_MISMATCH)).isEqualTo(new CheckEvaluation(CheckCode.WINNER_MISMATCH, 0, 0, null));
	}

	@Test
	void shouldOrderReasonsOfAsManyConstituenciesByReason() {
		constituency("E1", "West Midlands", List.of(CheckEvaluation.notEvaluated(CheckCode.NO_BASELINE, "zebra")));
		constituency("E2", "West Midlands", List.of(CheckEvaluation.notEvaluated(CheckCode.NO_BASELINE, "Zebra")));
		constituency("E3", "West Midlands", List.of(CheckEvaluation.notEvaluated(CheckCode.NO_BASELINE, "apple")));

		Map<CheckCode, CheckEvaluation> evaluations = new StagedAreaReport(jdbc, StagedRun.read(jdbc, RUN, "GE2024", null),
				"West Midlands").checkEvaluations();

		assertThat(evaluations.get(CheckCode.NO_BASELINE).notEvaluatedBecause())
			.isEqualTo("Zebra for 1 constituency; apple for 1 constituency; zebra for 1 constituency");
	}

	private void constituency(String code, String area, List<CheckEvaluation> evaluations) {
		jdbc.update("INSERT INTO RECON_FIGURES (RUN_ID, CODE, NAME, AREA, BOXES) VALUES (?, ?, ?, ?, 0)", RUN, code,
				"Constituency " + code, area);
		tables.insertCheckEvaluations(RUN, List.of(new StagingTables.ConstituencyChecks(code, evaluations)));
	}
}
