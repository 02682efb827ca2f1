package org.electionrecon.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.electionrecon.reconcile.Facts.areaFigures;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.electionrecon.model.CheckCode;
import org.electionrecon.model.ConstituencyFigures;
import org.electionrecon.model.Finding;
import org.electionrecon.model.FindingStatus;
import org.electionrecon.model.Severity;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class AreaRulesTests {

	/** Every cell Stoke-on-Trent Central's turnout change is computed from, as the area step passes them in. */
	private static final String STOKE_CENTRAL_SOURCES = "electorate: "
			+ "'declarations/[HoC-GE2024-results-by-constituency.csv]HoC-GE2024-results-by-constitue'!O11; verified: "
			+ "'verification/[stoke-on-trent-city-council.xlsx]Stoke-on-Trent Central'!E10:E40; notional 2019 turnout: "
			+ "'notional/[RallingsThrasher-2019-notional-results-2024-boundaries.csv]RallingsThrasher-2019-notional-'!I11";

	private final AreaRules rules = new AreaRules(Thresholds.defaults());

	/**
	 * The 14 seats of Staffordshire and Cheshire: ballot-box turnout (papers verified / HoC electorate)
	 * and the notional 2019 turnout. Their changes run from -9.61 (Stoke-on-Trent Central) to -3.58
	 * (Congleton); the median of the 14 is (-6.28 + -6.10) / 2 = -6.19.
	 */
	private static List<ConstituencyFigures> staffordshireAndCheshire() {
		return new ArrayList<>(List.of(areaFigures("E14001143", "Burton and Uttoxeter", "58.71", "64.60"),
				areaFigures("E14001150", "Cannock Chase", "55.96", "61.30"),
				areaFigures("E14001178", "Congleton", "67.72", "71.30"),
				areaFigures("E14001185", "Crewe and Nantwich", "60.36", "65.80"),
				areaFigures("E14001316", "Kingswinford and South Staffordshire", "63.26", "71.00"),
				areaFigures("E14001335", "Lichfield", "64.72", "71.00"),
				areaFigures("E14001380", "Newcastle-under-Lyme", "58.66", "67.60"),
				areaFigures("E14001513", "Stafford", "65.39", "72.70"),
				areaFigures("E14001514", "Staffordshire Moorlands", "62.22", "67.30"),
				areaFigures("E14001520", "Stoke-on-Trent Central", "47.99", "57.60"),
				areaFigures("E14001521", "Stoke-on-Trent North", "51.90", "59.90"),
				areaFigures("E14001522", "Stoke-on-Trent South", "58.66", "67.00"),
				areaFigures("E14001523", "Stone, Great Wyrley and Penkridge", "60.78", "66.10"),
				areaFigures("E14001538", "Tamworth", "58.50", "64.60")));
	}

	private static List<ConstituencyFigures> replace(List<ConstituencyFigures> area, ConstituencyFigures figures) {
		area.replaceAll(f -> f.code().equals(figures.code()) ? figures : f);
		return area;
	}

	private static List<BigDecimal> sortedChanges(List<ConstituencyFigures> area) {
		return area.stream().map(ConstituencyFigures::turnoutChange).filter(c -> c != null).sorted().toList();
	}

	@Nested
	class Median {

		@Test
		void shouldAverageTheTwoMiddleChangesOfAnEvenSizedArea() {
			assertThat(AreaRules.median(sortedChanges(staffordshireAndCheshire())))
				.isEqualByComparingTo(new BigDecimal("-6.19"));
		}

		@Test
		void shouldTakeTheMiddleChangeOfAnOddSizedArea() {
			List<ConstituencyFigures> withoutTamworth = staffordshireAndCheshire();
			withoutTamworth.removeIf(f -> f.name().equals("Tamworth"));

			assertThat(AreaRules.median(sortedChanges(withoutTamworth))).isEqualByComparingTo(new BigDecimal("-6.28"));
		}

		@Test
		void shouldAverageTwoChangesExactly() {
			assertThat(AreaRules.median(List.of(new BigDecimal("-7.31"), new BigDecimal("-5.34"))))
				.isEqualByComparingTo(new BigDecimal("-6.325"));
		}

		@Test
		void shouldTakeTheOnlyChange() {
			assertThat(AreaRules.median(List.of(new BigDecimal("-7.31"))))
				.isEqualByComparingTo(new BigDecimal("-7.31"));
		}
	}

	@Test
	void shouldFindNoOutlierInTheRealArea() {
		assertThat(rules.check(staffordshireAndCheshire(), Map.of())).isEmpty();
	}

	@Test
	void shouldReportWarningWhenATurnoutChangeIsFarBelowTheAreaMedian() {
		// Stoke-on-Trent Central with 25,426 papers verified keyed for 35,426: 25,426 / 73,812 = 34.45%
		List<ConstituencyFigures> area = replace(staffordshireAndCheshire(),
				areaFigures("E14001520", "Stoke-on-Trent Central", "34.45", "57.60"));

		List<Finding> findings = rules.check(area, Map.of("E14001520", STOKE_CENTRAL_SOURCES));

		assertThat(findings).hasSize(1);
		Finding finding = findings.get(0);
		assertThat(finding).extracting(Finding::severity, Finding::check, Finding::status, Finding::constituencyCode,
				Finding::constituencyName, Finding::box, Finding::expected, Finding::actual, Finding::source)
			.containsExactly(Severity.WARNING, CheckCode.TURNOUT_CHANGE_OUTLIER, FindingStatus.OPEN, "E14001520",
					"Stoke-on-Trent Central", null, "-6.19", "-23.15", STOKE_CENTRAL_SOURCES);
		assertThat(finding.difference()).isEqualByComparingTo(new BigDecimal("-16.96"));
		assertThat(finding.message()).isEqualTo("Stoke-on-Trent Central: turnout changed by -23.15 points against"
				+ " notional 2019 (34.45% against 57.60%), 16.96 points from the Staffordshire and Cheshire median"
				+ " change of -6.19");
	}

	@Test
	void shouldReportWarningWhenATurnoutChangeIsFarAboveTheAreaMedian() {
		// Stafford with a notional turnout mistyped as 58.9 for 72.7: change +6.49, and the median of the
		// 14 moves to (-6.10 + -5.89) / 2 = -5.995
		List<ConstituencyFigures> area = replace(staffordshireAndCheshire(),
				areaFigures("E14001513", "Stafford", "65.39", "58.90"));

		List<Finding> findings = rules.check(area, Map.of());

		assertThat(findings).extracting(Finding::constituencyName, Finding::expected, Finding::actual)
			.containsExactly(tuple("Stafford", "-5.995", "6.49"));
		assertThat(findings.get(0).difference()).isEqualByComparingTo(new BigDecimal("12.485"));
	}

	@Nested
	class Boundary {

		/** Three seats: median -5.34 (Cannock Chase). */
		private List<ConstituencyFigures> area(String newcastleTurnout) {
			return List.of(areaFigures("E14001513", "Stafford", "65.39", "72.70"),
					areaFigures("E14001150", "Cannock Chase", "55.96", "61.30"),
					areaFigures("E14001380", "Newcastle-under-Lyme", newcastleTurnout, "67.60"));
		}

		@Test
		void shouldNotReportAChangeExactlyFivePointsFromTheMedian() {
			// 67.26 - 67.60 = -0.34, 5.00 above -5.34
			assertThat(rules.check(area("67.26"), Map.of())).isEmpty();
		}

		@Test
		void shouldReportAChangeJustMoreThanFivePointsFromTheMedian() {
			// 67.27 - 67.60 = -0.33, 5.01 above -5.34
			List<Finding> findings = rules.check(area("67.27"), Map.of());

			assertThat(findings).extracting(Finding::constituencyName, Finding::expected, Finding::actual)
				.containsExactly(tuple("Newcastle-under-Lyme", "-5.34", "-0.33"));
			assertThat(findings.get(0).difference()).isEqualByComparingTo(new BigDecimal("5.01"));
		}
	}

	@Test
	void shouldLeaveSeatsWithoutBothTurnoutsOutOfTheMedianAndNeverReportThem() {
		List<ConstituencyFigures> area = replace(replace(staffordshireAndCheshire(),
				areaFigures("E14001538", "Tamworth", "58.50", null)),
				areaFigures("E14001335", "Lichfield", "64.72", null));
		area = replace(area, areaFigures("E14001520", "Stoke-on-Trent Central", "34.45", "57.60"));
		area.add(areaFigures("E14001999", "No Turnout Seat", null, "60.00"));

		List<Finding> findings = rules.check(area, Map.of("E14001520", STOKE_CENTRAL_SOURCES));

		// the 12 changes: -23.15 -8.94 -8.34 -8.00 -7.74 -7.31 | -5.89 -5.44 -5.34 -5.32 -5.08 -3.58
		assertThat(findings).extracting(Finding::constituencyName, Finding::expected, Finding::actual)
			.containsExactly(tuple("Stoke-on-Trent Central", "-6.60", "-23.15"));
		assertThat(findings.get(0).difference()).isEqualByComparingTo(new BigDecimal("-16.55"));
	}

	@Test
	void shouldFindNothingInAnAreaWithNoTurnoutChanges() {
		List<ConstituencyFigures> area = List.of(areaFigures("E14001513", "Stafford", "65.39", null),
				areaFigures("E14001538", "Tamworth", null, null));

		assertThat(rules.check(area, Map.of())).isEmpty();
		assertThat(rules.check(List.of(), Map.of())).isEmpty();
	}

	@Test
	void shouldReportEveryOutlierInAreaOrder() {
		List<ConstituencyFigures> area = replace(replace(staffordshireAndCheshire(),
				areaFigures("E14001520", "Stoke-on-Trent Central", "34.45", "57.60")),
				areaFigures("E14001513", "Stafford", "65.39", "58.90"));

		assertThat(rules.check(area, Map.of())).extracting(Finding::constituencyName)
			.containsExactly("Stafford", "Stoke-on-Trent Central");
	}
}
