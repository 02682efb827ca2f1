package org.electionrecon.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.electionrecon.model.SourceFile;
import org.electionrecon.report.AreaReportData.FileScope;
import org.junit.jupiter.api.Test;

/** The areas each file feeds, from the constituencies of its staged records by FILE_SEQ. */
class FileAreasTests {

	private static final List<String> AREAS = List.of("London", "Wales", "West Midlands");

	private static final Map<String, Set<String>> AREAS_BY_CODE = Map.of("E14001001", Set.of("London"), "E14001002",
			Set.of("West Midlands"), "W07000001", Set.of("Wales"));

	private static final Map<Long, String> FILE_NAMES = Map.of(1L, "verification/london.xlsx", 2L,
			"verification/midlands-and-wales.xlsx", 3L, "declarations/results.csv", 4L, "verification/unknown.xlsx");

	private static FileAreas fileAreas() {
		// FILE_SEQ 4's records are of no constituency of the run, 9's file is not among the run's files
		Map<Long, Set<String>> codesByFile = Map.of(1L, Set.of("E14001001"), 2L, Set.of("E14001002", "W07000001"), 3L,
				Set.of("E14001001", "E14001002", "W07000001"), 4L, Set.of("S14000001"), 9L, Set.of("E14001001"));
		return FileAreas.of(codesByFile, FILE_NAMES, AREAS_BY_CODE, AREAS);
	}

	@Test
	void aFileFeedsTheAreasOfItsRecordsConstituencies() {
		FileAreas fileAreas = fileAreas();

		assertThat(fileAreas.feeds("verification/london.xlsx")).containsExactly("London");
		assertThat(fileAreas.feeds("verification/midlands-and-wales.xlsx")).containsExactly("Wales", "West Midlands");
		assertThat(fileAreas.feeds("declarations/results.csv")).containsExactly("London", "Wales", "West Midlands");
		assertThat(fileAreas.feeds("verification/unknown.xlsx")).isEmpty();
	}

	@Test
	void aFileOfEveryAreaOrOfNoneIsTheRunsAndOneOfSomeAreasIsTheirs() {
		FileAreas fileAreas = fileAreas();

		assertThat(fileAreas.scope(file("declarations/results.csv", "declarations"), "Wales"))
			.isEqualTo(FileScope.ALL_AREAS);
		assertThat(fileAreas.scope(file("verification/unknown.xlsx", "verification"), "Wales"))
			.isEqualTo(FileScope.ALL_AREAS);
		assertThat(fileAreas.scope(file("verification/midlands-and-wales.xlsx", "verification"), "Wales"))
			.isEqualTo(FileScope.THIS_AREA);
		assertThat(fileAreas.scope(file("verification/london.xlsx", "verification"), "Wales")).isNull();
	}

	private static SourceFile file(String name, String kind) {
		return new SourceFile(name, kind, null, 0, 0, 0, 0, 0, null);
	}
}
