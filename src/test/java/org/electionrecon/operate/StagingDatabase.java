package org.electionrecon.operate;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The job database of an output folder, opened read-only-in-spirit after the job's JVM has gone
 * ({@code shutdown=true}: closing the last connection closes the database and frees its lock).
 */
final class StagingDatabase implements AutoCloseable {

	/** Staging tables whose rows carry the sequence number of the record they staged. */
	static final List<String> SEQUENCED = List.of("RECON_BOX_BLOCK", "RECON_CANDIDATE", "RECON_REJECTED_ROW",
			"RECON_SOURCE_FILE", "RECON_DECLARATION", "RECON_REPORTED", "RECON_EXPLANATION");

	/** Staging tables with one row per constituency code. */
	static final List<String> BY_CODE = List.of("RECON_FIGURES", "RECON_CONSTITUENCY");

	private final Connection connection;

	private StagingDatabase(Connection connection) {
		this.connection = connection;
	}

	static StagingDatabase open(Path output) throws SQLException {
		Path folder = output.resolve(".election-recon-db");
		if (!Files.isDirectory(folder)) {
			throw new IllegalStateException("no job database in " + output);
		}
		String url = "jdbc:hsqldb:file:" + folder.resolve("recon") + ";shutdown=true;ifexists=true";
		long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
		while (true) {
			try {
				return new StagingDatabase(DriverManager.getConnection(url, "SA", ""));
			}
			catch (SQLException ex) {
				// a JVM killed a moment ago leaves its lock file, which HSQLDB honours until the file's
				// heartbeat (renewed every 10 s) is old enough; the job's own connection pool waits too
				if (System.nanoTime() > deadline || ex.getMessage() == null || !ex.getMessage().contains("lock")) {
					throw ex;
				}
				try {
					Thread.sleep(500);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					throw ex;
				}
			}
		}
	}

	/**
	 * The staging tables (RECON_*, but not the schema version, nor RECON_RUN_FAILURE, which records a
	 * run's history: a killed run rightly has a failure there that an uninterrupted one has not).
	 */
	List<String> stagingTables() throws SQLException {
		List<String> tables = new ArrayList<>();
		try (ResultSet rs = query("SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'"
				+ " AND TABLE_NAME LIKE 'RECON\\_%' ESCAPE '\\' AND TABLE_NAME <> 'RECON_SCHEMA'"
				+ " AND TABLE_NAME <> 'RECON_RUN_FAILURE' ORDER BY TABLE_NAME")) {
			while (rs.next()) {
				tables.add(rs.getString(1));
			}
		}
		return tables;
	}

	List<String> columns(String table) throws SQLException {
		List<String> columns = new ArrayList<>();
		try (ResultSet rs = query("SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_SCHEMA = 'PUBLIC'"
				+ " AND TABLE_NAME = '" + table + "' ORDER BY ORDINAL_POSITION")) {
			while (rs.next()) {
				columns.add(rs.getString(1));
			}
		}
		return columns;
	}

	/** Rows per staging table. */
	Map<String, Long> rowCounts() throws SQLException {
		Map<String, Long> counts = new TreeMap<>();
		for (String table : stagingTables()) {
			counts.put(table, single("SELECT COUNT(*) FROM " + table));
		}
		return counts;
	}

	/**
	 * Every duplicate: two rows of a run with the same sequence number (or constituency code for
	 * the per-constituency tables), and in every staging table two rows equal in every column.
	 */
	List<String> duplicates() throws SQLException {
		List<String> found = new ArrayList<>();
		for (String table : SEQUENCED) {
			found.addAll(groups(table, "RUN_ID, SEQ"));
		}
		for (String table : BY_CODE) {
			found.addAll(groups(table, "RUN_ID, CODE"));
		}
		for (String table : stagingTables()) {
			found.addAll(groups(table, String.join(", ", columns(table))));
		}
		return found;
	}

	private List<String> groups(String table, String key) throws SQLException {
		List<String> found = new ArrayList<>();
		try (ResultSet rs = query("SELECT " + key + ", COUNT(*) FROM " + table + " GROUP BY " + key
				+ " HAVING COUNT(*) > 1")) {
			int n = rs.getMetaData().getColumnCount();
			while (rs.next()) {
				List<String> values = new ArrayList<>();
				for (int i = 1; i < n; i++) {
					values.add(rs.getString(i));
				}
				found.add(table + " (" + key + ") = " + values + " appears " + rs.getLong(n) + " times");
			}
		}
		return found;
	}

	/**
	 * Columns holding votes by party as {@code Con=12;Lab=34} text, written from a {@code Map.copyOf},
	 * whose order differs from one JVM to the next: compared as the set of their pairs.
	 */
	static final java.util.Set<String> UNORDERED_PAIRS = java.util.Set.of("PARTY_VOTES", "REJECTED_BY_CATEGORY");

	/** Every staging table's rows, without the run id, in a fixed order. */
	Map<String, List<String>> contents() throws SQLException {
		// when a file was received is the time this database first staged it: another database's differs
		return contents(java.util.Set.of("RECEIVED_AT"));
	}

	/** Every staging table's rows, without the run id and those columns, in a fixed order. */
	Map<String, List<String>> contents(java.util.Set<String> leftOut) throws SQLException {
		Map<String, List<String>> contents = new LinkedHashMap<>();
		for (String table : stagingTables()) {
			contents.put(table, rows(table, leftOut, ""));
		}
		return contents;
	}

	/** The tables reconcileStep writes: a constituency's figures, its findings and its check counts. */
	static final List<String> OUTCOME_TABLES = List.of("RECON_FIGURES", "RECON_FINDING", "RECON_CHECK_COUNT");

	/** The latest run's rows of each of {@link #OUTCOME_TABLES}, without the run id, in a fixed order. */
	Map<String, List<String>> latestOutcomes() throws SQLException {
		long run = single("SELECT MAX(RUN_ID) FROM RECON_FIGURES");
		Map<String, List<String>> outcomes = new LinkedHashMap<>();
		for (String table : OUTCOME_TABLES) {
			outcomes.put(table, rows(table, java.util.Set.of(), " WHERE RUN_ID = " + run));
		}
		return outcomes;
	}

	private List<String> rows(String table, java.util.Set<String> leftOut, String where) throws SQLException {
		List<String> columns = new ArrayList<>(columns(table));
		columns.remove("RUN_ID");
		columns.removeAll(leftOut);
		String list = String.join(", ", columns);
		List<String> rows = new ArrayList<>();
		try (ResultSet rs = query("SELECT " + list + " FROM " + table + where + " ORDER BY " + list)) {
			while (rs.next()) {
				StringBuilder row = new StringBuilder();
				for (int i = 1; i <= columns.size(); i++) {
					String value = rs.getString(i);
					if (value != null && UNORDERED_PAIRS.contains(columns.get(i - 1))) {
						value = String.join(";", new java.util.TreeSet<>(List.of(value.split(";"))));
					}
					row.append(i == 1 ? "" : " | ").append(value);
				}
				rows.add(row.toString());
			}
			java.util.Collections.sort(rows);
		}
		return rows;
	}

	/** One step execution of the job repository. */
	record StepRun(long jobExecutionId, String step, String status, long writeCount, String exitMessage) {
	}

	/**
	 * The job's steps as the job runs them, by job execution. A partitioned step's partitions
	 * ({@code ingestStep:file00003}) are not listed on their own: their writes are the step's, as
	 * committed, so a step killed before it could sum them still counts what its partitions wrote.
	 */
	List<StepRun> stepExecutions() throws SQLException {
		List<StepRun> steps = new ArrayList<>();
		Map<String, Long> partitionWrites = new java.util.HashMap<>();
		try (ResultSet rs = query("SELECT JOB_EXECUTION_ID, STEP_NAME, STATUS, WRITE_COUNT, EXIT_MESSAGE"
				+ " FROM BATCH_STEP_EXECUTION ORDER BY JOB_EXECUTION_ID, STEP_EXECUTION_ID")) {
			while (rs.next()) {
				String name = rs.getString(2);
				int partition = name.indexOf(':');
				if (partition >= 0) {
					partitionWrites.merge(rs.getLong(1) + " " + name.substring(0, partition), rs.getLong(4), Long::sum);
				}
				else {
					steps.add(new StepRun(rs.getLong(1), name, rs.getString(3), rs.getLong(4), rs.getString(5)));
				}
			}
		}
		return steps.stream().map(s -> {
			Long written = partitionWrites.get(s.jobExecutionId() + " " + s.step());
			return written == null ? s : new StepRun(s.jobExecutionId(), s.step(), s.status(), written, s.exitMessage());
		}).toList();
	}

	/** The statuses of the job's executions, oldest first. */
	List<String> jobExecutionStatuses() throws SQLException {
		List<String> statuses = new ArrayList<>();
		try (ResultSet rs = query("SELECT STATUS FROM BATCH_JOB_EXECUTION ORDER BY JOB_EXECUTION_ID")) {
			while (rs.next()) {
				statuses.add(rs.getString(1));
			}
		}
		return statuses;
	}

	long single(String sql) throws SQLException {
		try (ResultSet rs = query(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}

	private ResultSet query(String sql) throws SQLException {
		Statement statement = connection.createStatement();
		statement.closeOnCompletion();
		return statement.executeQuery(sql);
	}

	@Override
	public void close() throws SQLException {
		connection.close();
	}
}
