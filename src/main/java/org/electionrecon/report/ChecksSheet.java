package org.electionrecon.report;

import java.util.List;
import java.util.Map;

import org.electionrecon.model.CheckCode;
import org.electionrecon.model.CheckEvaluation;
import org.electionrecon.report.SheetWriter.SheetRow;

/**
 * The Checks sheet: one row per check of the catalogue, in catalogue order, found or not. Failed
 * and Explained are the Findings sheet's counts; Evaluated and Passed are what the check evaluated
 * for the area (its unit is in Description), so a check that found nothing shows it was evaluated.
 */
final class ChecksSheet {

	static final List<String> HEADERS = List.of("Check", "Severity", "Description", "Threshold", "Evaluated", "Passed",
			"Failed", "Explained", "Not evaluated because");

	private ChecksSheet() {
	}

	static void write(SheetWriter out, AreaReportData data, FindingTally findings) {
		out.header(HEADERS.toArray(String[]::new));
		// narrow enough for one page across at half size or more (PageLayout), wide enough for the headers
		out.widths(28, 24, 64, 10, 10, 8, 8, 10, 52);
		Map<CheckCode, CheckEvaluation> evaluations = data.checkEvaluations();
		AreaReportData.RunFacts facts = data.runFacts();
		Map<String, String> thresholds = facts == null || facts.settings() == null ? Map.of() : facts.settings();
		for (CheckCode check : CheckCode.values()) {
			CheckCatalogue.Entry entry = CheckCatalogue.of(check);
			CheckEvaluation evaluation = evaluations.getOrDefault(check,
					CheckEvaluation.notEvaluated(check, "not counted in this run"));
			SheetRow row = out.row();
			out.text(row, 0, check.name());
			out.text(row, 1, entry.severity());
			out.text(row, 2, entry.description()
					+ (entry.setting() == null ? "" : " Threshold: " + entry.setting() + "."));
			out.figure(row, 3, entry.setting() == null ? null : thresholds.get(entry.setting()));
			out.integer(row, 4, (long) evaluation.evaluated());
			out.integer(row, 5, (long) evaluation.passed());
			out.integer(row, 6, findings.open(check) + findings.explained(check));
			out.integer(row, 7, findings.explained(check));
			out.text(row, 8, evaluation.notEvaluatedBecause());
		}
		out.frozenFilteredTable(HEADERS.size() - 1, out.nextRowIndex() - 1);
	}
}
