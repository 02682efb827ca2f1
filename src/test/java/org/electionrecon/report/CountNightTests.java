package org.electionrecon.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

	@Test
	void aConstituencysReceiptsAreTheLatestOfItsFilesVerificationAndDeclarationApart() {
		LocalDateTime revised = LocalDateTime.of(2024, 7, 5, 3, 0, 0);
		// files by FILE_SEQ: 1 and 2 verification statements (2 a revision), 3 the results CSV, 4 the candidates CSV
		FileConstituencies staged = new FileConstituencies(Map.of(
				"RECON_VERIFICATION_SHEET", Map.of(1L, Set.of("E14001001", "E14001002"), 2L, Set.of("E14001002")),
				"RECON_DECLARATION", Map.of(3L, Set.of("E14001001", "E14001003")),
				"RECON_CANDIDATE", Map.of(4L, Set.of("E14001001", "E14001004"), 9L, Set.of("E14001005"))));
		Map<Long, LocalDateTime> receivedAt = Map.of(1L, VERIFIED, 2L, revised, 3L, DECLARED, 4L, revised);

		Map<String, CountNight.Receipts> receipts = CountNight.receipts(staged, receivedAt);

		// FILE_SEQ 9 is no received file of the run: E14001005 received nothing
		assertThat(receipts).isEqualTo(Map.of("E14001001", new CountNight.Receipts(VERIFIED, revised), "E14001002",
				new CountNight.Receipts(revised, null), "E14001003", new CountNight.Receipts(null, DECLARED),
				"E14001004", new CountNight.Receipts(null, revised)));
	}
}
