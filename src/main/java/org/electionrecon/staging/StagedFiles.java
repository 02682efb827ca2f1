package org.electionrecon.staging;

import java.sql.ResultSetMetaData;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.electionrecon.ingest.ReusedFile;
import org.electionrecon.ingest.StagedFileLookup;
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
 * A listener of the ingest step: at its end it logs how many of the run's files were copied and
 * how many read.
 */
public final class StagedFiles implements StepExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(StagedFiles.class);

	/**
	 * The tables a file's reading writes, each with FILE_SEQ; RECON_FINDING's findings of the
	 * ingest only ({@code STAGE = 'INGEST'}), with the status and note they were staged with.
	 */
	static final List<String> FILE_TABLES = List.of("RECON_CONSTITUENCY", "RECON_BOX_BLOCK",
			"RECON_VERIFICATION_SHEET", "RECON_STATED_FIGURE", "RECON_DECLARATION", "RECON_DECLARED_PARTY_VOTES",
			"RECON_CANDIDATE", "RECON_NOTIONAL", "RECON_REJECTED_ROW", "RECON_REJECTED_FIGURE", "RECON_SOURCE_FILE",
			"RECON_DECLARED_BREAKDOWN", "RECON_REPORTED", "RECON_EXPLANATION", "RECON_FINDING");

	private final JdbcTemplate jdbc;

	public StagedFiles(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** The lookup a partition of a run uses. */
	public StagedFileLookup lookupFor(long runId) {
		return (fileName, sha256, readKey) -> earlier(runId, fileName, sha256, readKey);
	}

	/**
	 * The latest completed run other than this one that staged the file (the same name, SHA-256
	 * and read key); empty when none did. Only a completed run's staging is taken: a failed run's
	 * may lack files, and a running one's may still change.
	 */
	public Optional<ReusedFile> earlier(long runId, String fileName, String sha256, String readKey) {
		if (sha256 == null || readKey == null) {
			return Optional.empty();
		}
		List<ReusedFile> found = jdbc.query("SELECT F.RUN_ID, F.FILE_SEQ FROM RECON_SOURCE_FILE F"
				+ " WHERE F.SHA256 = ? AND F.FILE_NAME = ? AND F.READ_KEY = ? AND F.RUN_ID <> ?"
				+ " AND EXISTS (SELECT 1 FROM BATCH_JOB_EXECUTION E WHERE E.JOB_INSTANCE_ID = F.RUN_ID"
				+ " AND E.STATUS = 'COMPLETED') ORDER BY F.RUN_ID DESC",
				(rs, i) -> new ReusedFile(fileName, rs.getLong(1), rs.getLong(2)), sha256, fileName, readKey, runId);
		return found.stream().findFirst();
	}

	/**
	 * Copies what run {@code file.fromRun()} staged from the file into run {@code runId}, where the
	 * file's first sequence number is {@code firstSeq}. Within the caller's transaction (the
	 * partition's chunk): the copy commits whole with the partition's progress, or not at all.
	 *
	 * @param knownColumns each table's columns, filled as they are first needed
	 */
	static void copy(JdbcTemplate jdbc, Map<String, List<String>> knownColumns, ReusedFile file, long runId,
			long firstSeq) {
		long shift = firstSeq - file.fromFirstSeq();
		int rows = 0;
		for (String table : FILE_TABLES) {
			List<String> columns = new ArrayList<>();
			List<String> values = new ArrayList<>();
			for (String column : knownColumns.computeIfAbsent(table, t -> columns(jdbc, t))) {
				columns.add(column);
				values.add(switch (column.toUpperCase(Locale.ROOT)) {
					case "RUN_ID" -> Long.toString(runId);
					case "FILE_SEQ" -> Long.toString(firstSeq);
					case "SEQ" -> "SEQ + " + shift;
					case "REUSED_FROM_RUN" -> Long.toString(file.fromRun());
					// a finding of the ingest is staged OPEN with no note (StagingTables); a later stage of
					// that run may have marked it EXPLAINED, which this run decides again
					case "STATUS" -> table.equals("RECON_FINDING") ? "'OPEN'" : column;
					case "NOTE" -> table.equals("RECON_FINDING") ? "NULL" : column;
					default -> column;
				});
			}
			rows += jdbc.update("INSERT INTO " + table + " (" + String.join(", ", columns) + ") SELECT "
					+ String.join(", ", values) + " FROM " + table + " WHERE RUN_ID = ? AND FILE_SEQ = ?"
					+ (table.equals("RECON_FINDING") ? " AND STAGE = 'INGEST'" : ""), file.fromRun(), file.fromFirstSeq());
		}
		log.debug("Copied {} staged rows of {} from run {}", rows, file.file(), file.fromRun());
	}

	/** A table's columns, as the database names them (the caller keeps them: they are the same all along). */
	private static List<String> columns(JdbcTemplate jdbc, String table) {
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
		boolean full = "true".equals(stepExecution.getJobExecution().getJobParameters().getString(FULL));
		log.info("Input files: {} reused (unchanged since an earlier completed run staged them), {} read{}",
				counts.reused(), counts.read(), full ? " (--full: every file read again)" : "");
		return null;
	}

	/** The job parameter of {@code --full} (not identifying): every file is read, none copied. */
	public static final String FULL = "full";
}
