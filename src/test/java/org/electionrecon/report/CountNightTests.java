package org.electionrecon.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** An area's receipts taken from the run's, which are read once for every area of a run. */
class CountNightTests {

	private static final LocalDateTime VERIFIED = LocalDateTime.of(2024, 7, 4, 23, 31, 5);

	private static final LocalDateTime DECLARED = LocalDateTime.of(2024, 7, 5, 2, 10, 0);

	@Test
	void anAreasReceiptsAreTheRunsOfItsConstituenciesAndNoOthers() {
		Map<String, CountNight.Receipts> run = Map.of("E14001001", new CountNight.Receipts(VERIFIED, DECLARED),
				"E14001002", new CountNight.Receipts(null, DECLARED), "W07000001", new CountNight.Receipts(VERIFIED, null));

		Map<String, CountNight.Receipts> area = CountNight.of(run, List.of("E14001001", "E14001002", "E14001003"));

		// E14001003 received nothing: left out, as the Summary's Count night shows it waiting
		assertThat(area).isEqualTo(Map.of("E14001001", new CountNight.Receipts(VERIFIED, DECLARED), "E14001002",
				new CountNight.Receipts(null, DECLARED)));
	}

	@Test
	void anAreaWithNoConstituenciesHasNoReceipts() {
		assertThat(CountNight.of(Map.of("E14001001", new CountNight.Receipts(VERIFIED, DECLARED)), List.of())).isEmpty();
	}
}
