package org.electionrecon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.io.input.BOMInputStream;
import org.electionrecon.model.SourceRef;
import org.electionrecon.report.IndexWorkbookWriter;
import org.electionrecon.report.ReportWorkbookWriter;
import org.electionrecon.run.ExitCodes;
import org.electionrecon.sample.SampleInputGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole country: inputs for all 650 constituencies built from the HoC and notional files
 * (verification synthesised from valid + invalid), one workbook per region, every computed result
 * label equal to the HoC Library's and every turnout equal to (valid + invalid) / electorate.
 */
class NationalReconciliationTests {

	private static final List<String> REGIONS = List.of("East Midlands", "East of England", "London", "North East",
			"North West", "Northern Ireland", "Scotland", "South East", "South West", "Wales", "West Midlands",
			"Yorkshire and The Humber");

	/** The run's last word, as its log file in OUTPUT/logs keeps it: the messages from "Run 0 findings" on. */
	private static List<String> lastWord(Path output) throws java.io.IOException {
		List<Path> logs;
		try (Stream<Path> files = Files.list(output.resolve("logs"))) {
			logs = files.toList();
		}
		assertThat(logs).hasSize(1);
		List<String> messages = Files.readAllLines(logs.get(0), StandardCharsets.UTF_8).stream()
			.map(line -> line.substring(line.indexOf(": ") + 2))
			.toList();
		return messages.subList(messages.indexOf("Run 0 findings: 0 ERROR (0 open, 0 explained), 84 WARNING (84 open,"
				+ " 0 explained), 0 INFO (0 open, 0 explained)"), messages.size());
	}

	@Test
	void shouldComputeEveryResultLabelAndTurnoutOfTheCountry(@TempDir Path temp) throws Exception {
		Path input = temp.resolve("input");
		Path output = temp.resolve("output");
		new SampleInputGenerator().generate(SampleInputGenerator.Spec.national(SampleInputGenerator.DEFAULT_SEED), input);

		int exit = ElectionReconApplication.run(new String[] { "--input=" + input, "--output=" + output });

		assertThat(exit).isEqualTo(ExitCodes.WARNINGS);
		try (Stream<Path> files = Files.list(output)) {
			// the area workbooks by their ending, and the index beside them
			assertThat(files.filter(p -> p.toString().endsWith(".xlsx")).map(p -> p.getFileName().toString()))
				.containsExactlyInAnyOrderElementsOf(Stream.concat(REGIONS.stream().map(ReportWorkbookWriter::fileName),
						Stream.of(IndexWorkbookWriter.FILE_NAME)).toList());
		}
		// issue 14: the index's 12 areas with their workbooks' Summary counts, its 650 constituencies each
		// linking to the row of its area workbook that holds its code
		assertThat(IndexWorkbookAgreement.assertIndexAgreesWithAreaWorkbooks(output, REGIONS)).isEqualTo(650);
		try (ReportWorkbookReader index = new ReportWorkbookReader(output.resolve(IndexWorkbookWriter.FILE_NAME))) {
			assertThat(index.rows("Areas")).hasSize(12)
				.extracting(row -> row.get("Errors"), row -> row.get("Explained"))
				.containsOnly(org.assertj.core.groups.Tuple.tuple(0.0, 0.0));
			assertThat(index.rows("Areas").stream().mapToDouble(row -> (Double) row.get("Warnings")).sum()).isEqualTo(84.0);
			assertThat(index.rows("Constituencies")).hasSize(650)
				.extracting(row -> row.get("Status"))
				.containsOnly("clean", "warnings");
		}
		assertThat(lastWord(output)).containsExactly(
				"Run 0 findings: 0 ERROR (0 open, 0 explained), 84 WARNING (84 open, 0 explained), 0 INFO (0 open, 0 explained)",
				"By check: REJECTED_RATE_OUTLIER 17 (17 open WARNING)",
				"By check: TURNOUT_CHANGE_OUTLIER 55 (55 open WARNING)",
				"By check: ELECTORATE_CHANGE_OUTLIER 12 (12 open WARNING)",
				"By area: London 16 (16 open WARNING)",
				"By area: Yorkshire and The Humber 12 (12 open WARNING)",
				"By area: South East 11 (11 open WARNING)",
				"By area: North West 9 (9 open WARNING)",
				"By area: South West 8 (8 open WARNING)",
				"By area: West Midlands 7 (7 open WARNING)",
				"By area: East of England 5 (5 open WARNING)",
				"By area: North East 4 (4 open WARNING)",
				"By area: Scotland 4 (4 open WARNING)",
				"By area: Wales 4 (4 open WARNING)",
				"By area: 2 more areas 4 (4 open WARNING)",
				"Inputs: 335 files read (0 unreadable, 0 ignored); 49221 rows read: 49221 accepted, 0 rejected, 0 out of scope",
				"Workbook: " + output.resolve("east-midlands-reconciliation.xlsx"),
				"Workbook: " + output.resolve("east-of-england-reconciliation.xlsx"),
				"Workbook: " + output.resolve("london-reconciliation.xlsx"),
				"Workbook: " + output.resolve("north-east-reconciliation.xlsx"),
				"Workbook: " + output.resolve("north-west-reconciliation.xlsx"),
				"Workbook: " + output.resolve("northern-ireland-reconciliation.xlsx"),
				"Workbook: " + output.resolve("scotland-reconciliation.xlsx"),
				"Workbook: " + output.resolve("south-east-reconciliation.xlsx"),
				"Workbook: " + output.resolve("south-west-reconciliation.xlsx"),
				"Workbook: " + output.resolve("wales-reconciliation.xlsx"),
				"Workbook: " + output.resolve("west-midlands-reconciliation.xlsx"),
				"Workbook: " + output.resolve("yorkshire-and-the-humber-reconciliation.xlsx"),
				"Run 0 completed with exit code 1: 0 open errors, 84 open warnings, 0 open INFO");
		Map<String, CSVRecord> hoc = hocConstituencies();
		Map<String, Map<String, Object>> seen = new HashMap<>();
		Map<String, Integer> findingsByCheck = new java.util.TreeMap<>();
		Map<String, Map<String, Object>> provenance = new HashMap<>();
		Map<String, Integer> filesListed = new HashMap<>();
		for (String region : REGIONS) {
			try (ReportWorkbookReader report = new ReportWorkbookReader(output.resolve(ReportWorkbookWriter.fileName(region)))) {
				for (Map<String, Object> row : report.rows("Constituencies")) {
					seen.put((String) row.get("Code"), row);
					CSVRecord declared = hoc.get(row.get("Code"));
					assertThat(declared.get("Region name")).isEqualTo(region);
				}
				// Provenance: the area's verification workbooks (those of its boxes), then the run's files
				Set<String> boxFiles = new TreeSet<>();
				report.rows("Boxes").forEach(box -> boxFiles.add(SourceRef.fileOf((String) box.get("Source"))));
				List<Map<String, Object>> files = report.rows("Provenance");
				assertThat(files).filteredOn(f -> "this area".equals(f.get("Scope")))
					.extracting(f -> f.get("File"))
					.as(region)
					.containsExactlyInAnyOrderElementsOf(boxFiles);
				assertThat(files).filteredOn(f -> "all areas".equals(f.get("Scope")))
					.extracting(f -> f.get("File"))
					.as(region)
					.containsExactly("register/register.csv", "declarations/HoC-GE2024-results-by-candidate.csv",
							"declarations/HoC-GE2024-results-by-constituency.csv",
							"notional/RallingsThrasher-2019-notional-results-2024-boundaries.csv");
				assertThat(files).hasSize(boxFiles.size() + 4);
				for (Map<String, Object> file : files) {
					// a file listed by several areas shows the same whole counts in each
					Map<String, Object> other = provenance.putIfAbsent((String) file.get("File"), file);
					assertThat(other == null ? file : other).isEqualTo(file);
					filesListed.merge((String) file.get("File"), 1, Integer::sum);
				}
				for (Map<String, Object> finding : report.rows("Findings")) {
					assertThat(finding.get("Severity")).as(finding.get("Message").toString()).isNotEqualTo("ERROR");
					findingsByCheck.merge((String) finding.get("Check"), 1, Integer::sum);
				}
			}
		}
		assertThat(seen).hasSize(650);
		// every file of the run is listed somewhere; a file shared by all areas in each, whole: the
		// candidates CSV holds one row per candidate of the country
		assertThat(provenance).hasSize(335);
		assertThat(filesListed).containsEntry("register/register.csv", 12);
		assertThat(provenance.get("declarations/HoC-GE2024-results-by-candidate.csv").get("Rows read"))
			.isEqualTo((double) csvRecords(input.resolve("declarations/HoC-GE2024-results-by-candidate.csv")));
		long rejectedOutliers = hoc.values().stream().filter(r -> {
			long invalid = Long.parseLong(r.get("Invalid votes"));
			long cast = Long.parseLong(r.get("Valid votes")) + invalid;
			return invalid * 100L * 100L > cast * 100L;
		}).count();
		assertThat(findingsByCheck).containsOnlyKeys("REJECTED_RATE_OUTLIER", "ELECTORATE_CHANGE_OUTLIER",
				"TURNOUT_CHANGE_OUTLIER");
		assertThat(findingsByCheck.get("REJECTED_RATE_OUTLIER")).isEqualTo((int) rejectedOutliers);
		for (CSVRecord declared : hoc.values()) {
			Map<String, Object> row = seen.get(declared.get("ONS ID"));
			long electorate = Long.parseLong(declared.get("Electorate"));
			long cast = Long.parseLong(declared.get("Valid votes")) + Long.parseLong(declared.get("Invalid votes"));
			double turnout = BigDecimal.valueOf(cast * 100L)
				.divide(BigDecimal.valueOf(electorate), 2, RoundingMode.HALF_UP)
				.doubleValue();
			assertThat(row.get("Result")).as(declared.get("Constituency name")).isEqualTo(declared.get("Result"));
			assertThat(row.get("Turnout %")).as(declared.get("Constituency name")).isEqualTo(turnout);
			assertThat(row.get("Verified")).isEqualTo((double) cast);
			assertThat(row.get("Party")).as(declared.get("Constituency name")).isEqualTo(declared.get("First party"));
			assertThat(row.get("Majority")).isEqualTo(Double.parseDouble(declared.get("Majority")));
		}
	}

	private static long csvRecords(Path file) throws Exception {
		try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader).stream().count();
		}
	}

	static Map<String, CSVRecord> hocConstituencies() throws Exception {
		Map<String, CSVRecord> byCode = new HashMap<>();
		try (InputStream in = NationalReconciliationTests.class
			.getResourceAsStream("/reference-data/ge2024/HoC-GE2024-results-by-constituency.csv");
				Reader reader = new InputStreamReader(BOMInputStream.builder().setInputStream(in).get(),
						StandardCharsets.UTF_8)) {
			for (CSVRecord record : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
				byCode.put(record.get("ONS ID"), record);
			}
		}
		return byCode;
	}
}
