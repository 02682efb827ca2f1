package org.electionrecon.report;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.electionrecon.model.SourceFile;
import org.electionrecon.report.AreaReportData.FileScope;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Which report areas each input file of a run feeds: the areas of the constituencies its staged
 * records belong to. Read once per run, for every area's Provenance sheet.
 */
final class FileAreas {

	/** The kind of the file that lists the constituencies of every area. */
	private static final String REGISTER = "register";

	private final Map<String, Set<String>> areasByFile;

	private final Set<String> runAreas;

	FileAreas(Map<String, Set<String>> areasByFile, Set<String> runAreas) {
		this.areasByFile = areasByFile;
		this.runAreas = Set.copyOf(runAreas);
	}

	/**
	 * The areas each file of the run feeds, and the run's report areas.
	 *
	 * @param staged the constituencies of each file's staged records, by FILE_SEQ
	 * @param fileNames each file's name, by FILE_SEQ
	 */
	static FileAreas of(JdbcTemplate jdbc, long runId, List<String> runAreas, FileConstituencies staged,
			Map<Long, String> fileNames) {
		// the areas of each constituency code, read once: joining every staged row with RECON_CONSTITUENCY
		// and keeping the distinct pairs made HSQLDB do several times the work of reading the rows alone
		Map<String, Set<String>> areasByCode = new HashMap<>();
		jdbc.query("SELECT CODE, AREA FROM RECON_CONSTITUENCY WHERE RUN_ID = ?", rs -> {
			areasByCode.computeIfAbsent(rs.getString(1), c -> new TreeSet<>()).add(rs.getString(2));
		}, runId);
		return of(staged.all(), fileNames, areasByCode, runAreas);
	}

	/**
	 * The areas each file feeds: those of the constituencies of its staged records (a record of no
	 * constituency of the run feeds no area).
	 */
	static FileAreas of(Map<Long, Set<String>> codesByFile, Map<Long, String> fileNames,
			Map<String, Set<String>> areasByCode, List<String> runAreas) {
		Map<String, Set<String>> areasByFile = new HashMap<>();
		codesByFile.forEach((fileSeq, codes) -> {
			String file = fileNames.get(fileSeq);
			if (file == null) {
				return;
			}
			for (String code : codes) {
				Set<String> areas = areasByCode.get(code);
				if (areas != null) {
					areasByFile.computeIfAbsent(file, f -> new TreeSet<>()).addAll(areas);
				}
			}
		});
		return new FileAreas(areasByFile, new TreeSet<>(runAreas));
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
