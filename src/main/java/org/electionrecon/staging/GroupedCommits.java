package org.electionrecon.staging;

import java.sql.Connection;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The embedded database syncs its log to disk at every commit ({@code hsqldb.write_delay=false}),
 * and the ingest step's hundreds of partitions commit a few times each: one sync each made the
 * step several times slower than the files' reading. While the step runs, the log is synced
 * every {@link #SYNC_EVERY_MILLIS} instead, for all the commits made since; at its end every
 * commit is synced at once again. A kill loses at most the last such interval's commits, a
 * consistent prefix of the log: the job repository and the staged rows go back together, and
 * the restart reads those partitions again. Only for HSQLDB; another database keeps its own.
 */
public final class GroupedCommits implements StepExecutionListener {

	static final int SYNC_EVERY_MILLIS = 100;

	private final JdbcTemplate jdbc;

	public GroupedCommits(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		if (hsqldb()) {
			jdbc.execute("SET FILES WRITE DELAY " + SYNC_EVERY_MILLIS + " MILLIS");
		}
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		if (hsqldb()) {
			jdbc.execute("SET FILES WRITE DELAY FALSE");
		}
		return null;
	}

	private boolean hsqldb() {
		return Boolean.TRUE.equals(jdbc.execute((Connection c) -> c.getMetaData()
			.getDatabaseProductName()
			.startsWith("HSQL")));
	}
}
