package org.electionrecon.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.electionrecon.reconcile.Thresholds;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

class RunSettingsTests {

	private static final ReconProperties PLAIN = new ReconProperties(5000, 25, Map.of(), Map.of());

	private static Thresholds boxVarianceErrorAt(long papers) {
		Thresholds d = Thresholds.defaults();
		return new Thresholds(papers, d.countVsVerifiedErrorAt(), d.rejectedRateMaxPercent(), d.turnoutChangeMaxPoints(),
				d.electorateChangeMaxPercent());
	}

	@Test
	void shouldHoldTheElectionEveryThresholdAndTheTwoMapsUnderTheirDocumentedNames() {
		RunSettings settings = RunSettings.of("2024-07-04", Thresholds.defaults(), new ReconProperties(5000, 25,
				Map.of("verification.issued", List.of("Papers out", "Issued papers")), Map.of("Scottish Greens", "Green",
						"Alba", "Alba")));

		assertThat(settings.values()).containsExactly(Map.entry("election", "2024-07-04"),
				Map.entry("recon.checks.box-variance-error-at", "5"), Map.entry("recon.checks.count-vs-verified-error-at", "10"),
				Map.entry("recon.checks.rejected-rate-max-percent", "1"),
				Map.entry("recon.checks.turnout-change-max-points", "5"),
				Map.entry("recon.checks.electorate-change-max-percent", "10"),
				Map.entry("recon.parties", "Alba=Alba; Scottish Greens=Green"),
				Map.entry("recon.header-synonyms", "verification.issued=Papers out | Issued papers"));
		assertThat(settings.nonDefault()).containsExactly("recon.parties=Alba=Alba; Scottish Greens=Green",
				"recon.header-synonyms=verification.issued=Papers out | Issued papers");
	}

	@Test
	void shouldGiveTheSameDigestForTheSameSettingsAndAnotherForAnyChange() {
		RunSettings defaults = RunSettings.of("2024-07-04", Thresholds.defaults(), PLAIN);
		Thresholds sameInOtherWords = new Thresholds(5L, 10L, new BigDecimal("1.00"), new BigDecimal("5.0"),
				new BigDecimal("10"));

		assertThat(RunSettings.of("2024-07-04", sameInOtherWords, PLAIN).digest()).isEqualTo(defaults.digest());
		assertThat(RunSettings.of("2024-07-04", Thresholds.defaults(), new ReconProperties(10, 1, Map.of(), Map.of()))
			.digest()).as("chunk sizes do not change findings").isEqualTo(defaults.digest());
		assertThat(RunSettings.of("2024-07-04", boxVarianceErrorAt(3), PLAIN).digest()).isNotEqualTo(defaults.digest());
		assertThat(RunSettings.of("2024-05-02", Thresholds.defaults(), PLAIN).digest()).isNotEqualTo(defaults.digest());
		assertThat(RunSettings.of("2024-07-04", Thresholds.defaults(),
				new ReconProperties(5000, 25, Map.of(), Map.of("Scottish Greens", "Green"))).digest())
			.isNotEqualTo(defaults.digest());
		assertThat(defaults.digest()).hasSize(64);
		assertThat(defaults.describe()).isEqualTo(defaults.digest().substring(0, 12) + " (defaults)");
	}

	@Test
	void shouldNameEachSettingThatDiffersFromAnotherRun() {
		RunSettings mine = RunSettings.of("2024-07-04", boxVarianceErrorAt(3), PLAIN);
		RunSettings theirs = RunSettings.of("2024-07-04", Thresholds.defaults(),
				new ReconProperties(5000, 25, Map.of(), Map.of("Scottish Greens", "Green")));

		assertThat(mine.differencesFrom(theirs, "run 4")).containsExactly(
				"recon.checks.box-variance-error-at=3 (run 4: 5)", "recon.parties=none (run 4: Scottish Greens=Green)");
		assertThat(mine.describe()).isEqualTo(mine.shortDigest() + " (recon.checks.box-variance-error-at=3)");
	}

	@Test
	void shouldComeBackWholeFromTheJobParameters() {
		RunSettings settings = RunSettings.of("2024-07-04", boxVarianceErrorAt(3),
				new ReconProperties(5000, 25, Map.of(), Map.of("Scottish Greens", "Green")));
		JobParameters parameters = settings.addTo(new JobParametersBuilder().addString("election", "2024-07-04"))
			.toJobParameters();

		assertThat(parameters.getParameter(RunSettings.DIGEST_PARAMETER).identifying()).isTrue();
		assertThat(parameters.getParameter("recon.checks.box-variance-error-at").identifying()).isFalse();
		assertThat(RunSettings.of(parameters)).isEqualTo(settings);
		assertThat(RunSettings.of(new JobParametersBuilder().addString("election", "2024-07-04").toJobParameters()))
			.as("a run made before settings were recorded").isNull();
	}
}
