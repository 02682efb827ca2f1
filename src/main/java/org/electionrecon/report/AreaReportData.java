package org.electionrecon.report;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
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

	/**
	 * One constituency's boxes, in the order {@link #forEachBox} gives them: to find a box's row on
	 * Boxes without keeping every box's. This default goes through all the area's boxes.
	 */
	default void forEachBoxOf(String constituencyCode, Consumer<BallotBox> consumer) {
		forEachBox(line -> {
			if (constituencyCode.equals(line.box().constituencyCode())) {
				consumer.accept(line.box());
			}
		});
	}

	/** The run's input folder, which the Source references are relative to; {@code null} when unknown. */
	default Path inputFolder() {
		RunFacts facts = runFacts();
		String folder = facts == null || facts.identity() == null ? null : facts.identity().get(RunFacts.INPUT_FOLDER);
		return folder == null ? null : Path.of(folder);
	}

	/** The area's findings and the run's findings that have no constituency, in report order. */
	void forEachFinding(Consumer<Finding> consumer);

	/**
	 * What each check evaluated for the area's constituencies (and, for the run-wide checks, for the
	 * run), by check; a check missing here is shown as not counted.
	 */
	default Map<CheckCode, CheckEvaluation> checkEvaluations() {
		return Map.of();
	}

	/**
	 * When each of the area's constituencies' verification statement and declaration were received,
	 * by code ({@link CountNight}); a constituency received nothing from is left out.
	 */
	Map<String, CountNight.Receipts> receipts();

	/** Every input row the run could not read. */
	void forEachRejectedRow(Consumer<RejectedRow> consumer);

	/**
	 * The input files of the Provenance sheet, in the order read: those that feed this area (whose
	 * staged records belong to one of its constituencies) and the run-level ones (see {@link #scopeOf}).
	 */
	List<SourceFile> sourceFiles();

	/** Whether a file of {@link #sourceFiles()} feeds this area or is one of the run's, for the Scope column. */
	FileScope scopeOf(SourceFile file);

	RunFacts runFacts();

	/** A box with the name of its constituency, for the Boxes sheet. */
	record BoxLine(String constituencyName, BallotBox box) {
	}

	/**
	 * A file of the Provenance sheet: one that feeds this area (and possibly some others), or one
	 * of the run's that every area's workbook lists: the register, a file that feeds every area of
	 * a run with several, one that feeds none (unreadable, ignored, or whose records matched no
	 * constituency).
	 */
	enum FileScope {

		THIS_AREA("this area"), ALL_AREAS("all areas");

		private final String label;

		FileScope(String label) {
			this.label = label;
		}

		/** As the Scope column shows it. */
		public String label() {
			return label;
		}
	}

	/**
	 * The run facts: on Summary (run, start, end) and below the Provenance table (all of them).
	 *
	 * @param run the run number as {@code status} shows it (the job instance id)
	 * @param start the start of the run's latest execution, as the job repository records it
	 * @param end the run's end, as the job repository records it (the report step records the time
	 *     it wrote the workbooks as the run's end, so the two agree)
	 * @param rebuiltAt when the {@code report} command rebuilt the workbook, {@code null} for the run's own
	 * @param identity what identifies the run besides its settings, by label ({@code Input folder},
	 *     {@code Inputs SHA-256}, ...), in order
	 * @param settings the settings the run recorded, under their documented names, in order; empty
	 *     for a run made before settings were recorded
	 */
	record RunFacts(long run, LocalDateTime start, LocalDateTime end, LocalDateTime rebuiltAt,
			Map<String, String> identity, Map<String, String> settings, String applicationVersion) {

		/** The identity's label of the input folder, as the report step records it. */
		public static final String INPUT_FOLDER = "Input folder";

		private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

		/** A time as {@code status} shows it ({@code 2026-07-05 01:12:09}, the machine's local time). */
		public static String time(LocalDateTime time) {
			return time == null ? null : TIME.format(time);
		}
	}
}
