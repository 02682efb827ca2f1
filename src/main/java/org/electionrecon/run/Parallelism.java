package org.electionrecon.run;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

/**
 * How many worker threads the steps that work side by side use (reconciliation, report writing):
 * one per core, but never more than the connection pool serves beside the connection the step's
 * own transaction holds, so that no worker waits for a connection. With fewer than two
 * connections there is no worker: the step does the work in its own thread, as it did before.
 */
public final class Parallelism {

	/** Spring Boot's pool size when the data source does not say (HikariCP's default is 10). */
	private static final int ASSUMED_CONNECTIONS = 4;

	private Parallelism() {
	}

	public static int workers(DataSource dataSource) {
		int connections = dataSource instanceof HikariDataSource hikari ? hikari.getMaximumPoolSize()
				: ASSUMED_CONNECTIONS;
		int workers = Math.min(Runtime.getRuntime().availableProcessors(), connections - 1);
		return workers < 2 ? 0 : workers;
	}

	/**
	 * How many files a partitioned step reads at a time: one per core, never more than the pool
	 * serves beside one connection for the job repository, and at least one.
	 */
	public static int partitionWorkers(DataSource dataSource) {
		return Math.max(1, workers(dataSource));
	}

	/** A pool of that many daemon threads of that name: a stuck worker never keeps the JVM alive. */
	public static java.util.concurrent.ExecutorService pool(int threads, String name) {
		return java.util.concurrent.Executors.newFixedThreadPool(threads, task -> {
			Thread thread = new Thread(task, name);
			thread.setDaemon(true);
			return thread;
		});
	}
}
