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

	private static final String REGISTER = DamagedValues.REGISTER;
	private static final String STOKE = DamagedValues.STOKE;

	/** Rows read, accepted, rejected and out of scope of each file of the undamaged sample. */
	private static Map<String, List<Double>> sampleCounts;

	@TempDir
	Path dir;

	@BeforeAll
	static void runTheSample(@TempDir Path sampleDir) throws Exception {
		sampleCounts = countsOfTheSample(sampleDir);
	}

	/** Runs the job on the sample in this JVM (it ends with its open ERRORs); its files' counts. */
	static Map<String, List<Double>> countsOfTheSample(Path sampleDir) throws Exception {
		Cli.Result result = Cli.run("--input=" + Cli.SAMPLE, "--output=" + sampleDir.resolve("out"));
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.ERRORS);
		return counts(sampleDir.resolve("out"));
	}

	@Test
	void shouldRejectARegisterRowWhoseNameIsTooLong() throws Exception {
		Path input = sample();
		DamagedValues.Damage damage = DamagedValues.registerNameTooLong(input);
		assertRejected(input, damage.file(), damage.rejected());
	}

	@Test
	void shouldRejectARegisterRowWhoseAreaIsTooLong() throws Exception {
		Path input = sample();
		DamagedValues.Damage damage = DamagedValues.registerAreaTooLong(input);
		assertRejected(input, damage.file(), damage.rejected());
	}

	@Test
	void shouldRejectARegisterRowWithNeitherAreaNorRegion() throws Exception {
		Path input = sample();
		DamagedValues.Damage damage = DamagedValues.registerRowWithNeitherAreaNorRegion(input);
		assertRejected(input, damage.file(), damage.rejected());
	}

	@Test
	void shouldRejectARegisterRowWhoseCodeIsTooLong() throws Exception {
		Path input = sample();
		DamagedValues.Damage damage = DamagedValues.registerCodeTooLong(input);
		assertRejected(input, damage.file(), damage.rejected());
	}

	@Test
	void shouldRejectACandidateWhoseSurnameIsTooLong() throws Exception {
		Path input = sample();
		DamagedValues.Damage damage = DamagedValues.candidateSurnameTooLong(input);
		assertRejected(input, damage.file(), damage.rejected());
	}

	@Test
	void shouldRejectACandidateWhosePartyIsTooLong() throws Exception {
		Path input = sample();
		DamagedValues.Damage damage = DamagedValues.candidatePartyTooLong(input);
		assertRejected(input, damage.file(), damage.rejected());
	}

	@Test
	void shouldRejectAnExplanationWhoseNoteIsTooLong() throws Exception {
		Path input = sample();
		DamagedValues.Damage damage = DamagedValues.explanationNoteTooLong(input);
		assertRejected(input, damage.file(), damage.rejected());
	}

	@Test
	void shouldRejectABoxWhoseVerifiedCellIsNaN() throws Exception {
		Path input = sample();
		DamagedValues.Damage damage = DamagedValues.verifiedCellNaN(input);
		assertRejected(input, damage.file(), damage.rejected());
	}

	@Test
	void shouldRejectABoxWhoseVerifiedCellIsInfinite() throws Exception {
		Path input = sample();
		DamagedValues.Damage damage = DamagedValues.verifiedCellInfinite(input);
		assertRejected(input, damage.file(), damage.rejected());
	}

	@Test
	void shouldRejectABoxOfATrillionPapers() throws Exception {
		Path input = sample();
		DamagedValues.Damage damage = DamagedValues.boxOfATrillionPapers(input);
		assertRejected(input, damage.file(), damage.rejected());
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
