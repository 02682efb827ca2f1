package org.electionrecon.staging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

import org.electionrecon.ingest.ReusedFile;
import org.electionrecon.ingest.StagedFileIdentity;
import org.hsqldb.jdbc.JDBCDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The copy of unchanged files' staging into a later run, on the embedded database: files of two
 * earlier runs copied by one statement per table, each row at its file's place in the new run; and
 * the look-up of which files an earlier completed run staged the same way.
 */
class StagedFilesTests {

	private static final long FILE = 1_000_000_000L;

	private JdbcTemplate jdbc;

	private StagedFiles stagedFiles;

	@BeforeEach
	void setUp(@TempDir Path folder) throws Exception {
		JDBCDataSource dataSource = EmbeddedStagingDatabase.in(folder);
		StagingSchema.ensure(dataSource);
		jdbc = new JdbcTemplate(dataSource);
		stagedFiles = new StagedFiles(jdbc);
		// run 0 staged a.csv (file 1) and b.csv (file 2); run 1 staged c.csv (file 1), itself a copy from run 0
		sourceFile(0, FILE, "a.csv", null);
		sourceFile(0, 2 * FILE, "b.csv", null);
		sourceFile(1, FILE, "c.csv", 0L);
		candidate(0, FILE, FILE + 1, "Ann");
		candidate(0, FILE, FILE + 2, "Bob");
		candidate(0, 2 * FILE, 2 * FILE + 1, "Cy");
		candidate(1, FILE, FILE + 1, "Di");
		finding(0, FILE, "INGEST", "EXPLAINED", "a note");
		finding(0, null, "RECONCILE", "OPEN", null);
		finding(1, FILE, "INGEST", "OPEN", null);
	}

	@Test
	void shouldCopyTheFilesOfSeveralRunsEachToItsPlaceInTheNewRun() {
		// the new run 5 orders them c.csv (file 1), b.csv (file 2), a.csv (file 4)
		long rows = stagedFiles.copy(5, List.of(new ReusedFile("a.csv", 0, FILE, 4 * FILE),
				new ReusedFile("b.csv", 0, 2 * FILE, 2 * FILE), new ReusedFile("c.csv", 1, FILE, FILE)));

		assertThat(rows).isEqualTo(3 + 4 + 2);
		assertThat(jdbc.query("SELECT FILE_SEQ, SEQ, FILE_NAME, REUSED_FROM_RUN, RECEIVED_AT FROM RECON_SOURCE_FILE"
				+ " WHERE RUN_ID = 5 ORDER BY SEQ", (rs, i) -> tuple(rs.getLong(1), rs.getLong(2), rs.getString(3),
						rs.getLong(4), rs.getTimestamp(5))))
			.containsExactly(tuple(FILE, FILE + 9, "c.csv", 1L, received("c.csv")),
					tuple(2 * FILE, 2 * FILE + 9, "b.csv", 0L, received("b.csv")),
					tuple(4 * FILE, 4 * FILE + 9, "a.csv", 0L, received("a.csv")));
		assertThat(jdbc.query("SELECT FILE_SEQ, SEQ, SURNAME FROM RECON_CANDIDATE WHERE RUN_ID = 5 ORDER BY SEQ",
				(rs, i) -> tuple(rs.getLong(1), rs.getLong(2), rs.getString(3))))
			.containsExactly(tuple(FILE, FILE + 1, "Di"), tuple(2 * FILE, 2 * FILE + 1, "Cy"),
					tuple(4 * FILE, 4 * FILE + 1, "Ann"), tuple(4 * FILE, 4 * FILE + 2, "Bob"));
		// the ingest's findings only, put back OPEN with no note as a reader stages them
		assertThat(jdbc.query("SELECT FILE_SEQ, STAGE, STATUS, NOTE FROM RECON_FINDING WHERE RUN_ID = 5 ORDER BY FILE_SEQ",
				(rs, i) -> tuple(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4))))
			.containsExactly(tuple(FILE, "INGEST", "OPEN", null), tuple(4 * FILE, "INGEST", "OPEN", null));
		// the earlier runs keep theirs
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM RECON_CANDIDATE WHERE RUN_ID IN (0, 1)", Long.class))
			.isEqualTo(4);
	}

	@Test
	void shouldCopyNothingForNoFile() {
		assertThat(stagedFiles.copy(5, List.of())).isZero();
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM RECON_SOURCE_FILE WHERE RUN_ID = 5", Long.class)).isZero();
	}

	@Test
	void shouldFindEachFileInTheLatestCompletedRunThatStagedItUnderItsNameFromItsBytesWithItsReadKey() {
		completedRuns();
		// a.csv (run 0) again in runs 1 and 2 (completed), 3 (failed) and 7 (this run's own staging)
		sourceFile(1, 2 * FILE, "a.csv", 0L, "sha", "key");
		sourceFile(2, 5 * FILE, "a.csv", 1L, "sha", "key");
		sourceFile(3, FILE, "a.csv", null, "sha", "key");
		sourceFile(7, FILE, "a.csv", null, "sha", "key");
		// d.csv only in the failed run 3; e.csv with other bytes, f.csv with another read key
		sourceFile(3, 2 * FILE, "d.csv", null, "sha-d", "key");
		sourceFile(0, 3 * FILE, "e.csv", null, "sha-e-before", "key");
		sourceFile(0, 4 * FILE, "f.csv", null, "sha-f", "key-before");

		var found = stagedFiles.earlier(7, List.of(new StagedFileIdentity("a.csv", "sha", "key", FILE),
				new StagedFileIdentity("b.csv", "sha", "key", 2 * FILE),
				new StagedFileIdentity("c.csv", "sha", "key", 3 * FILE),
				new StagedFileIdentity("d.csv", "sha-d", "key", 4 * FILE),
				new StagedFileIdentity("e.csv", "sha-e", "key", 5 * FILE),
				new StagedFileIdentity("f.csv", "sha-f", "key", 6 * FILE),
				// the bytes of a.csv under a name no run staged
				new StagedFileIdentity("g.csv", "sha", "key", 7 * FILE)));

		assertThat(found).containsOnly(entry("a.csv", new ReusedFile("a.csv", 2, 5 * FILE, FILE)),
				entry("b.csv", new ReusedFile("b.csv", 0, 2 * FILE, 2 * FILE)),
				entry("c.csv", new ReusedFile("c.csv", 1, FILE, 3 * FILE)));
	}

	@Test
	void shouldFindFilesBeyondOneStatementsShare() {
		completedRuns();
		List<StagedFileIdentity> files = new ArrayList<>();
		for (int i = 1; i <= StagedFiles.FILES_PER_STATEMENT + 2; i++) {
			sourceFile(2, (10L + i) * FILE, "file" + i + ".csv", null, "sha" + i, "key");
			files.add(new StagedFileIdentity("file" + i + ".csv", "sha" + i, "key", i * FILE));
		}

		var found = stagedFiles.earlier(7, files);

		assertThat(found).hasSize(StagedFiles.FILES_PER_STATEMENT + 2);
		assertThat(found.get("file1.csv")).isEqualTo(new ReusedFile("file1.csv", 2, 11 * FILE, FILE));
		assertThat(found.get("file502.csv")).isEqualTo(new ReusedFile("file502.csv", 2, 512 * FILE, 502 * FILE));
	}

	@Test
	void shouldFindNothingForNoFile() {
		completedRuns();
		assertThat(stagedFiles.earlier(7, List.of())).isEmpty();
	}

	/** Runs 0, 1 and 2 completed (run 1 after a failed execution), run 3 failed, run 7 (this one) running. */
	private void completedRuns() {
		for (long run : List.of(0L, 1L, 2L, 3L, 7L)) {
			jdbc.update("INSERT INTO BATCH_JOB_INSTANCE (JOB_INSTANCE_ID, VERSION, JOB_NAME, JOB_KEY)"
					+ " VALUES (?, 0, 'reconciliationJob', ?)", run, "key" + run);
		}
		long execution = 1;
		for (Object[] run : List.of(new Object[] { 0L, "COMPLETED" }, new Object[] { 1L, "FAILED" },
				new Object[] { 1L, "COMPLETED" }, new Object[] { 2L, "COMPLETED" }, new Object[] { 3L, "FAILED" },
				new Object[] { 7L, "STARTED" })) {
			jdbc.update("INSERT INTO BATCH_JOB_EXECUTION (JOB_EXECUTION_ID, VERSION, JOB_INSTANCE_ID, CREATE_TIME, STATUS)"
					+ " VALUES (?, 0, ?, CURRENT_TIMESTAMP, ?)", execution++, run[0], run[1]);
		}
	}

	private Timestamp received(String file) {
		return jdbc.queryForObject("SELECT MIN(RECEIVED_AT) FROM RECON_SOURCE_FILE WHERE FILE_NAME = ?",
				Timestamp.class, file);
	}

	private void sourceFile(long run, long fileSeq, String name, Long reusedFrom) {
		sourceFile(run, fileSeq, name, reusedFrom, "sha", "key");
	}

	private void sourceFile(long run, long fileSeq, String name, Long reusedFrom, String sha, String readKey) {
		jdbc.update("INSERT INTO RECON_SOURCE_FILE (RUN_ID, FILE_SEQ, SEQ, FILE_NAME, KIND, SHA256, BYTES, ROWS_READ,"
				+ " ROWS_ACCEPTED, ROWS_REJECTED, ROWS_OUT_OF_SCOPE, NOTES, READER_VERSION, READ_KEY, REUSED_FROM_RUN,"
				+ " RECEIVED_AT) VALUES (?, ?, ?, ?, 'declarations', ?, 10, 2, 2, 0, 0, '', 'v1', ?, ?, ?)",
				run, fileSeq, fileSeq + 9, name, sha, readKey, reusedFrom,
				Timestamp.valueOf(String.format("2024-07-05 %02d:%02d:00", fileSeq / FILE % 24, run)));
	}

	private void candidate(long run, long fileSeq, long seq, String surname) {
		jdbc.update("INSERT INTO RECON_CANDIDATE (RUN_ID, FILE_SEQ, SEQ, CONSTITUENCY_CODE, SURNAME, PARTY, VOTES,"
				+ " ELECTED, SOURCE) VALUES (?, ?, ?, 'E14001513', ?, 'Lab', 100, FALSE, 'x.csv!A1')", run, fileSeq, seq,
				surname);
	}

	private void finding(long run, Long fileSeq, String stage, String status, String note) {
		jdbc.update("INSERT INTO RECON_FINDING (RUN_ID, FILE_SEQ, STAGE, SEVERITY, CHECK_CODE, STATUS, MESSAGE, NOTE)"
				+ " VALUES (?, ?, ?, 'ERROR', 'SOURCE_UNREADABLE', ?, 'm', ?)", run, fileSeq, stage, status, note);
	}
}
