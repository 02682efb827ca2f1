package org.electionrecon.operate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.electionrecon.run.ExitCodes;
import org.electionrecon.ReportWorkbookReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, point 1 (values): one damaged value in one input is that file's rejected row (or its
 * finding), never the end of the run. Each test spoils one value in a copy of the sample input, runs
 * the job, and checks the exact rejected row and that every file's rows are still accounted for.
 */
class DamagedValueTests {

	private static final String REGISTER = "register/register.csv";
	private static final String CANDIDATES = "declarations/HoC-GE2024-results-by-candidate.csv";
	private static final String NOTES = "explanations/operator-notes.csv";
	private static final String STOKE = "verification/stoke-on-trent-city-council.xlsx";
	private static final String STOKE_E30 = "<c r=\"E30\" s=\"5\" t=\"n\"><v>486.0</v></c>";

	/** Rows read, accepted, rejected and out of scope of each file of the undamaged sample. */
	private static Map<String, List<Double>> sampleCounts;

	@TempDir
	Path dir;

	@BeforeAll
	static void runTheSample(@TempDir Path sampleDir) throws Exception {
		Cli.Result result = Cli.run("--input=" + Cli.SAMPLE, "--output=" + sampleDir.resolve("out"));
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ERRORS);
		sampleCounts = counts(sampleDir.resolve("out"));
	}

	@Test
	void shouldRejectARegisterRowWhoseNameIsTooLong() throws Exception {
		Path input = sample();
		replace(input, REGISTER, "Burton and Uttoxeter,", "B".repeat(201) + ",");
		assertRejected(input, REGISTER, tuple(REGISTER, null, 2.0, "2", "B".repeat(200) + "… (201 characters)",
				"constituency name is 201 characters; at most 200"));
	}

	@Test
	void shouldRejectARegisterRowWhoseAreaIsTooLong() throws Exception {
		Path input = sample();
		replace(input, REGISTER, "Burton and Uttoxeter,West Midlands,Staffordshire,Staffordshire and Cheshire,",
				"Burton and Uttoxeter,West Midlands,Staffordshire," + "A".repeat(250) + ",");
		assertRejected(input, REGISTER, tuple(REGISTER, null, 2.0, "5", "A".repeat(200) + "… (250 characters)",
				"report area is 250 characters; at most 200"));
	}

	@Test
	void shouldRejectARegisterRowWithNeitherAreaNorRegion() throws Exception {
		Path input = sample();
		replace(input, REGISTER, "Burton and Uttoxeter,West Midlands,Staffordshire,Staffordshire and Cheshire,",
				"Burton and Uttoxeter,,Staffordshire,,");
		assertRejected(input, REGISTER, tuple(REGISTER, null, 2.0, "5", null,
				"report area is blank and there is no region to stand for it"));
	}

	@Test
	void shouldRejectARegisterRowWhoseCodeIsTooLong() throws Exception {
		Path input = sample();
		replace(input, REGISTER, "E14001143,Burton", "E14001143XXXXXXXXXXXXXXXX,Burton");
		assertRejected(input, REGISTER, tuple(REGISTER, null, 2.0, "1", "E14001143XXXXXXXXXXXXXXXX",
				"constituency code is 25 characters; at most 20"));
	}

	@Test
	void shouldRejectACandidateWhoseSurnameIsTooLong() throws Exception {
		Path input = sample();
		replace(input, CANDIDATES, ",Sarah,Murray,", ",Sarah," + "M".repeat(201) + ",");
		assertRejected(input, CANDIDATES, tuple(CANDIDATES, null, 2.0, "14",
				"M".repeat(200) + "… (201 characters)", "candidate surname is 201 characters; at most 200"));
	}

	@Test
	void shouldRejectACandidateWhosePartyIsTooLong() throws Exception {
		Path input = sample();
		// the HoC file's party is its abbreviation column (the party name column is not staged)
		replace(input, CANDIDATES, "England,County,Liberal Democrat,LD,PP90,17,,Sarah",
				"England,County,Liberal Democrat," + "P".repeat(101) + ",PP90,17,,Sarah");
		assertRejected(input, CANDIDATES, tuple(CANDIDATES, null, 2.0, "9",
				"P".repeat(101), "party is 101 characters; at most 100"));
	}

	@Test
	void shouldRejectAnExplanationWhoseNoteIsTooLong() throws Exception {
		Path input = sample();
		String note = "Presiding officer's account: one elector left the polling station with a ballot paper";
		String longNote = note + " " + "x".repeat(1990 - note.length() - 1);
		replace(input, NOTES, note, longNote);
		assertRejected(input, NOTES, tuple(NOTES, null, 2.0, "4", longNote.substring(0, 200)
				+ "… (1,990 characters)", "explanation note is 1,990 characters; at most 1,500"));
	}

	@Test
	void shouldRejectABoxWhoseVerifiedCellIsNaN() throws Exception {
		Path input = sample();
		replaceInWorkbook(input, STOKE, "xl/worksheets/sheet1.xml", STOKE_E30,
				"<c r=\"E30\" s=\"5\" t=\"n\"><v>NaN</v></c>");
		assertRejected(input, STOKE, tuple(STOKE, "Stoke-on-Trent Central", 30.0, "E30", "NaN",
				"ballot papers verified is not a number (NaN)"));
	}

	@Test
	void shouldRejectABoxWhoseVerifiedCellIsInfinite() throws Exception {
		Path input = sample();
		replaceInWorkbook(input, STOKE, "xl/worksheets/sheet1.xml", STOKE_E30,
				"<c r=\"E30\" s=\"5\" t=\"n\"><v>-Infinity</v></c>");
		assertRejected(input, STOKE, tuple(STOKE, "Stoke-on-Trent Central", 30.0, "E30", "-∞",
				"ballot papers verified is not a number (-Infinity)"));
	}

	@Test
	void shouldRejectABoxOfATrillionPapers() throws Exception {
		Path input = sample();
		replaceInWorkbook(input, STOKE, "xl/worksheets/sheet1.xml", STOKE_E30,
				"<c r=\"E30\" s=\"5\" t=\"n\"><v>1000000000000</v></c>");
		assertRejected(input, STOKE, tuple(STOKE, "Stoke-on-Trent Central", 30.0, "E30", "1,000,000,000,000",
				"ballot papers verified is more than 100,000,000, which no election has"));
	}

	@Test
	void shouldReportASheetWhoseNameIsTooLongAsItsFilesFindingAndReadTheOtherSheets() throws Exception {
		Path input = sample();
		String name = "Stoke-on-Trent Central " + "S".repeat(300);
		replaceInWorkbook(input, STOKE, "xl/workbook.xml", "name=\"Stoke-on-Trent Central\"", "name=\"" + name + "\"");
		Path output = dir.resolve("out");
		Cli.Result result = Cli.run("--input=" + input, "--output=" + output);
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ERRORS);
		try (ReportWorkbookReader report = new ReportWorkbookReader(output.resolve(Cli.WORKBOOK))) {
			assertThat(report.rows("Findings")).filteredOn(f -> "SOURCE_UNREADABLE".equals(f.get("Check")))
				.extracting(f -> f.get("Severity"), f -> f.get("Message"), f -> f.get("Source"))
				.containsExactly(tuple("ERROR", STOKE + ": sheet 'Stoke-on-Trent Central SSSSSSSSSSSSSSSSS…' not read:"
						+ " its name is 323 characters; at most 100 (Excel allows 31)", STOKE));
			assertThat(report.rows("Rejected rows")).isEmpty();
		}
		Map<String, List<Double>> counts = counts(output);
		List<Double> before = sampleCounts.get(STOKE);
		// the sheet's 32 boxes (rows 10 to 41) and its Total row are not read; the other two sheets are
		assertThat(counts.get(STOKE)).containsExactly(before.get(0) - 33, before.get(1) - 33, 0.0, 0.0);
		for (Map.Entry<String, List<Double>> file : counts.entrySet()) {
			if (!file.getKey().equals(STOKE)) {
				assertThat(file.getValue()).as(file.getKey()).isEqualTo(sampleCounts.get(file.getKey()));
			}
		}
	}

	/**
	 * A file the account may not read is that file's SOURCE_UNREADABLE finding. Permissions do not
	 * stop root, so this test is skipped when the tests run as root (as in the container builds).
	 */
	@Test
	void shouldReportAFileTheAccountCannotReadAsItsFinding() throws Exception {
		Path input = sample();
		Path stoke = input.resolve(STOKE);
		Files.setPosixFilePermissions(stoke, java.util.Set.of());
		org.junit.jupiter.api.Assumptions.assumeFalse(Files.isReadable(stoke), "running as root: chmod 000 does not stop reading");
		Path output = dir.resolve("out");
		Cli.Result result = Cli.run("--input=" + input, "--output=" + output);
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ERRORS);
		try (ReportWorkbookReader report = new ReportWorkbookReader(output.resolve(Cli.WORKBOOK))) {
			assertThat(report.rows("Findings")).filteredOn(f -> "SOURCE_UNREADABLE".equals(f.get("Check")))
				.extracting(f -> f.get("Severity"), f -> f.get("Message"), f -> f.get("Source"))
				.containsExactly(tuple("ERROR", STOKE + " cannot be read: permission denied (the account running the job"
						+ " may not read it)", STOKE));
		}
		assertThat(counts(output).get(STOKE)).containsExactly(0.0, 0.0, 0.0, 0.0);
	}

	private Path sample() throws IOException {
		return Cli.copySample(dir.resolve("in"));
	}

	/**
	 * Runs the job on the damaged input: it ends with the sample's own open ERRORs, not as a failed
	 * run; the damaged file has exactly one more rejected row (a register row rejected leaves its
	 * constituency unknown to the other files, so there only the equation is checked), and every
	 * file's rows read are its rows accepted, rejected and out of scope.
	 */
	private void assertRejected(Path input, String damagedFile, org.assertj.core.groups.Tuple rejected)
			throws Exception {
		Path output = dir.resolve("out");
		Cli.Result result = Cli.run("--input=" + input, "--output=" + output);
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ERRORS);
		try (ReportWorkbookReader report = new ReportWorkbookReader(output.resolve(Cli.WORKBOOK))) {
			List<Map<String, Object>> rows = report.rows("Rejected rows");
			if (!damagedFile.equals(REGISTER)) {
				assertThat(rows).hasSize(1);
			}
			assertThat(rows).filteredOn(r -> damagedFile.equals(r.get("File"))).extracting(r -> r.get("File"), r -> r.get("Sheet"),
					r -> r.get("Row"), r -> r.get("Cell"), r -> r.get("Value"), r -> r.get("Reason"))
				.containsExactly(rejected);
		}
		Map<String, List<Double>> counts = counts(output);
		assertThat(counts.keySet()).containsExactlyElementsOf(sampleCounts.keySet());
		for (Map.Entry<String, List<Double>> file : counts.entrySet()) {
			List<Double> n = file.getValue();
			assertThat(n.get(0)).as(file.getKey()).isEqualTo(n.get(1) + n.get(2) + n.get(3));
			List<Double> before = sampleCounts.get(file.getKey());
			if (file.getKey().equals(damagedFile)) {
				assertThat(n).as(file.getKey())
					.containsExactly(before.get(0), before.get(1) - 1, before.get(2) + 1, before.get(3));
			}
			else if (!damagedFile.equals(REGISTER)) {
				assertThat(n).as(file.getKey()).isEqualTo(before);
			}
		}
	}

	/** Rows read, accepted, rejected and out of scope of each file on the Provenance sheet of the sample area's workbook. */
	static Map<String, List<Double>> counts(Path output) throws Exception {
		Map<String, List<Double>> counts = new LinkedHashMap<>();
		try (ReportWorkbookReader report = new ReportWorkbookReader(output.resolve(Cli.WORKBOOK))) {
			for (Map<String, Object> file : report.rows("Provenance")) {
				if (file.get("File") == null) {
					continue;
				}
				counts.put((String) file.get("File"), List.of((Double) file.get("Rows read"),
						(Double) file.get("Rows accepted"), (Double) file.get("Rows rejected"),
						(Double) file.get("Rows out of scope")));
			}
		}
		return counts;
	}

	private static void replace(Path input, String file, String from, String to) throws IOException {
		Path path = input.resolve(file);
		String text = Files.readString(path, StandardCharsets.UTF_8);
		assertThat(text).contains(from);
		Files.writeString(path, text.replaceFirst(java.util.regex.Pattern.quote(from),
				java.util.regex.Matcher.quoteReplacement(to)), StandardCharsets.UTF_8);
	}

	/** Rewrites one part of a workbook as text: values that POI will not write (NaN, a 300-character sheet name). */
	static void replaceInWorkbook(Path input, String file, String part, String from, String to) throws IOException {
		Path path = input.resolve(file);
		ByteArrayOutputStream rewritten = new ByteArrayOutputStream();
		boolean found = false;
		try (ZipFile in = new ZipFile(path.toFile()); ZipOutputStream out = new ZipOutputStream(rewritten)) {
			for (ZipEntry entry : java.util.Collections.list(in.entries())) {
				byte[] bytes;
				try (InputStream content = in.getInputStream(entry)) {
					bytes = content.readAllBytes();
				}
				if (entry.getName().equals(part)) {
					String xml = new String(bytes, StandardCharsets.UTF_8);
					found = xml.contains(from);
					bytes = xml.replace(from, to).getBytes(StandardCharsets.UTF_8);
				}
				out.putNextEntry(new ZipEntry(entry.getName()));
				out.write(bytes);
				out.closeEntry();
			}
		}
		assertThat(found).as(part + " holds " + from).isTrue();
		try (OutputStream out = Files.newOutputStream(path)) {
			rewritten.writeTo(out);
		}
	}
}
