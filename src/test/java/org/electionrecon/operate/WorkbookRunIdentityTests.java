package org.electionrecon.operate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.electionrecon.run.ExitCodes;
import org.electionrecon.run.FaultInjection;
import org.electionrecon.ReportWorkbookReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One run identity everywhere: the workbook names the run, its start and its end exactly as
 * {@code status} does, after a run, after a {@code --rerun} and after a rebuild by {@code report},
 * also once run numbers and job execution ids no longer coincide (a restarted run has two executions).
 */
class WorkbookRunIdentityTests {

	private static final String TIME = "\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d";

	@Test
	void shouldNameTheRunAsStatusDoesAfterARunARerunAndARebuild(@TempDir Path temp) throws Exception {
		Path input = Cli.copySample(temp.resolve("input"));
		Path output = temp.resolve("output");
		Path workbook = output.resolve(Cli.WORKBOOK);
		// run 0 fails writing its report (job execution 0) and is restarted (job execution 1)
		Cli.Result failed;
		System.setProperty(FaultInjection.FAIL_PROPERTY, "report-write");
		try {
			failed = Cli.run("--input=" + input, "--output=" + output);
		}
		finally {
			System.clearProperty(FaultInjection.FAIL_PROPERTY);
		}
		assertThat(failed.exitCode()).as("the run with a full disk: %s", failed).isEqualTo(ExitCodes.FAILED);
		Cli.Result restart = Cli.run("restart", "--output=" + output);
		assertThat(restart.exitCode()).as("restart: %s", restart).isEqualTo(ExitCodes.ERRORS);

		StatusLine run0 = status(output, 0);
		assertThat(run0.status()).isEqualTo("COMPLETED");
		RunFactsRead afterRun = read(workbook);
		assertThat(afterRun.summary()).containsExactly(Map.entry("Run", 0.0), Map.entry("Start", run0.start()),
				Map.entry("End", run0.end()));
		assertThat(afterRun.provenance()).containsEntry("Run", 0.0)
			.containsEntry("Start", run0.start())
			.containsEntry("End", run0.end())
			.containsEntry("Input folder", input.toString())
			.containsEntry("Output folder", output.toString())
			.containsEntry("election", "2024-07-04")
			.containsEntry("recon.checks.box-variance-error-at", 5.0)
			.containsEntry("recon.parties", "none")
			.doesNotContainKeys("Rerun requested at", "Rebuilt at", "Job execution id");
		assertThat(afterRun.provenance().keySet()).noneMatch(label -> label.startsWith("Parameter"));

		// run 1 (job execution 2) reconciles the same inputs again
		Cli.Result rerun = Cli.run("--input=" + input, "--output=" + output, "--rerun");
		assertThat(rerun.exitCode()).as("rerun: %s", rerun).isEqualTo(ExitCodes.ERRORS);
		StatusLine run1 = status(output, 1);
		RunFactsRead afterRerun = read(workbook);
		assertThat(afterRerun.summary()).containsExactly(Map.entry("Run", 1.0), Map.entry("Start", run1.start()),
				Map.entry("End", run1.end()));
		assertThat(afterRerun.provenance()).containsEntry("Run", 1.0)
			.containsEntry("Start", run1.start())
			.containsEntry("End", run1.end())
			.doesNotContainKey("Rebuilt at");
		assertThat((String) afterRerun.provenance().get("Rerun requested at")).matches(TIME);

		// a rebuild of run 0 is run 0's workbook, with its own start and end, and says when it was rebuilt
		Cli.Result report = Cli.run("report", "--run=0", "--output=" + output);
		assertThat(report.exitCode()).as("report: %s", report).isEqualTo(ExitCodes.ERRORS);
		assertThat(status(output, 0)).isEqualTo(run0);
		RunFactsRead rebuilt = read(workbook);
		assertThat(rebuilt.summary()).isEqualTo(afterRun.summary());
		Map<String, Object> rebuiltFacts = new LinkedHashMap<>(rebuilt.provenance());
		assertThat((String) rebuiltFacts.remove("Rebuilt at")).matches(TIME);
		assertThat(rebuiltFacts).containsExactlyEntriesOf(afterRun.provenance());
	}

	/** A run's line of {@code status --run=N}: its number, state, start and end as printed. */
	record StatusLine(long run, String status, String start, String end) {
	}

	private static final Pattern STATUS_LINE = Pattern
		.compile("(?m)^(\\d+)\\s+(\\w+)\\s+(" + TIME + ")\\s+(" + TIME + ")\\s");

	private static StatusLine status(Path output, long run) {
		Cli.Result status = Cli.run("status", "--run=" + run, "--output=" + output);
		assertThat(status.exitCode()).as("status: %s", status).isEqualTo(ExitCodes.CLEAN);
		Matcher line = STATUS_LINE.matcher(status.printed());
		assertThat(line.find()).as("status: %s", status).isTrue();
		return new StatusLine(Long.parseLong(line.group(1)), line.group(2), line.group(3), line.group(4));
	}

	/**
	 * The run facts of a workbook: Summary's first label/value rows after Area and Election, and the
	 * label/value rows below the Provenance table (numbers as Double, text as String).
	 */
	record RunFactsRead(Map<String, Object> summary, Map<String, Object> provenance) {
	}

	private static RunFactsRead read(Path workbook) throws Exception {
		try (ReportWorkbookReader report = new ReportWorkbookReader(workbook)) {
			Map<String, Object> summary = labelled(report.sheet("Summary"), 2, 5);
			Sheet provenance = report.sheet("Provenance");
			int blank = 1;
			while (provenance.getRow(blank) != null && provenance.getRow(blank).getPhysicalNumberOfCells() > 0) {
				blank++;
			}
			return new RunFactsRead(summary, labelled(provenance, blank + 1, provenance.getLastRowNum() + 1));
		}
	}

	private static Map<String, Object> labelled(Sheet sheet, int from, int to) {
		Map<String, Object> facts = new LinkedHashMap<>();
		for (int r = from; r < to; r++) {
			Row row = sheet.getRow(r);
			Cell value = row.getCell(1);
			facts.put(row.getCell(0).getStringCellValue(),
					value == null ? null : value.getCellType() == CellType.NUMERIC ? (Object) value.getNumericCellValue()
							: value.getStringCellValue());
		}
		return facts;
	}
}
