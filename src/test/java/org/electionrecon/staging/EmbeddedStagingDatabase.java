package org.electionrecon.staging;

import java.nio.file.Path;

import org.hsqldb.jdbc.JDBCDataSource;

/** A file-backed HSQLDB for tests of the staging tables, as the job opens it (no HSQLDB lock file). */
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
}
