package org.electionrecon.report;

import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.electionrecon.model.SourceFile;
import org.electionrecon.model.SourceRef;
import org.electionrecon.report.AreaReportData.FileScope;
import org.electionrecon.staging.DeclaredPartyVotesText;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Which report areas each input file of a run feeds: the areas of the constituencies its staged
 * records belong to. Read once per run, for every area's Provenance sheet.
 */
final class FileAreas {

	/** Staged records that name their file in a source reference ({@code file!Sheet!C12}, {@code file:line:column}). */
	private static final List<String> BY_SOURCE = List.of("RECON_VERIFICATION_SHEET", "RECON_STATED_FIGURE",
			"RECON_CANDIDATE", "RECON_NOTIONAL", "RECON_REPORTED", "RECON_EXPLANATION", "RECON_REJECTED_FIGURE");

	/**
	 * Staged records that name their files in the sources of a constituency's party votes
	 * ({@link DeclaredPartyVotesText}), one row holding many.
	 */
	private static final String BY_PARTY_VOTES = "RECON_DECLARED_PARTY_VOTES";

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
		// the areas of each constituency code, read once: joining every staged row with RECON_CONSTITUENCY
		// and keeping the distinct pairs made HSQLDB do several times the work of reading the rows alone
		Map<String, Set<String>> areasByCode = new HashMap<>();
		jdbc.query("SELECT CODE, AREA FROM RECON_CONSTITUENCY WHERE RUN_ID = ?", rs -> {
			areasByCode.computeIfAbsent(rs.getString(1), c -> new TreeSet<>()).add(rs.getString(2));
		}, runId);
		Map<String, Set<String>> areasByFile = new HashMap<>();
		for (String table : BY_SOURCE) {
			collect(jdbc, runId, table, "SOURCE", (code, source) -> Collections.singletonList(SourceRef.fileOf(source)),
					areasByCode, areasByFile);
		}
		collect(jdbc, runId, BY_PARTY_VOTES, "PARTY_VOTES", (code, votes) -> DeclaredPartyVotesText.parse(code, votes)
			.stream()
			.map(party -> SourceRef.fileOf(party.source()))
			.distinct()
			.toList(), areasByCode, areasByFile);
		BY_FILE_NAME.forEach((table, column) -> collect(jdbc, runId, table, column,
				(code, file) -> Collections.singletonList(file), areasByCode, areasByFile));
		return new FileAreas(areasByFile, new TreeSet<>(runAreas));
	}

	/** The files a row of a constituency names in a column's value. */
	private interface FilesNamed {
		Collection<String> files(String constituencyCode, String value);
	}

	/** Adds the areas of the constituencies of the table's rows to the areas of the files the rows name. */
	private static void collect(JdbcTemplate jdbc, long runId, String table, String column, FilesNamed named,
			Map<String, Set<String>> areasByCode, Map<String, Set<String>> areasByFile) {
		jdbc.query("SELECT CONSTITUENCY_CODE, " + column + " FROM " + table + " WHERE RUN_ID = ?", rs -> {
			String code = rs.getString(1);
			Set<String> areas = code == null ? null : areasByCode.get(code);
			if (areas == null) {
				// a row of no constituency of the run feeds no area
				return;
			}
			for (String file : named.files(code, rs.getString(2))) {
				areasByFile.computeIfAbsent(file, f -> new TreeSet<>()).addAll(areas);
			}
		}, runId);
	}

	/** The areas whose constituencies the file's staged records belong to; empty when none. */
	Set<String> feeds(String file) {
		return areasByFile.getOrDefault(file, Set.of());
	}

	/**
	 * The file's scope in the area's workbook, or {@code null} when it feeds only other areas. The
	 * register, a file that feeds every area of a run with several, and one that feeds none (an
	 * unreadable or ignored file, one whose records matched no constituency) are the run's: every
	 * area lists them.
	 */
	FileScope scope(SourceFile file, String area) {
		Set<String> feeds = feeds(file.file());
		if (REGISTER.equals(file.kind()) || feeds.isEmpty() || (runAreas.size() > 1 && feeds.containsAll(runAreas))) {
			return FileScope.ALL_AREAS;
		}
		return feeds.contains(area) ? FileScope.THIS_AREA : null;
	}
}
