package org.electionrecon.ingest.table;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the .xlsx reader through {@link TabularFiles#open}: any bytes read, or
 * are unreadable ({@link ReaderFuzzing}). In a plain test run the seeds and kept findings in
 * {@code src/test/resources/org/electionrecon/ingest/table/XlsxReaderFuzzTestsInputs/anyBytesReadOrAreUnreadable}
 * run as regression tests; {@code ./mvnw verify} also fuzzes for {@code -Dfuzz.duration} (README, "Fuzzing").
 */
class XlsxReaderFuzzTests {

	@FuzzTest(maxDuration = "20s")
	void anyBytesReadOrAreUnreadable(byte[] bytes) {
		ReaderFuzzing.readsOrIsUnreadable(bytes, ".xlsx");
	}
}
