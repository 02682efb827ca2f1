package org.electionrecon.report;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * What the run's index workbook ({@code reconciliation-index.xlsx}) shows: one entry per report
 * area, with the counts its workbook's Summary gives, and each of its constituencies as its
 * workbook's Constituencies sheet lists them. Areas are handed over one at a time, so writing the
 * index holds one area's constituencies at most.
 */
public interface IndexData {

	/** The election being reconciled, as the area workbooks' Summary shows it. */
	String election();

	/** The run the index belongs to, for its footer and document properties; {@code null} when none. */
	AreaReportData.RunFacts runFacts();

	/** The run's report areas, by name, each with its constituencies. */
	void forEachArea(Consumer<Area> consumer);

	/**
	 * One report area as its workbook's Summary counts it.
	 *
	 * @param workbook the area workbook's file name, in the same folder as the index
	 * @param errors open ERROR findings: Summary's "Findings by severity" ERROR row, Open column
	 * @param warnings open WARNING findings, likewise
	 * @param info open INFO findings, likewise
	 * @param explained explained findings of every severity: the All row's Explained column
	 * @param turnout Summary's Turnout %, over the constituencies with an electorate and ballot papers
	 *     verified; {@code null} when there are none
	 * @param constituencies in the order of the workbook's Constituencies sheet
	 */
	record Area(String area, String workbook, long errors, long warnings, long info, long explained,
			BigDecimal turnout, List<Constituency> constituencies) {

		public Area {
			constituencies = List.copyOf(constituencies);
		}

		/** How many of its constituencies are still {@code waiting}: Summary's Seats waiting. */
		public long seatsWaiting() {
			return constituencies.stream().filter(c -> c.countStatus() == CountNight.CountStatus.WAITING).count();
		}
	}

	/**
	 * One constituency of an area.
	 *
	 * @param workbookRow the 1-based row of the area workbook's Constituencies sheet that holds its
	 *     code (the first, as the Findings sheet's links take it)
	 * @param errors its open ERROR findings: the Errors column of its Constituencies row
	 * @param warnings its open WARNING findings: the Warnings column
	 * @param receipts when its verification statement and declaration were received, as its area's
	 *     Summary shows them ({@link CountNight})
	 * @param countStatus its count night status, as its area's Summary shows it
	 */
	record Constituency(String code, String name, Status status, long errors, long warnings, int workbookRow,
			CountNight.Receipts receipts, CountNight.CountStatus countStatus) {
	}

	/** A constituency's state at a glance; {@link #label()} is what the Status column shows. */
	enum Status {

		/** It has no verification statement, or no declaration, staged (whatever its findings). */
		MISSING,
		/** Both are there, and at least one ERROR finding of it is open. */
		ERRORS,
		/** Both are there, no open ERROR, at least one open WARNING. */
		WARNINGS,
		/** Both are there, no open ERROR or WARNING (open INFO and explained findings aside). */
		CLEAN;

		/**
		 * @param hasVerification a verification statement of it is staged
		 * @param hasDeclaration a declaration of it (a results row or a candidate row) is staged
		 */
		public static Status of(boolean hasVerification, boolean hasDeclaration, long openErrors, long openWarnings) {
			if (!hasVerification || !hasDeclaration) {
				return MISSING;
			}
			return openErrors > 0 ? ERRORS : openWarnings > 0 ? WARNINGS : CLEAN;
		}

		public String label() {
			return name().toLowerCase(Locale.ROOT);
		}
	}
}
