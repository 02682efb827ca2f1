package org.electionrecon.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.electionrecon.ingest.SourceKind;
import org.electionrecon.model.CheckCode;
import org.electionrecon.model.CheckEvaluation;
import org.junit.jupiter.api.Test;

class CarryOverTests {

	private static final CarryOver.StagedFile REGISTER = new CarryOver.StagedFile("register/register.csv", "a1", "k1");

	private static final CarryOver.StagedFile STAFFORD = new CarryOver.StagedFile("verification/stafford.xlsx", "b2",
			"k2");

	private static final CarryOver.StagedFile DECLARATIONS = new CarryOver.StagedFile(
			"declarations/HoC-GE2024-results-by-candidate.csv", "c3", "k3");

	private static final CarryOver.RunInputs INPUTS = new CarryOver.RunInputs("s1", Set.of(), CarryOver.RULES_VERSION);

	@Test
	void shouldLeaveUntouchedAConstituencyFedByTheSameFilesInBothRuns() {
		assertThat(CarryOver.touched(Set.of(REGISTER, STAFFORD, DECLARATIONS), Set.of(DECLARATIONS, STAFFORD, REGISTER)))
			.isFalse();
	}

	@Test
	void shouldTouchAConstituencyWhoseFileWasAddedRemovedOrChanged() {
		Set<CarryOver.StagedFile> before = Set.of(REGISTER, STAFFORD);
		assertThat(CarryOver.touched(Set.of(REGISTER, STAFFORD, DECLARATIONS), before)).as("added").isTrue();
		assertThat(CarryOver.touched(Set.of(REGISTER), before)).as("removed").isTrue();
		assertThat(CarryOver.touched(Set.of(REGISTER, new CarryOver.StagedFile("verification/stafford.xlsx", "b9", "k2")),
				before)).as("other bytes").isTrue();
		assertThat(CarryOver.touched(Set.of(REGISTER, new CarryOver.StagedFile("verification/stafford.xlsx", "b2", "k9")),
				before)).as("read otherwise").isTrue();
		assertThat(CarryOver.touched(Set.of(REGISTER, new CarryOver.StagedFile("verification/stafford-v2.xlsx", "b2", "k2")),
				before)).as("renamed").isTrue();
	}

	@Test
	void shouldTouchAConstituencyFedByAFileNotReadWholeOrUnknown() {
		CarryOver.StagedFile partial = new CarryOver.StagedFile("verification/stafford.xlsx", "b2", null);
		CarryOver.StagedFile unhashed = new CarryOver.StagedFile("verification/stafford.xlsx", null, "k2");
		CarryOver.StagedFile unrecorded = new CarryOver.StagedFile(null, null, null);
		assertThat(CarryOver.touched(Set.of(REGISTER, partial), Set.of(REGISTER, partial))).isTrue();
		assertThat(CarryOver.touched(Set.of(REGISTER, unhashed), Set.of(REGISTER, unhashed))).isTrue();
		assertThat(CarryOver.touched(Set.of(REGISTER, unrecorded), Set.of(REGISTER, unrecorded))).isTrue();
	}

	@Test
	void shouldTouchAConstituencyStagedInOneRunOnly() {
		assertThat(CarryOver.touched(Set.of(REGISTER), null)).isTrue();
		assertThat(CarryOver.touched(null, Set.of(REGISTER))).isTrue();
		assertThat(CarryOver.touched(Set.of(), Set.of())).isTrue();
	}

	@Test
	void shouldKeepTheUntouchedConstituenciesInTheirOrder() {
		Map<String, Set<CarryOver.StagedFile>> now = Map.of("E1", Set.of(REGISTER, STAFFORD), "E2", Set.of(REGISTER),
				"E3", Set.of(REGISTER, DECLARATIONS), "E4", Set.of(REGISTER));
		Map<String, Set<CarryOver.StagedFile>> before = Map.of("E1", Set.of(REGISTER), "E2", Set.of(REGISTER), "E3",
				Set.of(REGISTER, DECLARATIONS));

		assertThat(CarryOver.untouched(List.of("E4", "E3", "E2", "E1"), now, before)).containsExactly("E3", "E2");
	}

	@Test
	void shouldListTheFilesUnknownOrWithoutAnEqualKnownFileInTheOtherRun() {
		CarryOver.StagedFile stafford2 = new CarryOver.StagedFile("verification/stafford.xlsx", "b9", "k2");
		CarryOver.StagedFile partial = new CarryOver.StagedFile("verification/cannock.xlsx", "d4", null);
		Map<Long, CarryOver.StagedFile> now = Map.of(1L, REGISTER, 10L, stafford2, 20L, DECLARATIONS, 30L, partial);
		Map<Long, CarryOver.StagedFile> before = Map.of(1L, REGISTER, 7L, STAFFORD, 25L, DECLARATIONS, 30L, partial);

		assertThat(CarryOver.changedFiles(now, before)).containsExactly(10L, 30L);
		assertThat(CarryOver.changedFiles(before, now)).containsExactly(7L, 30L);
		assertThat(CarryOver.changedFiles(Map.of(1L, REGISTER), Map.of())).containsExactly(1L);
	}

	/**
	 * The step's files-side rule (constituencies fed by a changed file in either run) gives what
	 * {@link CarryOver#touched} gives from each constituency's files, for runs in which equal files
	 * fed the same constituencies (what staging them from the same bytes and read key gives).
	 */
	@Test
	void shouldTouchByTheChangedFilesExactlyTheConstituenciesTouchedByTheirFiles() {
		CarryOver.StagedFile stafford2 = new CarryOver.StagedFile("verification/stafford.xlsx", "b9", "k2");
		CarryOver.StagedFile cannock = new CarryOver.StagedFile("verification/cannock.xlsx", "d4", "k4");
		CarryOver.StagedFile unread = new CarryOver.StagedFile("verification/congleton.xlsx", "e5", null);
		CarryOver.StagedFile lichfield = new CarryOver.StagedFile("verification/lichfield.xlsx", "f6", "k6");
		// E1 Stafford changed; E2 Cannock's file the same under another FILE_SEQ; E3 Congleton's
		// file not read whole; E4 Lichfield's file added; E5 Tamworth's file removed; E6 only the
		// register and the declarations
		Map<Long, CarryOver.StagedFile> filesNow = Map.of(1L, REGISTER, 2L, DECLARATIONS, 10L, stafford2, 11L, cannock,
				12L, unread, 13L, lichfield);
		Map<String, Set<Long>> fedNow = Map.of("E1", Set.of(1L, 2L, 10L), "E2", Set.of(1L, 2L, 11L), "E3",
				Set.of(1L, 2L, 12L), "E4", Set.of(1L, 2L, 13L), "E5", Set.of(1L, 2L), "E6", Set.of(1L, 2L));
		CarryOver.StagedFile tamworth = new CarryOver.StagedFile("verification/tamworth.xlsx", "g7", "k7");
		Map<Long, CarryOver.StagedFile> filesBefore = Map.of(1L, REGISTER, 2L, DECLARATIONS, 5L, STAFFORD, 4L, cannock,
				6L, unread, 8L, tamworth);
		Map<String, Set<Long>> fedBefore = Map.of("E1", Set.of(1L, 2L, 5L), "E2", Set.of(1L, 2L, 4L), "E3",
				Set.of(1L, 2L, 6L), "E4", Set.of(1L, 2L), "E5", Set.of(1L, 2L, 8L), "E6", Set.of(1L, 2L));

		Set<String> byFiles = new java.util.TreeSet<>();
		Set<Long> changedNow = CarryOver.changedFiles(filesNow, filesBefore);
		Set<Long> changedBefore = CarryOver.changedFiles(filesBefore, filesNow);
		fedNow.forEach((code, files) -> files.stream().filter(changedNow::contains).findAny().ifPresent(f -> byFiles.add(code)));
		fedBefore.forEach(
				(code, files) -> files.stream().filter(changedBefore::contains).findAny().ifPresent(f -> byFiles.add(code)));
		Set<String> byConstituency = new java.util.TreeSet<>();
		fedNow.keySet().forEach(code -> {
			if (CarryOver.touched(files(fedNow.get(code), filesNow), files(fedBefore.get(code), filesBefore))) {
				byConstituency.add(code);
			}
		});

		assertThat(byFiles).containsExactly("E1", "E3", "E4", "E5");
		assertThat(byConstituency).isEqualTo(byFiles);
	}

	private static Set<CarryOver.StagedFile> files(Set<Long> fileSeqs, Map<Long, CarryOver.StagedFile> files) {
		return fileSeqs.stream().map(files::get).collect(java.util.stream.Collectors.toSet());
	}

	@Test
	void shouldReconcileEverythingWhenTheRunAsAWholeDiffers() {
		assertThat(CarryOver.reasonToReconcileAll(false, 4L, INPUTS, INPUTS)).isNull();
		assertThat(CarryOver.reasonToReconcileAll(true, 4L, INPUTS, INPUTS)).isEqualTo("--full");
		assertThat(CarryOver.reasonToReconcileAll(false, null, INPUTS, null))
			.isEqualTo("no previous completed run of this election");
		assertThat(CarryOver.reasonToReconcileAll(false, 4L, INPUTS,
				new CarryOver.RunInputs("s2", Set.of(), CarryOver.RULES_VERSION)))
			.isEqualTo("other settings than run 4");
		assertThat(CarryOver.reasonToReconcileAll(false, 4L, new CarryOver.RunInputs(null, Set.of(), CarryOver.RULES_VERSION),
				new CarryOver.RunInputs(null, Set.of(), CarryOver.RULES_VERSION)))
			.isEqualTo("other settings than run 4");
		assertThat(CarryOver.reasonToReconcileAll(false, 4L, INPUTS,
				new CarryOver.RunInputs("s1", Set.of(SourceKind.VERIFICATION), CarryOver.RULES_VERSION)))
			.isEqualTo("other source folders missing than in run 4");
		assertThat(CarryOver.reasonToReconcileAll(false, 4L, INPUTS, new CarryOver.RunInputs("s1", Set.of(), null)))
			.isEqualTo("run 4 was reconciled by other rules");
	}

	/**
	 * What a carried-over constituency gets for INPUT_REVISED is what reconciling it against the
	 * previous run's identical facts gives: no finding, evaluated once and passed.
	 */
	@Test
	void shouldGiveACarriedOverConstituencyTheRevisionOutcomeOfIdenticalFacts() {
		ConstituencyReconciler reconciler = new ConstituencyReconciler(Thresholds.defaults());
		for (Facts seat : List.of(Facts.stafford(), Facts.cannockChase(), Facts.congleton(),
				Facts.constituency("E14009999", "Nowhere"))) {
			ConstituencyFacts facts = seat.build();
			ConstituencyReconciler.Outcome outcome = reconciler.reconcile(facts, seat.build(), 7);

			assertThat(outcome.findings()).as(facts.name()).noneMatch(f -> f.check() == CheckCode.INPUT_REVISED);
			assertThat(outcome.evaluations()).as(facts.name())
				.filteredOn(e -> e.check() == CheckCode.INPUT_REVISED)
				.containsExactly(CheckEvaluations.inputRevised(true, 7, 0))
				.containsExactly(new CheckEvaluation(CheckCode.INPUT_REVISED, 1, 0, null));
			// everything else is as without a previous run, whose own revisions are not copied
			ConstituencyReconciler.Outcome alone = reconciler.reconcile(facts);
			assertThat(outcome.findings()).as(facts.name()).isEqualTo(alone.findings());
			assertThat(outcome.figures()).as(facts.name()).isEqualTo(alone.figures());
			assertThat(outcome.evaluations()).as(facts.name())
				.filteredOn(e -> e.check() != CheckCode.INPUT_REVISED)
				.isEqualTo(alone.evaluations().stream().filter(e -> e.check() != CheckCode.INPUT_REVISED).toList());
		}
	}
}
