package org.electionrecon.report;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.electionrecon.model.SourceFile;
import org.electionrecon.model.SourceRef;
import org.electionrecon.report.AreaReportData.FileScope;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Which report areas each input file of a run feeds: the areas of the constituencies its staged
 * records belong to. Read once per run, for every area's Provenance sheet.
 */
final class FileAreas {

	/** Staged records that name their file in a source reference ({@code file!Sheet!C12}, {@code file:line:column}). */
	private static final List<String> BY_SOURCE = List.of("RECON_VERIFICATION_SHEET", "RECON_STATED_FIGURE",
			"RECON_DECLARED_PARTY_VOTES", "RECON_CANDIDATE", "RECON_NOTIONAL", "RECON_REPORTED", "RECON_EXPLANATION",
			"RECON_REJECTED_FIGURE");

	/** Staged records that name their file in a column of its own. */
	private static final Map<String, String> BY_FILE_NAME = Map.of("RECON_DECLARATION", "FILE_NAME",
			"RECON_DECLARED_BREAKDOWN", "FILE_NAME");

	/** The kind of the file that lists the constituencies of every area. */
	private static final String REGISTER = "register";

	private final Map<String, Set<String>> areasByFile;

	private final Set<String> runAreas;

	FileAreas(Map<String, Set<String>> areasByFile, Set<String> runAreas) {
		this.areasByFile = areasByFile;
		this.runAreas = Set.copyOf(runAreas);
	}

	/** The areas each file of the run feeds, and the run's report areas. */
	static FileAreas of(JdbcTemplate jdbc, long runId, List<String> runAreas) {
		Map<String, Set<String>> areasByFile = new HashMap<>();
		for (String table : BY_SOURCE) {
			collect(jdbc, runId, table, "SOURCE", areasByFile);
		}
		BY_FILE_NAME.forEach((table, column) -> collect(jdbc, runId, table, column, areasByFile));
		return new FileAreas(areasByFile, new TreeSet<>(runAreas));
	}

	private static void collect(JdbcTemplate jdbc, long runId, String table, String column,
			Map<String, Set<String>> areasByFile) {
		jdbc.query("SELECT DISTINCT C.AREA, T." + column + " FROM " + table + " T JOIN RECON_CONSTITUENCY C"
				+ " ON C.RUN_ID = T.RUN_ID AND C.CODE = T.CONSTITUENCY_CODE WHERE T.RUN_ID = ?", rs -> {
					String file = "SOURCE".equals(column) ? SourceRef.fileOf(rs.getString(2)) : rs.getString(2);
					areasByFile.computeIfAbsent(file, f -> new TreeSet<>()).add(rs.getString(1));
				}, runId);
	}

	/**
	 * The file's scope in the area's workbook, or {@code null} when it feeds only other areas. The
	 * register, a file that feeds every area of a run with several, and one that feeds none (an
	 * unreadable or ignored file, one whose records matched no constituency) are the run's: every
	 * area lists them.
	 */
	FileScope scope(SourceFile file, String area) {
		Set<String> feeds = areasByFile.getOrDefault(file.file(), Set.of());
		if (REGISTER.equals(file.kind()) || feeds.isEmpty() || (runAreas.size() > 1 && feeds.containsAll(runAreas))) {
			return FileScope.ALL_AREAS;
		}
		return feeds.contains(area) ? FileScope.THIS_AREA : null;
	}
}
