package org.electionrecon.staging;

import java.nio.file.Path;
import java.sql.SQLException;

import org.hsqldb.jdbc.JDBCDataSource;

/**
 * HSQLDB databases for tests of the staging tables: file-backed as the job opens it (no HSQLDB
 * lock file), or in memory with the job's tables made.
 */
public final class EmbeddedStagingDatabase {

	private EmbeddedStagingDatabase() {
	}

	/** A database in {@code folder}, without any table yet ({@link StagingSchema#ensure} makes them). */
	public static JDBCDataSource in(Path folder) {
		JDBCDataSource dataSource = new JDBCDataSource();
		dataSource.setUrl("jdbc:hsqldb:file:" + folder.resolve("recon") + ";shutdown=true;hsqldb.lock_file=false");
		dataSource.setUser("SA");
		return dataSource;
	}

	/**
	 * A new in-memory database named after the test (made unique), with the job's tables: Spring
	 * Batch's and the staging tables ({@link StagingSchema#ensure}).
	 */
	public static JDBCDataSource inMemory(String name) throws SQLException {
		JDBCDataSource dataSource = new JDBCDataSource();
		dataSource.setUrl("jdbc:hsqldb:mem:" + name + "-" + System.nanoTime());
		dataSource.setUser("SA");
		StagingSchema.ensure(dataSource);
		return dataSource;
	}
}
