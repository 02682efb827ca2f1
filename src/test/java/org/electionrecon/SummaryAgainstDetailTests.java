package org.electionrecon;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.commons.io.file.PathUtils;
import org.electionrecon.model.CheckCode;
import org.electionrecon.run.ExitCodes;
import org.electionrecon.sample.SampleInputGenerator;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every number on Summary equals the sum or count of the detail sheet it summarises, and the
 * Checks sheet's Failed and Explained equal the Findings sheet's, read back from the workbooks of
 * three runs: the sample, the national workload and the sample with one verification workbook
 * replaced by bytes that are no workbook.
 */
class SummaryAgainstDetailTests {

	private static final List<String> SEVERITIES = List.of("ERROR", "WARNING", "INFO");

	/** The Constituencies column holding each severity's open findings. */
	private static final Map<String, String> SEVERITY_COLUMNS = Map.of("ERROR", "Errors", "WARNING", "Warnings",
			"INFO", "Info");

	/** Checks whose evaluations give at most one finding each: Passed + Failed = Evaluated. */
	private static final Set<String> ONE_FINDING_AN_EVALUATION = Arrays.stream(CheckCode.values())
		.map(CheckCode::name)
		.filter(c -> !Set.of("BOX_VARIANCE", "WINNER_MISMATCH", "DUPLICATE_RECORD", "INPUT_REVISED",
				"SOURCE_UNREADABLE", "UNKNOWN_CONSTITUENCY").contains(c))
		.collect(Collectors.toSet());

	@Nested
	class Sample {

		@TempDir
		Path output;

		@Test
		void shouldAgreeWithTheDetailOnEverySummaryAndChecksCount() throws Exception {
			int exit = ElectionReconApplication.run(new String[] { "--input=input", "--output=" + output });

			assertThat(exit).isEqualTo(ExitCodes.ERRORS);
			List<Path> workbooks = workbooks(output);
			assertThat(workbooks).hasSize(1);
			try (ReportWorkbookReader report = new ReportWorkbookReader(workbooks.get(0))) {
				assertSummaryAgreesWithDetail(report);
				assertChecksAgreeWithFindings(report);
				// the sample's one explained finding is apart from the open ones, as the exit code counts them
				assertThat(report.summarySection("Findings by severity").get(1)).containsExactly("WARNING", 4.0, 1.0, 5.0,
						4.0, 0.0);
				assertThat(label(report, "Constituencies in the totals")).isEqualTo(14.0);
			}
		}
	}

	@Nested
	class Damaged {

		@TempDir
		Path temp;

		@Test
		void shouldLeaveAnUnreadableStatementsConstituencyOutOfBothElectorateAndVerified() throws Exception {
			Path input = temp.resolve("input");
			PathUtils.copyDirectory(Path.of("input"), input);
			Files.write(input.resolve("verification/stafford.xlsx"), "no workbook at all".getBytes());
			Path output = temp.resolve("output");

			int exit = ElectionReconApplication.run(new String[] { "--input=" + input, "--output=" + output });

			assertThat(exit).isEqualTo(ExitCodes.ERRORS);
			try (ReportWorkbookReader report = new ReportWorkbookReader(workbooks(output).get(0))) {
				assertSummaryAgreesWithDetail(report);
				assertChecksAgreeWithFindings(report);
				assertThat(label(report, "Constituencies")).isEqualTo(14.0);
				assertThat(label(report, "Constituencies in the totals")).isEqualTo(13.0);
				assertThat(label(report, "Files unreadable")).isEqualTo(1.0);
				Map<String, Object> stafford = report.rows("Constituencies").stream()
					.filter(r -> "Stafford".equals(r.get("Constituency")))
					.findFirst()
					.orElseThrow();
				assertThat(stafford.get("Verified")).isNull();
				assertThat(stafford.get("Electorate")).isNotNull();
				Map<String, Object> unreadable = checks(report).stream()
					.filter(r -> "SOURCE_UNREADABLE".equals(r.get("Check")))
					.findFirst()
					.orElseThrow();
				assertThat(unreadable.get("Failed")).isEqualTo(1.0);
				assertThat(((Double) unreadable.get("Evaluated")) - ((Double) unreadable.get("Passed"))).isEqualTo(1.0);
			}
		}
	}

	@Nested
	class National {

		@TempDir
		Path temp;

		@Test
		void shouldAgreeWithTheDetailInEveryRegionsWorkbook() throws Exception {
			Path input = temp.resolve("input");
			Path output = temp.resolve("output");
			new SampleInputGenerator().generate(SampleInputGenerator.Spec.national(SampleInputGenerator.DEFAULT_SEED),
					input);

			int exit = ElectionReconApplication.run(new String[] { "--input=" + input, "--output=" + output });

			assertThat(exit).isEqualTo(ExitCodes.WARNINGS);
			List<Path> workbooks = workbooks(output);
			assertThat(workbooks).hasSize(12);
			double constituencies = 0;
			for (Path workbook : workbooks) {
				try (ReportWorkbookReader report = new ReportWorkbookReader(workbook)) {
					assertSummaryAgreesWithDetail(report);
					assertChecksAgreeWithFindings(report);
					constituencies += label(report, "Constituencies");
				}
			}
			assertThat(constituencies).isEqualTo(650.0);
		}
	}

	// ---- the agreements ----------------------------------------------------------------------

	static void assertSummaryAgreesWithDetail(ReportWorkbookReader report) {
		List<Map<String, Object>> seats = report.rows("Constituencies");
		List<Map<String, Object>> findings = report.rows("Findings");

		// totals: over the constituencies with an electorate and ballot papers verified
		List<Map<String, Object>> inTotals = seats.stream()
			.filter(s -> s.get("Electorate") != null && s.get("Verified") != null && number(s, "Electorate") > 0)
			.toList();
		long electorate = inTotals.stream().mapToLong(s -> (long) number(s, "Electorate")).sum();
		long verified = inTotals.stream().mapToLong(s -> (long) number(s, "Verified")).sum();
		assertThat(label(report, "Constituencies")).isEqualTo((double) seats.size());
		assertThat(label(report, "Constituencies in the totals")).isEqualTo((double) inTotals.size());
		assertThat(label(report, "Electorate")).isEqualTo((double) electorate);
		assertThat(label(report, "Verified")).isEqualTo((double) verified);
		assertThat(label(report, "Turnout %")).isEqualTo(electorate == 0 ? null
				: ratio(BigDecimal.valueOf(verified).multiply(BigDecimal.valueOf(100)), electorate));
		assertThat(note(report, "Turnout %")).isEqualTo(
				"ballot papers verified / electorate × 100, over the " + inTotals.size() + " constituencies in the totals");
		List<Map<String, Object>> withBaseline = inTotals.stream()
			.filter(s -> s.get("Notional 2019 turnout %") != null)
			.toList();
		assertThat(label(report, "Constituencies with a notional 2019 turnout")).isEqualTo((double) withBaseline.size());
		long baselineElectorate = withBaseline.stream().mapToLong(s -> (long) number(s, "Electorate")).sum();
		BigDecimal change = BigDecimal.ZERO;
		for (Map<String, Object> s : withBaseline) {
			change = change.add(BigDecimal.valueOf(number(s, "Verified")).multiply(BigDecimal.valueOf(100)))
				.subtract(BigDecimal.valueOf(number(s, "Notional 2019 turnout %"))
					.multiply(BigDecimal.valueOf(number(s, "Electorate"))));
		}
		assertThat(label(report, "Turnout change (pts)"))
			.isEqualTo(baselineElectorate == 0 ? null : ratio(change, baselineElectorate));

		// findings by severity, open and explained apart; the open ones of a constituency are its columns
		Set<String> codes = seats.stream().map(s -> (String) s.get("Code")).collect(Collectors.toSet());
		List<List<Object>> bySeverity = report.summarySection("Findings by severity");
		double[] all = new double[5];
		for (int i = 0; i < SEVERITIES.size(); i++) {
			String severity = SEVERITIES.get(i);
			double open = count(findings, f -> severity.equals(f.get("Severity")) && "OPEN".equals(f.get("Status")));
			double explained = count(findings,
					f -> severity.equals(f.get("Severity")) && "EXPLAINED".equals(f.get("Status")));
			double inSeats = seats.stream().mapToDouble(s -> number(s, SEVERITY_COLUMNS.get(severity))).sum();
			double elsewhere = count(findings, f -> severity.equals(f.get("Severity")) && "OPEN".equals(f.get("Status"))
					&& !codes.contains(f.get("Code")));
			assertThat(open).isEqualTo(inSeats + elsewhere);
			List<Object> expected = List.of(severity, open, explained, open + explained, inSeats, elsewhere);
			assertThat(bySeverity.get(i)).as(severity).isEqualTo(expected);
			for (int c = 0; c < 5; c++) {
				all[c] += (Double) expected.get(c + 1);
			}
		}
		assertThat(bySeverity.get(3)).isEqualTo(List.of("All", all[0], all[1], all[2], all[3], all[4]));
		assertThat(all[2]).isEqualTo(findings.size());
		assertThat(bySeverity).hasSize(4);

		// findings by check: every check with a finding, in catalogue order
		List<List<Object>> expectedByCheck = new ArrayList<>();
		for (CheckCode check : CheckCode.values()) {
			double open = count(findings, f -> check.name().equals(f.get("Check")) && "OPEN".equals(f.get("Status")));
			double explained = count(findings,
					f -> check.name().equals(f.get("Check")) && "EXPLAINED".equals(f.get("Status")));
			if (open + explained > 0) {
				expectedByCheck.add(List.of(check.name(), open, explained, open + explained));
			}
		}
		assertThat(report.summarySection("Findings by check").stream().map(r -> r.subList(0, 4)).toList())
			.isEqualTo(expectedByCheck);

		// inputs
		List<Map<String, Object>> files = report.rows("Provenance");
		assertThat(label(report, "Rejected rows")).isEqualTo((double) report.rows("Rejected rows").size());
		assertThat(label(report, "Files read"))
			.isEqualTo(count(files, f -> !"ignored".equals(f.get("Kind"))));
		assertThat(label(report, "Files ignored")).isEqualTo(count(files, f -> "ignored".equals(f.get("Kind"))));
		assertThat(label(report, "Files unreadable"))
			.isEqualTo(count(findings, f -> "SOURCE_UNREADABLE".equals(f.get("Check"))));
	}

	static void assertChecksAgreeWithFindings(ReportWorkbookReader report) {
		List<Map<String, Object>> findings = report.rows("Findings");
		List<Map<String, Object>> checks = checks(report);
		assertThat(checks.stream().map(c -> c.get("Check")).toList())
			.isEqualTo(Arrays.stream(CheckCode.values()).map(CheckCode::name).toList());
		for (Map<String, Object> check : checks) {
			String code = (String) check.get("Check");
			double failed = count(findings, f -> code.equals(f.get("Check")));
			double explained = count(findings, f -> code.equals(f.get("Check")) && "EXPLAINED".equals(f.get("Status")));
			assertThat(check.get("Failed")).as(code).isEqualTo(failed);
			assertThat(check.get("Explained")).as(code).isEqualTo(explained);
			double evaluated = number(check, "Evaluated");
			double passed = number(check, "Passed");
			assertThat(passed).as(code).isBetween(0.0, evaluated);
			if (ONE_FINDING_AN_EVALUATION.contains(code)) {
				assertThat(passed + failed).as(code + ": passed + failed").isEqualTo(evaluated);
			}
			if (evaluated == 0) {
				assertThat(failed).as(code).isZero();
				assertThat(check.get("Not evaluated because")).as(code).isNotNull();
			}
		}
		// a box is evaluated once; where no box is given twice, the Boxes sheet shows every evaluation
		if (count(findings, f -> "DUPLICATE_RECORD".equals(f.get("Check")) && f.get("Box") != null) == 0) {
			List<Map<String, Object>> boxes = report.rows("Boxes");
			Map<String, Object> variance = checks.get(0);
			assertThat(variance.get("Evaluated")).isEqualTo((double) boxes.size());
			assertThat(variance.get("Passed")).isEqualTo(count(boxes, b -> Objects.equals(b.get("Difference"), 0.0)));
		}
	}

	// ---- reading the Summary back -------------------------------------------------------------

	private static List<Map<String, Object>> checks(ReportWorkbookReader report) {
		return report.rows("Checks");
	}

	private static List<Path> workbooks(Path output) throws java.io.IOException {
		try (Stream<Path> files = Files.list(output)) {
			return files.filter(p -> p.getFileName().toString().endsWith("-reconciliation.xlsx")).sorted().toList();
		}
	}

	/** The value beside a Summary label. */
	private static Double label(ReportWorkbookReader report, String label) {
		return (Double) ReportWorkbookReader.value(report.summaryRow(label).getCell(1));
	}

	/** The text that says what a Summary figure is taken over. */
	private static Object note(ReportWorkbookReader report, String label) {
		return ReportWorkbookReader.value(report.summaryRow(label).getCell(2));
	}

	private static double number(Map<String, Object> row, String column) {
		Object value = row.get(column);
		return value == null ? 0 : (Double) value;
	}

	private static double count(List<Map<String, Object>> rows, java.util.function.Predicate<Map<String, Object>> which) {
		return rows.stream().filter(which).count();
	}

	private static Double ratio(BigDecimal numerator, long denominator) {
		return numerator.divide(BigDecimal.valueOf(denominator), MathContext.DECIMAL64)
			.setScale(2, RoundingMode.HALF_UP)
			.doubleValue();
	}
}
