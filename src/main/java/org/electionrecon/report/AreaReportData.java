package org.electionrecon.report;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.electionrecon.model.BallotBox;
import org.electionrecon.model.CheckCode;
import org.electionrecon.model.CheckEvaluation;
import org.electionrecon.model.ConstituencyFigures;
import org.electionrecon.model.Finding;
import org.electionrecon.model.RejectedRow;
import org.electionrecon.model.SourceFile;

/**
 * Everything one area's workbook shows. Rows that grow with the input (boxes, findings, rejected
 * rows) are streamed through callbacks so that writing a report never holds them all in memory.
 */
public interface AreaReportData {

	/** The report area's name, e.g. "Staffordshire and Cheshire". */
	String area();

	/** The election being reconciled, as the Summary shows it. */
	String election();

	/** The area's constituencies, sorted by name. */
	List<ConstituencyFigures> constituencies();

	/** The area's ballot boxes, by constituency name then in source order. */
	void forEachBox(Consumer<BoxLine> consumer);

	/** The area's findings and the run's findings that have no constituency, in report order. */
	void forEachFinding(Consumer<Finding> consumer);

	/**
	 * What each check evaluated for the area's constituencies (and, for the run-wide checks, for the
	 * run), by check; a check missing here is shown as not counted.
	 */
	default Map<CheckCode, CheckEvaluation> checkEvaluations() {
		return Map.of();
	}

	/** Every input row the run could not read. */
	void forEachRejectedRow(Consumer<RejectedRow> consumer);

	/** Every input file of the run, in the order read. */
	List<SourceFile> sourceFiles();

	RunFacts runFacts();

	/** A box with the name of its constituency, for the Boxes sheet. */
	record BoxLine(String constituencyName, BallotBox box) {
	}

	/**
	 * The run facts listed below the Provenance table.
	 *
	 * @param parameters the job parameters, in order
	 * @param thresholds every threshold used, by property name
	 */
	record RunFacts(long jobExecutionId, Map<String, String> parameters, Instant start, Instant end,
			String applicationVersion, Map<String, String> thresholds) {
	}
}
