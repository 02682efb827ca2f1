package org.electionrecon.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The arrival series' own parts: which area workbook an arriving file updates, and the watch log read on. */
class ArrivalSeriesTests {

	@Test
	void shouldFindTheAreaWorkbookTheArrivingFileBelongsTo(@TempDir Path output) throws Exception {
		for (String area : new String[] { "north-east", "north-west", "east-midlands", "west-midlands" }) {
			Files.writeString(output.resolve(area + "-reconciliation.xlsx"), "");
		}
		Files.writeString(output.resolve("reconciliation-index.xlsx"), "");

		assertThat(ArrivalSeries.areaWorkbook(output, "north-east-count-07.xlsx"))
			.isEqualTo(output.resolve("north-east-reconciliation.xlsx"));
		assertThat(ArrivalSeries.areaWorkbook(output, "west-midlands-count-23.xlsx"))
			.isEqualTo(output.resolve("west-midlands-reconciliation.xlsx"));
		assertThat(ArrivalSeries.areaWorkbook(output, "wales-count-01.xlsx")).isNull();
		assertThat(ArrivalSeries.areaWorkbook(output.resolve("missing"), "north-east-count-07.xlsx")).isNull();
	}

	@Test
	void shouldTellAReplacedWorkbookByItsTimeOrFileKey(@TempDir Path output) throws Exception {
		Path workbook = output.resolve("wales-reconciliation.xlsx");
		Files.writeString(workbook, "old");
		ArrivalSeries.WorkbookStamp before = ArrivalSeries.WorkbookStamp.of(workbook);
		Path written = output.resolve("wales-reconciliation.xlsx.tmp");
		Files.writeString(written, "new");
		Files.setLastModifiedTime(written, Files.getLastModifiedTime(workbook));
		Files.move(written, workbook, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

		assertThat(ArrivalSeries.WorkbookStamp.of(workbook)).isNotEqualTo(before);
		assertThat(ArrivalSeries.WorkbookStamp.of(output.resolve("none.xlsx"))).isNull();
		assertThat(ArrivalSeries.WorkbookStamp.of(null)).isNull();
	}

	@Test
	void shouldReadTheLogOnAndReturnOnlyWholeLines(@TempDir Path folder) throws Exception {
		Path log = folder.resolve("watch.log");
		ArrivalSeries.LogTail tail = new ArrivalSeries.LogTail(log);
		assertThat(tail.find("Update 1 ")).as("no log yet").isNull();

		Files.writeString(log, "Watching ...\nUpdate 1 at 01:00:00: first\nUpdate 2 at", StandardCharsets.UTF_8);
		assertThat(tail.find("Update 1 ")).isEqualTo("Update 1 at 01:00:00: first");
		assertThat(tail.find("Update 2 ")).as("not a whole line yet").isNull();

		Files.writeString(log, " 01:00:05: second\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
		assertThat(tail.find("Update 2 ")).isEqualTo("Update 2 at 01:00:05: second");
		assertThat(tail.find("Update 1 ")).as("read once").isNull();
	}
}
