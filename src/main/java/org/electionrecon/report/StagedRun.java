package org.electionrecon.report;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.electionrecon.model.CheckCode;
import org.electionrecon.model.FindingStatus;
import org.electionrecon.model.Severity;
import org.electionrecon.model.SourceFile;
import org.electionrecon.model.SourceRef;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What every area's workbook of a run shows alike, read from the staging tables once per run rather
 * than once per area: the run's report areas and their constituencies, which areas each input file
 * feeds, the input files in the order read, each constituency's open findings by severity and the
 * times its files were received, and the run-wide checks' counts (over the run's folders and files). Immutable once read, so the report's writer threads share it.
 */
final class StagedRun {

	/** The folders SOURCE_MISSING looks at: register/, verification/, declarations/ and notional/. */
	private static final int RUN_FOLDERS = 4;

	private static final String IGNORED = "ignored";

	/** The folders whose rows name constituencies that must be in the register. */
	private static final Set<String> NAMING_KINDS = Set.of("verification", "declarations", "notional");

	private final long runId;
	private final String election;
	private final AreaReportData.RunFacts runFacts;
	private final List<String> areas;
	private final Map<String, Set<String>> codesByArea;
	private final Map<String, CountNight.Receipts> receipts;
	private final FileAreas fileAreas;
	/** The areas fed by a file this run read rather than copied from an earlier run's staging. */
	private final Set<String> fedByFilesReadAnew;
	private final List<SourceFile> sourceFiles;
	private final Map<String, Map<Severity, Integer>> openFindings;
	private final Map<CheckCode, long[]> runWideCounts;
	private final Map<CheckCode, String> runWideReasons;

	private StagedRun(long runId, String election, AreaReportData.RunFacts runFacts, List<String> areas,
			Map<String, Set<String>> codesByArea, Map<String, CountNight.Receipts> receipts, FileAreas fileAreas,
			List<SourceFile> sourceFiles, Map<String, Map<Severity, Integer>> openFindings,
			Map<CheckCode, long[]> runWideCounts, Map<CheckCode, String> runWideReasons, Set<String> fedByFilesReadAnew) {
		this.runId = runId;
		this.election = election;
		this.runFacts = runFacts;
		this.areas = List.copyOf(areas);
		this.codesByArea = Map.copyOf(codesByArea);
		this.receipts = Map.copyOf(receipts);
		this.fileAreas = fileAreas;
		this.fedByFilesReadAnew = Set.copyOf(fedByFilesReadAnew);
		this.sourceFiles = List.copyOf(sourceFiles);
		this.openFindings = Map.copyOf(openFindings);
		this.runWideCounts = Map.copyOf(runWideCounts);
		this.runWideReasons = Map.copyOf(runWideReasons);
	}

	/** Reads the run's shared parts from the staging tables. */
	static StagedRun read(JdbcTemplate jdbc, long runId, String election, AreaReportData.RunFacts runFacts) {
		List<String> areas = jdbc.queryForList("SELECT DISTINCT AREA FROM RECON_FIGURES WHERE RUN_ID = ? ORDER BY AREA",
				String.class, runId);
		Map<String, Set<String>> codesByArea = new HashMap<>();
		jdbc.query("SELECT AREA, CODE FROM RECON_FIGURES WHERE RUN_ID = ?", rs -> {
			codesByArea.computeIfAbsent(rs.getString(1), a -> new HashSet<>()).add(rs.getString(2));
		}, runId);
		codesByArea.replaceAll((area, codes) -> Set.copyOf(codes));
		// the files this run read rather than copied from an earlier run's staging, from the same rows
		List<String> filesReadAnew = new ArrayList<>();
		// and each file's name and receipt by FILE_SEQ, which the staged records name their file by
		Map<Long, String> fileNames = new HashMap<>();
		Map<Long, LocalDateTime> receivedAt = new HashMap<>();
		List<SourceFile> files = jdbc.query("SELECT FILE_NAME, KIND, SHA256, BYTES, ROWS_READ, ROWS_ACCEPTED,"
				+ " ROWS_REJECTED, ROWS_OUT_OF_SCOPE, NOTES, REUSED_FROM_RUN, FILE_SEQ, RECEIVED_AT FROM RECON_SOURCE_FILE"
				+ " WHERE RUN_ID = ? ORDER BY SEQ", (rs, i) -> {
					if (rs.getObject(10) == null) {
						filesReadAnew.add(rs.getString(1));
					}
					fileNames.put(rs.getLong(11), rs.getString(1));
					receivedAt.merge(rs.getLong(11), rs.getTimestamp(12).toLocalDateTime(), CountNight::later);
					return new SourceFile(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
							rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getString(9));
				}, runId);

		Map<String, Map<Severity, Integer>> openFindings = new HashMap<>();
		jdbc.query("SELECT CONSTITUENCY_CODE, SEVERITY, COUNT(*) FROM RECON_FINDING WHERE RUN_ID = ? AND STATUS = ?"
				+ " AND CONSTITUENCY_CODE IS NOT NULL GROUP BY CONSTITUENCY_CODE, SEVERITY", rs -> {
					openFindings.computeIfAbsent(rs.getString(1), c -> new EnumMap<>(Severity.class))
						.put(Severity.valueOf(rs.getString(2)), rs.getInt(3));
				}, runId, FindingStatus.OPEN.name());
		openFindings.replaceAll((code, counts) -> java.util.Collections.unmodifiableMap(counts));

		// the run-wide checks: over the run's folders and files, as every area's Findings lists them
		Map<CheckCode, long[]> counts = new EnumMap<>(CheckCode.class);
		Map<CheckCode, String> reasons = new EnumMap<>(CheckCode.class);
		Long missing = jdbc.queryForObject("SELECT COUNT(*) FROM RECON_FINDING WHERE RUN_ID = ? AND CHECK_CODE = ?",
				Long.class, runId, CheckCode.SOURCE_MISSING.name());
		counts.put(CheckCode.SOURCE_MISSING, new long[] { RUN_FOLDERS, missing == null ? 0 : missing });
		Set<String> unreadable = filesOf(jdbc, runId, CheckCode.SOURCE_UNREADABLE);
		Set<String> unknown = filesOf(jdbc, runId, CheckCode.UNKNOWN_CONSTITUENCY);
		long[] read = new long[2];
		long[] naming = new long[2];
		for (SourceFile file : files) {
			if (IGNORED.equals(file.kind())) {
				continue;
			}
			read[0]++;
			if (unreadable.contains(file.file())) {
				read[1]++;
			}
			else if (NAMING_KINDS.contains(file.kind())) {
				naming[0]++;
				naming[1] += unknown.contains(file.file()) ? 1 : 0;
			}
		}
		counts.put(CheckCode.SOURCE_UNREADABLE, read);
		counts.put(CheckCode.UNKNOWN_CONSTITUENCY, naming);
		if (read[0] == 0) {
			reasons.put(CheckCode.SOURCE_UNREADABLE, "no input file was read");
		}
		if (naming[0] == 0) {
			reasons.put(CheckCode.UNKNOWN_CONSTITUENCY, "no readable file in verification/, declarations/ or notional/");
		}
		// which constituencies each file staged records of, read once for the receipts and the files' areas
		FileConstituencies staged = FileConstituencies.read(jdbc, runId);
		Map<String, CountNight.Receipts> receipts = CountNight.receipts(staged, receivedAt);
		FileAreas fileAreas = FileAreas.of(jdbc, runId, areas, staged, fileNames);
		Set<String> readAnew = new HashSet<>();
		for (String file : filesReadAnew) {
			readAnew.addAll(fileAreas.feeds(file));
		}
		return new StagedRun(runId, election, runFacts, areas, codesByArea, receipts, fileAreas, files, openFindings,
				counts, reasons, readAnew);
	}

	/** The files named by the run's findings of a check. */
	private static Set<String> filesOf(JdbcTemplate jdbc, long runId, CheckCode check) {
		Set<String> files = new HashSet<>();
		jdbc.query("SELECT SOURCE FROM RECON_FINDING WHERE RUN_ID = ? AND CHECK_CODE = ?", rs -> {
			String file = SourceRef.fileOf(rs.getString(1));
			if (file != null) {
				files.add(file);
			}
		}, runId, check.name());
		return files;
	}

	long runId() {
		return runId;
	}

	String election() {
		return election;
	}

	AreaReportData.RunFacts runFacts() {
		return runFacts;
	}

	/** The run's report areas, by name. */
	List<String> areas() {
		return areas;
	}

	/**
	 * The run's report areas in the order their workbooks are written: first those fed by a file
	 * this run read (new or changed since the run it copied the others from), so that on count
	 * night the area of the file that just arrived is the first one replaced; then the others. By
	 * name within each; a run that read every file writes them all by name.
	 */
	List<String> writeOrder() {
		return writeOrder(areas, fedByFilesReadAnew);
	}

	/** The areas (by name) with those fed by a file read anew moved ahead of the others, each part by name. */
	static List<String> writeOrder(List<String> areas, Set<String> fedByFilesReadAnew) {
		List<String> order = new ArrayList<>(areas);
		order.sort(java.util.Comparator.comparing((String area) -> !fedByFilesReadAnew.contains(area)));
		return List.copyOf(order);
	}

	/**
	 * When each of the area's constituencies' files were received, by code ({@link CountNight}); a
	 * constituency received nothing from is left out.
	 */
	Map<String, CountNight.Receipts> receipts(String area) {
		return CountNight.of(receipts, codesByArea.getOrDefault(area, Set.of()));
	}

	FileAreas fileAreas() {
		return fileAreas;
	}

	/** Every input file of the run, in the order read. */
	List<SourceFile> sourceFiles() {
		return sourceFiles;
	}

	/** A constituency's open findings by severity; empty when it has none. */
	Map<Severity, Integer> openFindings(String constituencyCode) {
		return openFindings.getOrDefault(constituencyCode, Map.of());
	}

	/**
	 * Sets the run-wide checks' counts (each a new array: evaluated, failed) over an area's, and their
	 * reason where the run had nothing to evaluate them on.
	 */
	void putRunWideChecks(Map<CheckCode, long[]> counts, Map<CheckCode, List<String>> reasons) {
		runWideCounts.forEach((check, count) -> counts.put(check, count.clone()));
		runWideReasons.forEach((check, reason) -> reasons.put(check, List.of(reason)));
	}
}
