package org.electionrecon.operate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import java.util.stream.Stream;

import org.assertj.core.groups.Tuple;
import org.electionrecon.ReportWorkbookReader;
import org.electionrecon.ingest.table.ReaderLimits;
import org.electionrecon.run.ExitCodes;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 13, "Done when": the job against a corpus of hostile and damaged inputs. Each case is a copy
 * of the sample input with one hostile file or value, generated here (big ones streamed to disk, no
 * big binaries in git), run once in a JVM of its own with {@code -Xmx256m} as an operator starts
 * it. Each completes within 60 s with the sample's own open ERRORs (exit 2), the expected finding or
 * rejected rows, and every other file's rows as in the undamaged sample.
 */
class HostileCorpusTests {

	private static final String REGISTER = DamagedValues.REGISTER;
	private static final String NOTIONAL = "notional/RallingsThrasher-2019-notional-results-2024-boundaries.csv";
	private static final String STOKE = DamagedValues.STOKE;
	private static final String STAFFORD = "verification/stafford.xlsx";
	private static final String SHEET = DamagedValues.SHEET;

	/** The hostile file a case adds beside the sample's own. */
	private static final String HOSTILE = "verification/hostile.xlsx";

	private static final Duration CASE_LIMIT = Duration.ofSeconds(60);

	/** Rows read, accepted, rejected and out of scope of each file of the undamaged sample. */
	private static Map<String, List<Double>> sampleCounts;

	@TempDir
	Path dir;

	@BeforeAll
	static void runTheSample(@TempDir Path sampleDir) throws Exception {
		sampleCounts = DamagedValueTests.countsOfTheSample(sampleDir);
	}

	// ------------------------------------------------------------------ values that do not fit

	/** Spoils one value of the input; the rejected row it must end as. */
	private interface ValueDamage {

		DamagedValues.Damage applyTo(Path input) throws IOException;
	}

	static Stream<Arguments> valuesThatDoNotFit() {
		return Stream.of(Arguments.of("a register name over 200 characters", (ValueDamage) DamagedValues::registerNameTooLong),
				Arguments.of("a register row with no region and no area",
						(ValueDamage) DamagedValues::registerRowWithNeitherAreaNorRegion),
				Arguments.of("a code over 20 characters", (ValueDamage) DamagedValues::registerCodeTooLong),
				Arguments.of("a candidate surname over 200 characters", (ValueDamage) DamagedValues::candidateSurnameTooLong),
				Arguments.of("a party over 100 characters", (ValueDamage) DamagedValues::candidatePartyTooLong),
				Arguments.of("an explanation note of 1,990 characters", (ValueDamage) DamagedValues::explanationNoteTooLong),
				Arguments.of("a box of 10^12 papers", (ValueDamage) DamagedValues::boxOfATrillionPapers));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("valuesThatDoNotFit")
	void aValueThatDoesNotFitIsItsRowsRejectedRow(String name, ValueDamage damage) throws Exception {
		Path input = sample();
		DamagedValues.Damage damaged = damage.applyTo(input);
		assertRejectedRows(run(input), damaged.file(), damaged.rejected());
	}

	@Test
	void notANumberAndInfinityInNumericCells() throws Exception {
		Path input = sample();
		DamagedValues.verifiedCellNaN(input);
		DamagedValueTests.replaceInWorkbook(input, STOKE, SHEET, "<c r=\"E31\" s=\"5\" t=\"n\"><v>323.0</v></c>",
				"<c r=\"E31\" s=\"5\" t=\"n\"><v>Infinity</v></c>");
		Outcome outcome = run(input);
		assertThat(outcome.rejected()).extracting(r -> r.get("Cell"), r -> r.get("Value"), r -> r.get("Reason"))
			.containsExactly(tuple("E30", "NaN", "ballot papers verified is not a number (NaN)"),
					tuple("E31", "∞", "ballot papers verified is not a number (Infinity)"));
		assertConserved(outcome, STOKE, 0, -2, 2);
	}

	@Test
	void aSheetNameOverThreeHundredCharacters() throws Exception {
		Path input = sample();
		String name = "Stoke-on-Trent Central " + "S".repeat(300);
		DamagedValueTests.replaceInWorkbook(input, STOKE, "xl/workbook.xml", "name=\"Stoke-on-Trent Central\"",
				"name=\"" + name + "\"");
		Outcome outcome = run(input);
		assertThat(outcome.findings("SOURCE_UNREADABLE")).containsExactly(tuple(STOKE, STOKE
				+ ": sheet 'Stoke-on-Trent Central SSSSSSSSSSSSSSSSS…' not read: its name is 323 characters; at most 100"
				+ " (Excel allows 31)"));
		// the sheet's 32 boxes and its Total row are not read; the other two sheets are
		assertConserved(outcome, STOKE, -33, -33, 0);
	}

	// ------------------------------------------------------------------ rows and files

	/** Rows 20 and 21 of Stafford's statement numbered 0 and 99,999,999: the rows from there are rejected. */
	@Test
	void rowNumbersOutOfOrder() throws Exception {
		Path input = sample();
		DamagedValueTests.replaceInWorkbook(input, STAFFORD, SHEET, "<row r=\"20\"", "<row r=\"0\"");
		DamagedValueTests.replaceInWorkbook(input, STAFFORD, SHEET, "<row r=\"21\"", "<row r=\"99999999\"");
		Outcome outcome = run(input);
		List<Double> before = sampleCounts.get(STAFFORD);
		List<Map<String, Object>> rejected = outcome.rejected();
		String reason = "after the end of the table at row 20 (a row number out of order: 0 after 19): not read";
		// every row of the table from row 20 on (its boxes and its Total row) is cut off; the Rejected rows
		// sheet leaves the Row of row 0 blank (its Cell says A0)
		long cutOff = Math.round(before.get(0)) - 10;
		assertThat(rejected).hasSize((int) cutOff).allSatisfy(r -> {
			assertThat(r.get("File")).isEqualTo(STAFFORD);
			assertThat(r.get("Reason")).isEqualTo(reason);
		});
		assertThat(rejected.subList(0, 2)).extracting(r -> r.get("Row"), r -> r.get("Cell"))
			.containsExactly(tuple(null, "A0"), tuple(99_999_999.0, "A99999999"));
		assertConserved(outcome, STAFFORD, 0, -cutOff, cutOff);
	}

	/** A file the account may not read: skipped as root, whom permissions do not stop. */
	@Test
	void aFileTheAccountCannotRead() throws Exception {
		Path input = sample();
		Path stoke = input.resolve(STOKE);
		Files.setPosixFilePermissions(stoke, Set.of());
		Assumptions.assumeFalse(Files.isReadable(stoke), "running as root: chmod 000 does not stop reading");
		Outcome outcome = run(input);
		assertThat(outcome.findings("SOURCE_UNREADABLE")).containsExactly(tuple(STOKE,
				STOKE + " cannot be read: permission denied (the account running the job may not read it)"));
		assertThat(outcome.counts().get(STOKE)).containsExactly(0.0, 0.0, 0.0, 0.0);
	}

	@Test
	void anOutputFolderInsideTheInputFolder() throws Exception {
		Path input = sample();
		Path output = input.resolve("verification/out");
		try (JobProcess job = JobProcess.start(List.of("-Xmx256m"), List.of("--input=" + input, "--output=" + output))) {
			assertThat(job.awaitExit(CASE_LIMIT)).as(job.output()).isEqualTo(ExitCodes.FAILED);
			assertThat(job.stdout() + job.stderr()).contains("election-recon: --output=" + output
					+ " lies inside the input folder " + input + ": give an output folder outside it, or the run would"
					+ " read its own workbooks as input");
		}
		assertThat(output).doesNotExist();
	}

	@Test
	void temporaryWorkbooksLeftByAKilledRun() throws Exception {
		Path input = sample();
		Path output = Files.createDirectories(dir.resolve("out"));
		Path leftover = Files.write(output.resolve("." + Cli.WORKBOOK + ".tmp-5f3a9c0e12b4d678"), new byte[4096]);
		Outcome outcome = run(input);
		assertThat(leftover).doesNotExist();
		assertThat(Cli.names(output)).containsExactly(".election-recon-db", "logs", Cli.INDEX, Cli.WORKBOOK);
		assertConserved(outcome, null, 0, 0, 0);
	}

	/** A file name with an escape sequence: the run reads it as any other file, and never prints the raw control character. */
	@Test
	void controlCharactersInAFileName() throws Exception {
		Path input = sample();
		String name = "verification/stafford\u001b[2J.xlsx";
		Files.copy(input.resolve(STAFFORD), input.resolve(name));
		Outcome outcome = run(input);
		assertThat(outcome.printed()).doesNotContain("\u001b").contains("stafford?[2J.xlsx");
		// the workbook, like POI, shows a control character in a cell as '?'
		assertThat(outcome.counts().get(name.replace('\u001b', '?'))).isEqualTo(sampleCounts.get(STAFFORD));
	}

	@Test
	void twoAreasWhoseWorkbooksWouldCollide() throws Exception {
		Path input = sample();
		DamagedValues.replace(input, REGISTER, "Lichfield,West Midlands,Staffordshire,Staffordshire and Cheshire,",
				"Lichfield,West Midlands,Staffordshire,Staffordshire and cheshire,");
		Outcome outcome = run(input);
		String register = "'register/[register.csv]register'!";
		assertThat(outcome.findings("UNKNOWN_CONSTITUENCY")).contains(tuple(register + "E7; " + register + "E2",
				"Report area 'Staffordshire and cheshire' (" + register + "E7) and 'Staffordshire and Cheshire' ("
						+ register + "E2) would both be written to " + Cli.WORKBOOK + ": taken as one area,"
						+ " 'Staffordshire and Cheshire', the register's first spelling"));
		assertThat(Cli.names(dir.resolve("out"))).containsExactly(".election-recon-db", "logs", Cli.INDEX, Cli.WORKBOOK);
		assertConserved(outcome, null, 0, 0, 0);
	}

	/** A zip bomb: a sheet of zeros that inflates far more than a hundredfold. */
	@Test
	void aZipBomb() throws Exception {
		Path input = sample();
		hostileWorkbook(input, SHEET, out -> {
			byte[] zeros = new byte[1 << 20];
			for (int i = 0; i < 200; i++) {
				out.write(zeros);
			}
		});
		Outcome outcome = run(input);
		assertThat(outcome.findings("SOURCE_UNREADABLE")).singleElement()
			.satisfies(f -> assertThat((String) f.toList().get(1)).startsWith(HOSTILE + " cannot be read: "));
		assertHostileFileUnreadAndTheRestConserved(outcome);
	}

	// ------------------------------------------------------------------ cases for the bounded readers

	/** The sample's notional CSV saved as UTF-16 (as Excel's "Unicode text" does): read as the UTF-8 one. */
	@Test
	void aUtf16Csv() throws Exception {
		Path input = sample();
		Path notional = input.resolve(NOTIONAL);
		String text = Files.readString(notional, StandardCharsets.UTF_8);
		Files.write(notional, ("\uFEFF" + text).getBytes(StandardCharsets.UTF_16LE));
		Outcome outcome = run(input);
		assertThat(outcome.findings("SOURCE_UNREADABLE")).isEmpty();
		assertConserved(outcome, null, 0, 0, 0);
	}

	/** One cell nesting elements without end, about 25 MB of XML. */
	@Test
	void deepElementNesting() throws Exception {
		Path input = sample();
		hostileWorkbook(input, SHEET, out -> {
			try (Writer xml = writer(out)) {
				xml.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/"
						+ "spreadsheetml/2006/main\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is>");
				for (int i = 0; i < 25_000_000 / 3; i++) {
					xml.write("<a>");
				}
			}
		});
		assertUnreadableOverTheLimit(run(input), ReaderLimits.MAX_ELEMENT_DEPTH, "levels");
	}

	/** One shared string of 200 MB. */
	@Test
	void aSharedStringOfTwoHundredMegabytes() throws Exception {
		Path input = sample();
		hostileWorkbook(input, "xl/sharedStrings.xml", out -> {
			try (Writer xml = writer(out)) {
				xml.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><sst xmlns=\"http://schemas.openxmlformats.org/"
						+ "spreadsheetml/2006/main\" count=\"1\" uniqueCount=\"1\"><si><t>");
				writeText(xml, 200L << 20);
				xml.write("</t></si></sst>");
			}
		});
		assertUnreadableOverTheLimit(run(input), ReaderLimits.MAX_TEXT_CHARS, "characters");
	}

	/** A verification CSV whose second line is 500 MB long. */
	@Test
	void aCsvLineOfFiveHundredMegabytes() throws Exception {
		Path input = sample();
		try (Writer csv = Files.newBufferedWriter(input.resolve("verification/hostile.csv"), StandardCharsets.UTF_8)) {
			csv.write("Constituency,Box no,Ballot papers issued,Ballot papers verified\n\"");
			writeText(csv, 500L << 20);
			csv.write("\",ST01,1,1\n");
		}
		Outcome outcome = run(input);
		assertThat(outcome.findings("SOURCE_UNREADABLE")).singleElement()
			.satisfies(f -> assertThat((String) f.toList().get(1)).startsWith("verification/hostile.csv")
				.contains("is over the limit of " + String.format(java.util.Locale.ROOT, "%,d",
						ReaderLimits.MAX_CSV_LINE_CHARS) + " characters"));
		assertConserved(outcome, null, 0, 0, 0);
	}

	/** 8 MB of distinct element names in the styles part. */
	@Test
	void manyDistinctElementNames() throws Exception {
		Path input = sample();
		hostileWorkbook(input, "xl/styles.xml", out -> {
			try (Writer xml = writer(out)) {
				xml.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?><styleSheet xmlns=\"http://schemas.openxmlformats.org/"
						+ "spreadsheetml/2006/main\">");
				for (int i = 0; i < 8_000_000 / 12; i++) {
					xml.write("<n" + Integer.toString(i, 36) + "/>");
				}
				xml.write("</styleSheet>");
			}
		});
		assertUnreadableOverTheLimit(run(input), ReaderLimits.MAX_DISTINCT_NAMES, "names");
	}

	// ------------------------------------------------------------------ running a case

	/** What a run printed, its exit code and its workbook's sheets. */
	private record Outcome(int exitCode, String printed, List<Map<String, Object>> findingRows,
			List<Map<String, Object>> rejected, Map<String, List<Double>> counts) {

		/** The (source, message) of each finding of the check. */
		List<Tuple> findings(String check) {
			return findingRows.stream().filter(f -> check.equals(f.get("Check")))
				.map(f -> tuple(f.get("Source"), f.get("Message")))
				.toList();
		}
	}

	/** Runs the job on {@code input} in a JVM of its own with {@code -Xmx256m}: it ends within 60 s with the sample's open ERRORs. */
	private Outcome run(Path input) throws Exception {
		Path output = dir.resolve("out");
		long started = System.nanoTime();
		try (JobProcess job = JobProcess.start(List.of("-Xmx256m"), List.of("--input=" + input, "--output=" + output))) {
			int exitCode = job.awaitExit(CASE_LIMIT);
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(CASE_LIMIT);
			assertThat(exitCode).as(job.output()).isEqualTo(ExitCodes.ERRORS);
			List<Map<String, Object>> findings;
			List<Map<String, Object>> rejected;
			try (ReportWorkbookReader report = new ReportWorkbookReader(output.resolve(Cli.WORKBOOK))) {
				findings = report.rows("Findings");
				rejected = report.rows("Rejected rows");
			}
			return new Outcome(exitCode, job.stdout() + job.stderr(), findings, rejected, DamagedValueTests.counts(output));
		}
	}

	/** Exactly the one rejected row in the damaged file, and every file's rows conserved. */
	private static void assertRejectedRows(Outcome outcome, String damagedFile, Tuple rejected) {
		assertThat(outcome.rejected()).filteredOn(r -> damagedFile.equals(r.get("File")))
			.extracting(r -> r.get("File"), r -> r.get("Sheet"), r -> r.get("Row"), r -> r.get("Cell"), r -> r.get("Value"),
					r -> r.get("Reason"))
			.containsExactly(rejected);
		assertConserved(outcome, damagedFile, 0, -1, 1);
	}

	/**
	 * Every file's rows read are its rows accepted, rejected and out of scope; the files are the
	 * sample's (and the hostile file); each sample file's counts are the sample's, but for the damaged
	 * file's, which differ by the given numbers. A damaged register row leaves its constituency
	 * unknown to the other files, so then only the equation holds for them.
	 */
	private static void assertConserved(Outcome outcome, String damagedFile, long readChange, long acceptedChange,
			long rejectedChange) {
		assertThat(outcome.counts().keySet()).containsAll(sampleCounts.keySet());
		for (Map.Entry<String, List<Double>> file : outcome.counts().entrySet()) {
			List<Double> n = file.getValue();
			assertThat(n.get(0)).as(file.getKey()).isEqualTo(n.get(1) + n.get(2) + n.get(3));
			List<Double> before = sampleCounts.get(file.getKey());
			if (before == null) {
				continue;
			}
			if (file.getKey().equals(damagedFile)) {
				assertThat(n).as(file.getKey()).containsExactly(before.get(0) + readChange,
						before.get(1) + acceptedChange, before.get(2) + rejectedChange, before.get(3));
			}
			else if (!REGISTER.equals(damagedFile)) {
				assertThat(n).as(file.getKey()).isEqualTo(before);
			}
		}
	}

	/** The hostile file is its SOURCE_UNREADABLE finding, over the bound with that unit. */
	private static void assertUnreadableOverTheLimit(Outcome outcome, long limit, String unit) {
		assertThat(outcome.findings("SOURCE_UNREADABLE")).singleElement()
			.satisfies(f -> assertThat((String) f.toList().get(1)).startsWith(HOSTILE)
				.contains("is over the limit of " + String.format(java.util.Locale.ROOT, "%,d %s", limit, unit)));
		assertHostileFileUnreadAndTheRestConserved(outcome);
	}

	private static void assertHostileFileUnreadAndTheRestConserved(Outcome outcome) {
		assertThat(outcome.counts().get(HOSTILE)).containsExactly(0.0, 0.0, 0.0, 0.0);
		assertConserved(outcome, null, 0, 0, 0);
	}

	private Path sample() throws IOException {
		return Cli.copySample(dir.resolve("in"));
	}

	/** Something that streams a big part into a zip entry. */
	private interface PartWriter {

		void write(OutputStream out) throws IOException;
	}

	/**
	 * Adds {@link #HOSTILE}: Stafford's statement with one part replaced by what {@code part} streams,
	 * straight into the zip (a big part is never held in memory).
	 */
	private static void hostileWorkbook(Path input, String part, PartWriter hostilePart) throws IOException {
		try (ZipFile stafford = new ZipFile(input.resolve(STAFFORD).toFile());
				ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(input.resolve(HOSTILE)))) {
			for (ZipEntry entry : java.util.Collections.list(stafford.entries())) {
				out.putNextEntry(new ZipEntry(entry.getName()));
				if (entry.getName().equals(part)) {
					hostilePart.write(new NotClosing(out));
				}
				else {
					try (InputStream content = stafford.getInputStream(entry)) {
						content.transferTo(out);
					}
				}
				out.closeEntry();
			}
		}
	}

	private static Writer writer(OutputStream out) {
		return new java.io.BufferedWriter(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
	}

	/** {@code chars} letters that do not compress a hundredfold (a zip bomb is another case). */
	private static void writeText(Writer out, long chars) throws IOException {
		SplittableRandom random = new SplittableRandom(13);
		char[] block = new char[1 << 16];
		for (long written = 0; written < chars; written += block.length) {
			for (int i = 0; i < block.length; i++) {
				block[i] = (char) ('a' + random.nextInt(26));
			}
			out.write(block, 0, (int) Math.min(block.length, chars - written));
		}
	}

	/** The zip entry's stream, which a part's writer may close without closing the zip. */
	private static final class NotClosing extends java.io.FilterOutputStream {

		NotClosing(OutputStream out) {
			super(out);
		}

		@Override
		public void write(byte[] b, int off, int len) throws IOException {
			out.write(b, off, len);
		}

		@Override
		public void close() throws IOException {
			flush();
		}
	}
}
