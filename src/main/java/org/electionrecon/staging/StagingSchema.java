package org.electionrecon.staging;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;

import javax.sql.DataSource;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;

/**
 * Creates the Spring Batch job repository tables and the staging tables the first time a
 * database is used, and leaves an existing database as it is: the file-backed database outlives
 * the JVM so that a failed run can be restarted.
 */
public final class StagingSchema {

	private StagingSchema() {
	}

	public static void ensure(DataSource dataSource) throws SQLException {
		try (Connection connection = dataSource.getConnection()) {
			String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
			String platform = product.contains("postgres") ? "postgresql" : "hsqldb";
			if (!tableExists(connection, "BATCH_JOB_INSTANCE")) {
				new ResourceDatabasePopulator(
						new ClassPathResource("org/springframework/batch/core/schema-" + platform + ".sql"))
					.populate(connection);
			}
			if (!tableExists(connection, "RECON_FINDING")) {
				new ResourceDatabasePopulator(new ClassPathResource("db/staging-schema.sql")).populate(connection);
			}
		}
	}

	private static boolean tableExists(Connection connection, String table) throws SQLException {
		DatabaseMetaData meta = connection.getMetaData();
		for (String name : new String[] { table, table.toLowerCase(Locale.ROOT) }) {
			try (ResultSet tables = meta.getTables(null, null, name, new String[] { "TABLE" })) {
				if (tables.next()) {
					return true;
				}
			}
		}
		return false;
	}
}
