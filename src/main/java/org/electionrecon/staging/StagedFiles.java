package org.electionrecon.staging;

import java.sql.ResultSetMetaData;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.electionrecon.ingest.EarlierStaging;
import org.electionrecon.ingest.ReusedFile;
import org.electionrecon.ingest.StagedFileIdentity;
import org.electionrecon.ingest.UnchangedFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The input files as the staging tables hold them, for incremental runs: a file that an earlier
 * completed run staged from the same bytes, under the same name and with the same read key
 * ({@code RECON_SOURCE_FILE}: SHA256, FILE_NAME, READ_KEY) is copied from that run, row for row,
 * instead of being read again. Every table a file's reading writes has the file's first sequence
 * number ({@code FILE_SEQ}); a copy keeps every column but the run, the file's first sequence
 * number and each row's sequence number, moved by the same difference, so the copied rows sort
 * exactly where a full read of the file in this run would have put them.
 * <p>
 * All of a step's unchanged files are copied at once ({@link #copy}): one {@code INSERT ... SELECT}
 * per staging table, joined to the list of files as a table of values (from run, from
 * {@code FILE_SEQ}, this run's {@code FILE_SEQ}), whatever the number of files and of runs they
 * come from.
 * <p>
 * A listener of the ingest step: at its end it logs how many of the run's files were copied and
 * how many read.
 */
public final class StagedFiles implements StepExecutionListener, EarlierStaging {

	private static final Logger log = LoggerFactory.getLogger(StagedFiles.class);

	/**
	 * The tables a file's reading writes, each with FILE_SEQ; RECON_FINDING's findings of the
	 * ingest only ({@code STAGE = 'INGEST'}), with the status and note they were staged with.
	 */
	static final List<String> FILE_TABLES = List.of("RECON_CONSTITUENCY", "RECON_BOX_BLOCK",
			"RECON_VERIFICATION_SHEET", "RECON_STATED_FIGURE", "RECON_DECLARATION", "RECON_DECLARED_PARTY_VOTES",
			"RECON_CANDIDATE", "RECON_NOTIONAL", "RECON_REJECTED_ROW", "RECON_REJECTED_FIGURE", "RECON_SOURCE_FILE",
			"RECON_DECLARED_BREAKDOWN", "RECON_REPORTED", "RECON_EXPLANATION", "RECON_FINDING");

	/** Files copied by one statement per table: the list of values stays a few tens of kilobytes. */
	static final int FILES_PER_STATEMENT = 500;

	private final JdbcTemplate jdbc;

	/** Each table's columns, as the database names them, read once. */
	private final Map<String, List<String>> knownColumns = new ConcurrentHashMap<>();

	public StagedFiles(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public boolean anyCompletedRun(long runId) {
		Long completed = jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE STATUS = 'COMPLETED'"
				+ " AND JOB_INSTANCE_ID <> ?", Long.class, runId);
		return completed != null && completed > 0;
	}

	/**
	 * Of these files, those that a completed run other than this one staged (the same name,
	 * SHA-256 and read key), each from the latest such run. Only a completed run's staging is
	 * taken: a failed run's may lack files, and a running one's may still change. One query per
	 * {@link #FILES_PER_STATEMENT} distinct SHA-256s, through the index on {@code SHA256}, instead of
	 * one query per file.
	 */
	@Override
	public Map<String, ReusedFile> earlier(long runId, List<StagedFileIdentity> files) {
		Map<String, StagedFileIdentity> byName = new HashMap<>();
		for (StagedFileIdentity file : files) {
			if (file.sha256() != null && file.readKey() != null) {
				byName.put(file.fileName(), file);
			}
		}
		List<String> shas = byName.values().stream().map(StagedFileIdentity::sha256).distinct().sorted().toList();
		Map<String, ReusedFile> found = new HashMap<>();
		for (int from = 0; from < shas.size(); from += FILES_PER_STATEMENT) {
			List<String> some = shas.subList(from, Math.min(shas.size(), from + FILES_PER_STATEMENT));
			List<Object> arguments = new ArrayList<>(some);
			arguments.add(runId);
			jdbc.query("SELECT F.FILE_NAME, F.SHA256, F.READ_KEY, F.RUN_ID, F.FILE_SEQ FROM RECON_SOURCE_FILE F"
					+ " WHERE F.SHA256 IN (" + String.join(", ", Collections.nCopies(some.size(), "?")) + ")"
					+ " AND F.RUN_ID <> ? AND EXISTS (SELECT 1 FROM BATCH_JOB_EXECUTION E"
					+ " WHERE E.JOB_INSTANCE_ID = F.RUN_ID AND E.STATUS = 'COMPLETED')", rs -> {
						StagedFileIdentity file = byName.get(rs.getString(1));
						if (file != null && file.sha256().equals(rs.getString(2))
								&& file.readKey().equals(rs.getString(3))) {
							ReusedFile reused = new ReusedFile(file.fileName(), rs.getLong(4), rs.getLong(5),
									file.firstSeq());
							found.merge(file.fileName(), reused,
									(a, b) -> a.fromRun() >= b.fromRun() ? a : b); // the latest run
						}
					}, arguments.toArray());
		}
		return found;
	}

	/**
	 * Copies what each file's run staged from it into run {@code runId}, at the file's first
	 * sequence number in this run. Within the caller's transaction: the copy commits whole, with
	 * whatever the caller commits beside it, or not at all.
	 *
	 * @return the rows copied, in all the tables
	 */
	@Override
	public long copy(long runId, List<ReusedFile> files) {
		long rows = 0;
		for (int from = 0; from < files.size(); from += FILES_PER_STATEMENT) {
			List<ReusedFile> some = files.subList(from, Math.min(files.size(), from + FILES_PER_STATEMENT));
			String mapping = mapping(some);
			for (String table : FILE_TABLES) {
				long start = System.nanoTime();
				int copied = jdbc.update(copyStatement(table, knownColumns.computeIfAbsent(table, this::columns), runId,
						mapping));
				rows += copied;
				log.debug("Copied {} rows of {} in {} ms", copied, table, (System.nanoTime() - start) / 1_000_000);
			}
		}
		log.debug("Copied {} staged rows of {} files", rows, files.size());
		return rows;
	}

	/**
	 * The files as a table of values M (FROM_RUN, FROM_SEQ, TO_SEQ); each number is a long, written
	 * as it is.
	 */
	static String mapping(List<ReusedFile> files) {
		StringBuilder values = new StringBuilder("(VALUES ");
		for (int i = 0; i < files.size(); i++) {
			ReusedFile file = files.get(i);
			if (i == 0) {
				values.append("(CAST(").append(file.fromRun()).append(" AS BIGINT), CAST(").append(file.fromFirstSeq())
					.append(" AS BIGINT), CAST(").append(file.firstSeq()).append(" AS BIGINT))");
			}
			else {
				values.append(", (").append(file.fromRun()).append(", ").append(file.fromFirstSeq()).append(", ")
					.append(file.firstSeq()).append(')');
			}
		}
		return values.append(") AS M (FROM_RUN, FROM_SEQ, TO_SEQ)").toString();
	}

	/** The statement that copies a table's rows of the mapped files into the run. */
	static String copyStatement(String table, List<String> columns, long runId, String mapping) {
		List<String> values = new ArrayList<>(columns.size());
		for (String column : columns) {
			values.add(switch (column.toUpperCase(Locale.ROOT)) {
				case "RUN_ID" -> Long.toString(runId);
				case "FILE_SEQ" -> "M.TO_SEQ";
				case "SEQ" -> "S.SEQ + (M.TO_SEQ - M.FROM_SEQ)";
				case "REUSED_FROM_RUN" -> "M.FROM_RUN";
				// a finding of the ingest is staged OPEN with no note (StagingTables); a later stage of
				// that run may have marked it EXPLAINED, which this run decides again
				case "STATUS" -> table.equals("RECON_FINDING") ? "'OPEN'" : "S." + column;
				case "NOTE" -> table.equals("RECON_FINDING") ? "NULL" : "S." + column;
				default -> "S." + column;
			});
		}
		return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") SELECT " + String.join(", ", values)
				+ " FROM " + mapping + " JOIN " + table + " S ON S.RUN_ID = M.FROM_RUN AND S.FILE_SEQ = M.FROM_SEQ"
				+ (table.equals("RECON_FINDING") ? " AND S.STAGE = 'INGEST'" : "");
	}

	/** A table's columns, as the database names them. */
	private List<String> columns(String table) {
		return jdbc.query("SELECT * FROM " + table + " WHERE 1 = 0", rs -> {
			ResultSetMetaData meta = rs.getMetaData();
			List<String> names = new ArrayList<>(meta.getColumnCount());
			for (int i = 1; i <= meta.getColumnCount(); i++) {
				names.add(meta.getColumnName(i));
			}
			return names;
		});
	}

	/** How many of a run's files (ignored ones aside) were copied from an earlier run, and how many there are. */
	public record Counts(long files, long reused) {

		public long read() {
			return files - reused;
		}
	}

	public Counts counts(long runId) {
		return jdbc.queryForObject("SELECT COUNT(*), COUNT(REUSED_FROM_RUN) FROM RECON_SOURCE_FILE WHERE RUN_ID = ?"
				+ " AND KIND <> 'ignored'", (rs, i) -> new Counts(rs.getLong(1), rs.getLong(2)), runId);
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		long runId = stepExecution.getJobExecution().getJobInstance().getInstanceId();
		Counts counts = counts(runId);
		boolean full = UnchangedFiles.full(stepExecution.getJobExecution().getJobParameters());
		log.info("Input files: {} reused (unchanged since an earlier completed run staged them), {} read{}",
				counts.reused(), counts.read(), full ? " (--full: every file read again)" : "");
		return null;
	}
}
