package org.electionrecon.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class StagedRunTests {

	private static final List<String> AREAS = List.of("East Midlands", "London", "Wales", "Yorkshire and the Humber");

	@Test
	void theAreaOfAnArrivingFileIsWrittenFirst() {
		assertThat(StagedRun.writeOrder(AREAS, Set.of("Yorkshire and the Humber")))
			.containsExactly("Yorkshire and the Humber", "East Midlands", "London", "Wales");
	}

	@Test
	void areasFedByFilesReadAnewKeepTheirOrderByNameAheadOfTheOthers() {
		assertThat(StagedRun.writeOrder(AREAS, Set.of("Wales", "London")))
			.containsExactly("London", "Wales", "East Midlands", "Yorkshire and the Humber");
	}

	@Test
	void aRunThatReadEveryFileOrNoneWritesByName() {
		assertThat(StagedRun.writeOrder(AREAS, Set.copyOf(AREAS))).isEqualTo(AREAS);
		assertThat(StagedRun.writeOrder(AREAS, Set.of())).isEqualTo(AREAS);
	}
}
