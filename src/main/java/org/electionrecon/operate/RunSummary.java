package org.electionrecon.operate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.electionrecon.model.CheckCode;
import org.electionrecon.model.FindingStatus;
import org.electionrecon.model.Severity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The last word of a completed run, as the operator reads it at the end of the console and the log:
 * the findings by severity (open and explained apart, INFO included), by check and by report area,
 * what was read (files, unreadable files, rejected rows), the workbooks written and the exit code.
 * A handful of lines whatever the size of the run: the areas are cut to the {@value #AREAS_SHOWN}
 * with the most serious open findings and the workbooks to {@value #WORKBOOKS_SHOWN}, with a line
 * saying how many more there are.
 */
public class RunSummary {

	/** Areas listed one by one; a national run has hundreds. */
	static final int AREAS_SHOWN = 10;

	/** Workbooks listed one by one; the log file names every one ("Wrote ..."). */
	static final int WORKBOOKS_SHOWN = 20;

	/** Findings of no constituency (an unreadable file) or of one not in the register have no area. */
	static final String NO_AREA = "(no area)";

	private final JdbcTemplate jdbc;

	public RunSummary(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** How many findings of each severity and status, in the order severity then status. */
	static final class Counts {

		private final Map<Severity, Map<FindingStatus, Long>> counts = new EnumMap<>(Severity.class);

		void add(Severity severity, FindingStatus status, long n) {
			counts.computeIfAbsent(severity, s -> new EnumMap<>(FindingStatus.class)).merge(status, n, Long::sum);
		}

		long count(Severity severity, FindingStatus status) {
			return counts.getOrDefault(severity, Map.of()).getOrDefault(status, 0L);
		}

		long total() {
			return counts.values().stream().flatMap(m -> m.values().stream()).mapToLong(Long::longValue).sum();
		}

		/** {@code 2 open ERROR, 1 explained WARNING}: open ones first, most serious first; zeros left out. */
		String detail() {
			List<String> parts = new ArrayList<>();
			for (FindingStatus status : FindingStatus.values()) {
				for (Severity severity : Severity.values()) {
					long n = count(severity, status);
					if (n > 0) {
						parts.add(n + " " + status.name().toLowerCase(java.util.Locale.ROOT) + " " + severity);
					}
				}
			}
			return String.join(", ", parts);
		}

		/** Most open ERRORs first, then open WARNINGs, then most findings. */
		static final Comparator<Counts> MOST_SERIOUS_FIRST = Comparator
			.comparingLong((Counts c) -> c.count(Severity.ERROR, FindingStatus.OPEN))
			.thenComparingLong(c -> c.count(Severity.WARNING, FindingStatus.OPEN))
			.thenComparingLong(Counts::total)
			.reversed();
	}

	/**
	 * The lines, in the order they are printed; the last one says the exit code.
	 *
	 * @param workbooks the workbooks the report step (or command) wrote, in the order written
	 */
	public List<String> lines(long runId, List<String> workbooks, int exitCode) {
		Counts all = new Counts();
		Map<CheckCode, Counts> byCheck = new EnumMap<>(CheckCode.class);
		Map<String, Counts> byArea = new TreeMap<>();
		jdbc.query("SELECT F.SEVERITY, F.STATUS, F.CHECK_CODE, C.AREA, COUNT(*) FROM RECON_FINDING F"
				+ " LEFT JOIN RECON_CONSTITUENCY C ON C.RUN_ID = F.RUN_ID AND C.CODE = F.CONSTITUENCY_CODE"
				+ " WHERE F.RUN_ID = ? GROUP BY F.SEVERITY, F.STATUS, F.CHECK_CODE, C.AREA", rs -> {
					Severity severity = Severity.valueOf(rs.getString(1));
					FindingStatus status = FindingStatus.valueOf(rs.getString(2));
					String area = rs.getString(4);
					long n = rs.getLong(5);
					all.add(severity, status, n);
					byCheck.computeIfAbsent(CheckCode.valueOf(rs.getString(3)), c -> new Counts()).add(severity, status, n);
					byArea.computeIfAbsent(area == null ? NO_AREA : area, a -> new Counts()).add(severity, status, n);
				}, runId);
		List<String> areas = jdbc.queryForList("SELECT DISTINCT AREA FROM RECON_FIGURES WHERE RUN_ID = ? ORDER BY AREA",
				String.class, runId);

		List<String> lines = new ArrayList<>();
		lines.add(String.format("Run %d findings: %d ERROR (%s), %d WARNING (%s), %d INFO (%s)", runId,
				total(all, Severity.ERROR), openAndExplained(all, Severity.ERROR), total(all, Severity.WARNING),
				openAndExplained(all, Severity.WARNING), total(all, Severity.INFO), openAndExplained(all, Severity.INFO)));
		byCheck.forEach((check, counts) -> lines.add("By check: " + check + " " + counts.total() + " (" + counts.detail()
				+ ")"));
		lines.addAll(areaLines(byArea, areas.size()));
		lines.add(inputs(runId));
		lines.addAll(workbookLines(workbooks));
		lines.add(String.format("Run %d completed with exit code %d: %d open errors, %d open warnings, %d open INFO",
				runId, exitCode, all.count(Severity.ERROR, FindingStatus.OPEN),
				all.count(Severity.WARNING, FindingStatus.OPEN), all.count(Severity.INFO, FindingStatus.OPEN)));
		return lines;
	}

	private static long total(Counts counts, Severity severity) {
		return counts.count(severity, FindingStatus.OPEN) + counts.count(severity, FindingStatus.EXPLAINED);
	}

	private static String openAndExplained(Counts counts, Severity severity) {
		return counts.count(severity, FindingStatus.OPEN) + " open, " + counts.count(severity, FindingStatus.EXPLAINED)
				+ " explained";
	}

	private static List<String> areaLines(Map<String, Counts> byArea, int reportAreas) {
		List<Map.Entry<String, Counts>> ranked = new ArrayList<>(byArea.entrySet());
		ranked.sort(Map.Entry.<String, Counts>comparingByValue(Counts.MOST_SERIOUS_FIRST).thenComparing(Map.Entry.comparingByKey()));
		List<String> lines = new ArrayList<>();
		for (Map.Entry<String, Counts> area : ranked.subList(0, Math.min(AREAS_SHOWN, ranked.size()))) {
			lines.add("By area: " + area.getKey() + " " + area.getValue().total() + " (" + area.getValue().detail() + ")");
		}
		if (ranked.size() > AREAS_SHOWN) {
			Counts rest = new Counts();
			for (Map.Entry<String, Counts> area : ranked.subList(AREAS_SHOWN, ranked.size())) {
				for (Severity severity : Severity.values()) {
					for (FindingStatus status : FindingStatus.values()) {
						rest.add(severity, status, area.getValue().count(severity, status));
					}
				}
			}
			lines.add("By area: " + (ranked.size() - AREAS_SHOWN) + " more areas " + rest.total() + " (" + rest.detail()
					+ ")");
		}
		long withFindings = byArea.keySet().stream().filter(a -> !NO_AREA.equals(a)).count();
		if (reportAreas > withFindings) {
			lines.add("By area: " + (reportAreas - withFindings) + (reportAreas - withFindings == 1 ? " area" : " areas")
					+ " with no finding");
		}
		return lines;
	}

	private String inputs(long runId) {
		Map<String, Long> files = new LinkedHashMap<>();
		jdbc.query("SELECT COUNT(*), COALESCE(SUM(ROWS_READ), 0), COALESCE(SUM(ROWS_ACCEPTED), 0),"
				+ " COALESCE(SUM(ROWS_REJECTED), 0), COALESCE(SUM(ROWS_OUT_OF_SCOPE), 0) FROM RECON_SOURCE_FILE"
				+ " WHERE RUN_ID = ? AND KIND <> 'ignored'", rs -> {
					files.put("files", rs.getLong(1));
					files.put("read", rs.getLong(2));
					files.put("accepted", rs.getLong(3));
					files.put("rejected", rs.getLong(4));
					files.put("outOfScope", rs.getLong(5));
				}, runId);
		Long ignored = jdbc.queryForObject("SELECT COUNT(*) FROM RECON_SOURCE_FILE WHERE RUN_ID = ? AND KIND = 'ignored'",
				Long.class, runId);
		Long unreadable = jdbc.queryForObject("SELECT COUNT(DISTINCT SOURCE) FROM RECON_FINDING WHERE RUN_ID = ?"
				+ " AND CHECK_CODE = ?", Long.class, runId, CheckCode.SOURCE_UNREADABLE.name());
		Long reused = jdbc.queryForObject("SELECT COUNT(*) FROM RECON_SOURCE_FILE WHERE RUN_ID = ?"
				+ " AND REUSED_FROM_RUN IS NOT NULL", Long.class, runId);
		String copied = reused == null || reused == 0 ? ""
				: ", " + reused + " of them unchanged and copied from an earlier run's staging";
		return String.format("Inputs: %d files read (%d unreadable, %d ignored%s); %d rows read: %d accepted, %d rejected,"
				+ " %d out of scope", files.get("files"), unreadable, ignored, copied, files.get("read"),
				files.get("accepted"), files.get("rejected"), files.get("outOfScope"));
	}

	private static List<String> workbookLines(List<String> workbooks) {
		List<String> lines = new ArrayList<>();
		if (workbooks.isEmpty()) {
			lines.add("Workbooks: none written by this execution");
			return lines;
		}
		for (String workbook : workbooks.subList(0, Math.min(WORKBOOKS_SHOWN, workbooks.size()))) {
			lines.add("Workbook: " + workbook);
		}
		if (workbooks.size() > WORKBOOKS_SHOWN) {
			lines.add("Workbooks: " + (workbooks.size() - WORKBOOKS_SHOWN) + " more in the same folder, "
					+ workbooks.size() + " in all (the log file names each)");
		}
		return lines;
	}
}
